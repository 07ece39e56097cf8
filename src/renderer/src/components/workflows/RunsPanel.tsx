import { useId, type ReactElement } from 'react'
import { elapsed, formatDateTime } from '../../lib/format'
import { isFinished, useWorkflowRuns } from '../../stores/workflowRuns'
import { useWorkflows } from '../../stores/workflows'
import { StatusBadge } from '../Badge'
import { ErrorAlert } from '../ErrorAlert'

/** Past runs of the open workflow, newest first; picking one shows its node states on the canvas. */
export function RunsPanel({ onShow }: { onShow: () => void }): ReactElement {
  const headingId = useId()
  const saved = useWorkflows((s) => Boolean(s.doc?.id))
  const { runs, loaded, error, shownId } = useWorkflowRuns()
  return (
    <section className="wf-panel wf-runs" aria-labelledby={headingId}>
      <h2 id={headingId} className="wf-panel-title">
        Runs
      </h2>
      <ErrorAlert error={error} />
      {!saved ? <p className="muted small">Runs appear here once the workflow is saved and run.</p> : null}
      {saved && loaded && runs.length === 0 ? <p className="muted small">No runs yet.</p> : null}
      {runs.length ? (
        <ul className="wf-run-list" aria-label="Run history">
          {runs.map((run) => (
            <li key={run.id}>
              <button
                type="button"
                className="wf-run-item"
                aria-pressed={run.id === shownId}
                onClick={() => {
                  void useWorkflowRuns.getState().show(run.id === shownId ? null : run.id)
                  onShow()
                }}
              >
                <StatusBadge status={run.status} />
                <span className="wf-run-when">{formatDateTime(run.startedAt)}</span>
                <span className="muted small">{run.trigger}</span>
                <span className="muted small">{isFinished(run.status) ? elapsed(run.startedAt, run.endedAt) : '…'}</span>
                <span className="muted small">v{run.version}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  )
}
