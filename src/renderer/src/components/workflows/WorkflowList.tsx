import { useId, type ReactElement } from 'react'
import type { WorkflowSummary } from '../../../../shared/schemas/workflows'
import { formatDateTime } from '../../lib/format'
import { useWorkflows } from '../../stores/workflows'
import { StatusBadge } from '../Badge'
import { ConfirmButton } from '../ConfirmButton'
import { ErrorAlert } from '../ErrorAlert'
import { Examples } from './Examples'
import { ImportButton } from './ImportButton'

function Row({ workflow }: { workflow: WorkflowSummary }): ReactElement {
  const store = useWorkflows.getState()
  return (
    <tr>
      <th scope="row">
        <button type="button" className="wf-open-link" onClick={() => void store.open(workflow.id)}>
          {workflow.name}
        </button>
        {workflow.description ? <span className="cell-sub">{workflow.description}</span> : null}
      </th>
      <td>{workflow.nodeCount}</td>
      <td>v{workflow.version}</td>
      <td>{formatDateTime(workflow.updatedAt)}</td>
      <td>{workflow.lastRun ? <StatusBadge status={workflow.lastRun.status} /> : <span className="muted">Never run</span>}</td>
      <td>
        <ConfirmButton
          label="Delete"
          ariaLabel={`Delete “${workflow.name}”`}
          question="Delete this workflow and its versions? Its runs stay in history."
          onConfirm={() => store.remove(workflow.id)}
        />
      </td>
    </tr>
  )
}

/** Saved workflows: open, delete; start a new one, import a file, or open an example. */
export function WorkflowList(): ReactElement {
  const headingId = useId()
  const { list, loaded, listError, error, notice } = useWorkflows()
  return (
    <>
      <div className="action-row">
        <button type="button" className="button button-primary" onClick={() => useWorkflows.getState().create()}>
          New workflow
        </button>
        <ImportButton />
        <span className="muted small" role="status">
          {notice}
        </span>
      </div>
      <ErrorAlert error={error} onDismiss={() => useWorkflows.getState().clearMessages()} />
      <section className="card" aria-labelledby={headingId}>
        <h2 id={headingId} className="card-title">
          Your workflows
        </h2>
        <ErrorAlert error={listError ? `Could not list the workflows: ${listError}` : null} />
        {loaded && list.length === 0 && !listError ? <p className="empty">No workflows yet: start a new one, import a file, or open an example.</p> : null}
        {list.length ? (
          <div className="table-wrap">
            <table className="table" aria-labelledby={headingId}>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Nodes</th>
                  <th scope="col">Version</th>
                  <th scope="col">Changed</th>
                  <th scope="col">Last run</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((w) => (
                  <Row key={w.id} workflow={w} />
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      <Examples />
    </>
  )
}
