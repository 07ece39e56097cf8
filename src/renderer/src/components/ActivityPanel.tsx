import type { ReactElement } from 'react'
import type { Job } from '../../../shared/contract'
import { useJobs } from '../stores/jobs'
import { useUi } from '../stores/ui'
import { CancelJobButton, JobSummary } from './JobSummary'
import { Icon } from './Icon'
import { elapsed, formatTime } from '../lib/format'

function JobItem({ job }: { job: Job }): ReactElement {
  return (
    <li className="job">
      <JobSummary job={job} />
      <div className="job-foot">
        <span>
          {formatTime(job.startedAt)} · {elapsed(job.startedAt, job.endedAt)}
        </span>
        <CancelJobButton job={job} />
      </div>
    </li>
  )
}

/** Jobs of the core, kept live by the `jobs.updated` event. */
export function ActivityPanel(): ReactElement {
  const jobs = useJobs((s) => s.jobs)
  const error = useJobs((s) => s.error)
  const setOpen = useUi((s) => s.setActivityOpen)
  return (
    <aside id="activity-panel" className="activity" aria-labelledby="activity-title">
      <div className="activity-head">
        <h2 id="activity-title">Activity</h2>
        <button
          type="button"
          className="icon-button"
          onClick={() => setOpen(false)}
          aria-label="Close the Activity panel"
          title="Close"
        >
          <Icon name="close" size={16} />
        </button>
      </div>
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}
      {jobs.length === 0 ? (
        <p className="empty">
          No jobs yet. Long work such as database checks, workflow runs and index rebuilds shows up here.
        </p>
      ) : (
        <ul className="job-list">
          {jobs.map((job) => (
            <JobItem key={job.id} job={job} />
          ))}
        </ul>
      )}
    </aside>
  )
}
