import { useId, type ReactElement } from 'react'
import type { Run } from '../../../../shared/schemas/workflows'
import { formatMs, formatTime } from '../../lib/format'
import { isFinished, useWorkflowRuns } from '../../stores/workflowRuns'
import { StatusBadge } from '../Badge'
import { JsonView } from './JsonView'
import { ErrorAlert } from '../ErrorAlert'

/** One node of a run: its state, timing, attempts, input, output, error and log lines. */
export function NodeRunDetails({ run, nodeId }: { run: Run; nodeId: string }): ReactElement {
  const headingId = useId()
  const starting = useWorkflowRuns((s) => s.starting)
  const records = run.nodes.filter((n) => n.nodeId === nodeId)
  const last = records.at(-1)
  const logs = run.logs.filter((l) => l.nodeId === nodeId)
  return (
    <section className="wf-node-run" aria-labelledby={headingId}>
      <h3 id={headingId} className="wf-subtitle">
        Node {nodeId}
      </h3>
      {!last ? (
        <p className="muted small">This node has not run in this run.</p>
      ) : (
        <>
          <dl className="wf-facts">
            <div>
              <dt>State</dt>
              <dd>
                <StatusBadge status={last.status} />
              </dd>
            </div>
            <div>
              <dt>Attempts</dt>
              <dd>{Math.max(last.attempt, records.length)}</dd>
            </div>
            <div>
              <dt>Started</dt>
              <dd>{last.startedAt ? formatTime(last.startedAt) : '—'}</dd>
            </div>
            <div>
              <dt>Took</dt>
              <dd>{last.durationMs === null ? '—' : formatMs(last.durationMs)}</dd>
            </div>
          </dl>
          <ErrorAlert error={last.error} />
          <h4 className="wf-label">Input</h4>
          <JsonView label={`Input of ${nodeId}`} value={last.input} />
          <h4 className="wf-label">Output</h4>
          {isFinished(last.status) ? <JsonView label={`Output of ${nodeId}`} value={last.output} /> : <p className="muted small">When the node ends.</p>}
        </>
      )}
      <h4 className="wf-label">Logs</h4>
      {logs.length === 0 ? (
        <p className="muted small">No log lines.</p>
      ) : (
        <ol className="wf-logs" aria-label={`Logs of ${nodeId}`}>
          {logs.map((log, i) => (
            <li key={i} className={`wf-log wf-log-${log.level}`}>
              <time dateTime={log.at}>{formatTime(log.at)}</time> <span className="wf-log-level">{log.level}</span> {log.message}
            </li>
          ))}
        </ol>
      )}
      {isFinished(run.status) ? (
        <button type="button" className="button button-small" disabled={starting} onClick={() => void useWorkflowRuns.getState().rerunFrom(nodeId)}>
          Re-run from here
        </button>
      ) : null}
    </section>
  )
}
