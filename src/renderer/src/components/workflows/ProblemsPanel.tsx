import { useId, type ReactElement } from 'react'
import { useReactFlow } from '@xyflow/react'
import type { ValidationIssue } from '../../../../shared/schemas/workflows'
import { plural } from '../../lib/format'
import { isWorkflowIssue } from '../../lib/workflowMessages'
import { useGraph } from '../../stores/workflowGraph'
import { useWorkflows } from '../../stores/workflows'
import { ErrorAlert } from '../ErrorAlert'

const KIND_LABELS: Record<ValidationIssue['kind'], string> = {
  cycle: 'Cycle',
  unreachable: 'Unreachable',
  'missing-input': 'Missing input',
  'unknown-variable': 'Unknown variable',
  'bad-config': 'Configuration',
  'bad-edge': 'Connection',
  structure: 'Structure'
}

const FOCUS_ZOOM = 1.1

/**
 * What validation found, each problem a button that selects its node and brings it into view;
 * problems of the workflow's triggers and settings open the Workflow tab.
 */
export function ProblemsPanel({ onSelect, onWorkflow }: { onSelect: () => void; onWorkflow: () => void }): ReactElement {
  const headingId = useId()
  const issues = useWorkflows((s) => s.issues)
  const validateError = useWorkflows((s) => s.validateError)
  const empty = useGraph((s) => s.nodes.length === 0)
  const { setCenter } = useReactFlow()

  const focus = (nodeId: string): void => {
    const node = useGraph.getState().nodes.find((n) => n.id === nodeId)
    if (!node) return
    useGraph.getState().select(nodeId)
    onSelect()
    const width = node.measured?.width ?? 0
    const height = node.measured?.height ?? 0
    void setCenter(node.position.x + width / 2, node.position.y + height / 2, { zoom: FOCUS_ZOOM, duration: 300 })
  }

  return (
    <section className="wf-panel wf-problems" aria-labelledby={headingId}>
      <h2 id={headingId} className="wf-panel-title">
        Problems {issues.length ? <span className="badge badge-bad">{issues.length}</span> : null}
      </h2>
      <ErrorAlert error={validateError ? `Could not check the workflow: ${validateError}` : null} />
      {empty ? (
        <p className="muted small">An empty workflow: add a Start node, the steps, and an End node.</p>
      ) : issues.length === 0 && !validateError ? (
        <p className="muted small" role="status">
          No problems found.
        </p>
      ) : null}
      {issues.length ? (
      <ul className="wf-problem-list" aria-label={plural(issues.length, 'problem')}>
        {issues.map((issue, i) => (
          <li key={`${issue.kind}-${issue.nodeId ?? ''}-${issue.edgeId ?? ''}-${i}`}>
            {issue.nodeId ? (
              <button type="button" className="wf-problem" onClick={() => focus(issue.nodeId as string)}>
                <span className="wf-problem-kind">{KIND_LABELS[issue.kind]}</span>
                <span className="wf-problem-node">{issue.nodeId}</span>
                <span>{issue.message}</span>
              </button>
            ) : isWorkflowIssue(issue) ? (
              <button type="button" className="wf-problem" onClick={onWorkflow}>
                <span className="wf-problem-kind">{KIND_LABELS[issue.kind]}</span>
                <span className="wf-problem-node">Workflow</span>
                <span>{issue.message}</span>
              </button>
            ) : (
              <p className="wf-problem">
                <span className="wf-problem-kind">{KIND_LABELS[issue.kind]}</span>
                <span>{issue.message}</span>
              </p>
            )}
          </li>
        ))}
      </ul>
      ) : null}
    </section>
  )
}
