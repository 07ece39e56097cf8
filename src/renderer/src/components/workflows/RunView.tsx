import { useId, type ReactElement } from 'react'
import { elapsed, formatTime } from '../../lib/format'
import { useGraph } from '../../stores/workflowGraph'
import { isFinished, useWorkflowRuns } from '../../stores/workflowRuns'
import { StatusBadge } from '../Badge'
import { JsonView } from './JsonView'
import { NodeRunDetails } from './NodeRunDetails'
import { ErrorAlert } from '../ErrorAlert'

/** The run shown on the canvas: its state and final output, and the details of the selected node. */
export function RunView(): ReactElement {
  const headingId = useId()
  const shownId = useWorkflowRuns((s) => s.shownId)
  const run = useWorkflowRuns((s) => s.run)
  const nodeId = useGraph((s) => s.nodes.find((n) => n.selected)?.id)
  if (!shownId) return <p className="muted small wf-side-empty">Run the workflow, or pick a past run, to see each node’s state here.</p>
  if (!run) return <p className="muted small wf-side-empty">Loading the run…</p>
  const done = isFinished(run.status)
  return (
    <div className="wf-run">
      <section aria-labelledby={headingId}>
        <h3 id={headingId} className="wf-subtitle">
          Run of version {run.version} <StatusBadge status={run.status} />
        </h3>
        <p className="muted small">
          {run.trigger} · started {formatTime(run.startedAt)} · {done ? `took ${elapsed(run.startedAt, run.endedAt)}` : 'running'}
        </p>
        <div className="action-row">
          {done ? null : (
            <button type="button" className="button button-small button-danger" onClick={() => void useWorkflowRuns.getState().cancel()}>
              Cancel run
            </button>
          )}
          <button type="button" className="button button-small" onClick={() => void useWorkflowRuns.getState().show(null)}>
            Hide run
          </button>
        </div>
        <ErrorAlert error={run.error} />
        <h4 className="wf-label">Output</h4>
        {done ? <JsonView label="Run output" value={run.output} /> : <p className="muted small">When the run ends.</p>}
        {Object.keys(run.inputs).length ? (
          <>
            <h4 className="wf-label">Inputs</h4>
            <JsonView label="Run inputs" value={run.inputs} />
          </>
        ) : null}
      </section>
      {nodeId ? <NodeRunDetails run={run} nodeId={nodeId} /> : <p className="muted small">Click a node to see its input, output, logs and timing.</p>}
    </div>
  )
}
