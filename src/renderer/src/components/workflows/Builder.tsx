import { useEffect, useMemo, useState, type ReactElement } from 'react'
import { ReactFlowProvider } from '@xyflow/react'
import { useBuilderShortcuts } from '../../hooks/useBuilderShortcuts'
import { useGraph } from '../../stores/workflowGraph'
import { currentFile, useDirty, useWorkflows } from '../../stores/workflows'
import { Tabs } from '../Tabs'
import { ErrorAlert } from '../ErrorAlert'
import { Canvas } from './Canvas'
import { Inspector } from './Inspector'
import { Palette } from './Palette'
import { ProblemsPanel } from './ProblemsPanel'
import { RunView } from './RunView'
import { RunsPanel } from './RunsPanel'
import { Toolbar } from './Toolbar'
import { WorkflowSettings } from './WorkflowSettings'

type Side = 'node' | 'run' | 'workflow'
const SIDE_TABS: { id: Side; label: string }[] = [
  { id: 'node', label: 'Node' },
  { id: 'run', label: 'Run' },
  { id: 'workflow', label: 'Workflow' }
]

/** Checks the workflow with the core shortly after each change. */
function useValidation(): void {
  const doc = useWorkflows((s) => s.doc)
  const nodes = useGraph((s) => s.nodes)
  const edges = useGraph((s) => s.edges)
  const meta = useGraph((s) => s.meta)
  const key = useMemo(() => (doc ? JSON.stringify(currentFile(doc, { nodes, edges, meta })) : ''), [doc, nodes, edges, meta])
  useEffect(() => {
    if (key) useWorkflows.getState().validateSoon()
  }, [key])
}

/** The browser asks before a reload or close would lose unsaved changes. */
function useLeaveWarning(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return undefined
    const warn = (event: BeforeUnloadEvent): void => event.preventDefault()
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [dirty])
}

function Messages(): ReactElement {
  const error = useWorkflows((s) => s.error)
  const notice = useWorkflows((s) => s.notice)
  return (
    <>
      <ErrorAlert error={error} onDismiss={() => useWorkflows.getState().clearMessages()} />
      <p className="muted small wf-notice" role="status">
        {notice}
      </p>
    </>
  )
}

/** The open workflow: toolbar, palette, canvas, node, run and workflow details, problems and runs. */
export function Builder(): ReactElement {
  const [side, setSide] = useState<Side>('node')
  const dirty = useDirty()
  useValidation()
  useLeaveWarning(dirty)
  const graph = useGraph.getState()
  useBuilderShortcuts({
    undo: graph.undo,
    redo: graph.redo,
    copy: () => graph.copy(),
    paste: graph.paste,
    save: () => void useWorkflows.getState().save()
  })
  useEffect(() => {
    void useWorkflows.getState().loadTools()
  }, [])

  return (
    <ReactFlowProvider>
      <div className="wf-builder">
        <Toolbar onRunShown={() => setSide('run')} />
        <Messages />
        <div className="wf-main">
          <Palette />
          <Canvas onNodeOpen={() => setSide('run')} />
          <aside className="wf-side" aria-label="Details">
            <Tabs label="Details" tabs={SIDE_TABS} current={side} onChange={setSide}>
              {side === 'node' ? <Inspector onWorkflow={() => setSide('workflow')} /> : side === 'run' ? <RunView /> : <WorkflowSettings />}
            </Tabs>
          </aside>
        </div>
        <div className="wf-bottom">
          <ProblemsPanel onSelect={() => setSide('node')} onWorkflow={() => setSide('workflow')} />
          <RunsPanel onShow={() => setSide('run')} />
        </div>
      </div>
    </ReactFlowProvider>
  )
}
