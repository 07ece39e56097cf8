import { useState, type ReactElement } from 'react'
import { useReactFlow } from '@xyflow/react'
import { useAction } from '../../hooks/useAction'
import { downloadText } from '../../lib/download'
import { MOD_KEY_LABEL } from '../../pages/routes'
import { client } from '../../stores/session'
import { useGraph } from '../../stores/workflowGraph'
import { isFinished, useWorkflowRuns } from '../../stores/workflowRuns'
import { useDirty, useWorkflows } from '../../stores/workflows'
import { ConfirmButton } from '../ConfirmButton'
import { ErrorAlert } from '../ErrorAlert'
import { RunDialog, type Input } from './RunDialog'
import { SaveDialog } from './SaveDialog'
import { VersionsDialog } from './VersionsDialog'

type Dialog = 'save' | 'run' | 'versions' | null

/** Saves first when there are unsaved changes (a run uses the saved version), then runs or asks for inputs. */
async function runWorkflow(dirty: boolean, askInputs: (inputs: Input[]) => void, onStarted: () => void): Promise<void> {
  if (dirty && !(await useWorkflows.getState().save('Saved to run'))) return
  const start = useGraph.getState().nodes.find((n) => n.data.type === 'START')
  const inputs = Array.isArray(start?.data.config.inputs) ? (start.data.config.inputs as Input[]) : []
  if (inputs.length) askInputs(inputs)
  else if (await useWorkflowRuns.getState().start({})) onStarted()
}

/** Name, save state, and every action on the open workflow. */
export function Toolbar({ onRunShown }: { onRunShown: () => void }): ReactElement | null {
  const doc = useWorkflows((s) => s.doc)
  const dirty = useDirty()
  const canUndo = useGraph((s) => s.past.length > 0)
  const canRedo = useGraph((s) => s.future.length > 0)
  const selected = useGraph((s) => s.nodes.some((n) => n.selected))
  const canPaste = useGraph((s) => s.clipboard !== null)
  const empty = useGraph((s) => s.nodes.length === 0)
  const running = useWorkflowRuns((s) => s.run !== null && !isFinished(s.run.status))
  const starting = useWorkflowRuns((s) => s.starting)
  const { fitView } = useReactFlow()
  const exporting = useAction()
  const [dialog, setDialog] = useState<Dialog>(null)
  const [inputs, setInputs] = useState<Input[]>([])
  if (!doc) return null
  const graph = useGraph.getState()
  const close = (): void => setDialog(null)
  const run = (): Promise<void> =>
    runWorkflow(
      dirty,
      (asked) => {
        setInputs(asked)
        setDialog('run')
      },
      onRunShown
    )

  return (
    <div className="wf-toolbar">
      <div className="wf-toolbar-row">
        {dirty ? (
          <ConfirmButton label="All workflows" tone="neutral" question="Leave without saving?" confirmLabel="Discard changes" onConfirm={() => useWorkflows.getState().close()} />
        ) : (
          <button type="button" className="button button-small" onClick={() => useWorkflows.getState().close()}>
            All workflows
          </button>
        )}
        <input className="wf-name" aria-label="Workflow name" value={doc.name} maxLength={200} onChange={(e) => useWorkflows.getState().rename(e.target.value)} />
        <span className="muted small" role="status">
          {dirty ? 'Unsaved changes' : doc.version ? `Saved · version ${doc.version}` : 'Not saved yet'}
        </span>
        <span className="spacer" />
        <button type="button" className="button button-small" aria-keyshortcuts="Control+S" title={`Save a version with a note (${MOD_KEY_LABEL}S saves without one)`} onClick={() => setDialog('save')} disabled={empty}>
          Save
        </button>
        {running ? (
          <button type="button" className="button button-small button-danger" onClick={() => void useWorkflowRuns.getState().cancel()}>
            Cancel run
          </button>
        ) : (
          <button type="button" className="button button-small button-primary" onClick={() => void run()} disabled={empty || starting}>
            {dirty ? 'Save and run' : 'Run'}
          </button>
        )}
      </div>
      <div className="wf-toolbar-row" role="group" aria-label="Edit">
        <button type="button" className="button button-small" aria-keyshortcuts="Control+Z" title={`Undo (${MOD_KEY_LABEL}Z)`} disabled={!canUndo} onClick={graph.undo}>
          Undo
        </button>
        <button type="button" className="button button-small" aria-keyshortcuts="Control+Shift+Z Control+Y" title={`Redo (${MOD_KEY_LABEL}Shift+Z)`} disabled={!canRedo} onClick={graph.redo}>
          Redo
        </button>
        <button type="button" className="button button-small" aria-keyshortcuts="Control+C" title={`Copy the selected nodes (${MOD_KEY_LABEL}C)`} disabled={!selected} onClick={() => graph.copy()}>
          Copy
        </button>
        <button type="button" className="button button-small" aria-keyshortcuts="Control+V" title={`Paste (${MOD_KEY_LABEL}V)`} disabled={!canPaste} onClick={graph.paste}>
          Paste
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={empty}
          onClick={() => {
            graph.layout()
            // Fit once React Flow has the new positions.
            window.requestAnimationFrame(() => void fitView({ duration: 200, maxZoom: 1 }))
          }}
        >
          Auto-layout
        </button>
        <button type="button" className="button button-small" disabled={empty} onClick={() => void fitView({ duration: 200, maxZoom: 1 })}>
          Fit view
        </button>
        <span className="spacer" />
        <button
          type="button"
          className="button button-small"
          title="Download the saved version as a JSON file"
          disabled={!doc.id || exporting.busy}
          onClick={() =>
            void exporting.run('Could not export the workflow', async () => {
              const file = await client().call('workflows.export', { id: doc.id ?? '' })
              downloadText(file.fileName, file.text)
            })
          }
        >
          Export
        </button>
        <button type="button" className="button button-small" disabled={!doc.id} onClick={() => setDialog('versions')}>
          Versions
        </button>
      </div>
      <ErrorAlert error={exporting.error} onDismiss={exporting.clear} />
      {dialog === 'save' ? <SaveDialog onClose={close} /> : null}
      {dialog === 'run' ? <RunDialog inputs={inputs} onClose={close} onStarted={onRunShown} /> : null}
      {dialog === 'versions' ? <VersionsDialog onClose={close} /> : null}
    </div>
  )
}
