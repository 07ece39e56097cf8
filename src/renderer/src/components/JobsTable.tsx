import type { ReactElement } from 'react'
import type { Job } from '../../../shared/contract'
import { StatusBadge } from './Badge'
import { Progress } from './Progress'
import { elapsed, formatTime } from '../lib/format'

/** Jobs as a table: the Monitor page's full view of what the core is doing. */
export function JobsTable({ jobs }: { jobs: Job[] }): ReactElement {
  if (jobs.length === 0) {
    return <p className="empty">No jobs have run since the core started.</p>
  }
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Job</th>
            <th scope="col">State</th>
            <th scope="col">Progress</th>
            <th scope="col">Started</th>
            <th scope="col">Duration</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <tr key={job.id}>
              <td>
                <div className="cell-title">{job.title}</div>
                <div className="cell-sub">{job.error ?? (job.message || job.kind)}</div>
              </td>
              <td>
                <StatusBadge status={job.state} />
              </td>
              <td className="cell-progress">
                <Progress value={job.progress} label={`Progress of ${job.title}`} />
              </td>
              <td className="nowrap">{formatTime(job.startedAt)}</td>
              <td className="nowrap">{elapsed(job.startedAt, job.endedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
