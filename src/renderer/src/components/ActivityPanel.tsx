import type { ReactElement } from 'react'
import type { Job } from '../../../shared/contract'
import { useJobs } from '../stores/jobs'
import { useUi } from '../stores/ui'
import { StatusBadge } from './Badge'
import { Progress } from './Progress'
import { Icon } from './Icon'
import { elapsed, formatTime } from '../lib/format'

function JobItem({ job }: { job: Job }): ReactElement {
  const cancel = useJobs((s) => s.cancel)
  const cancelling = useJobs((s) => s.cancelling.includes(job.id))
  const detail = job.error ?? job.message
  return (
    <li className="job">
      <div className="job-head">
        <span className="job-title">{job.title}</span>
        <StatusBadge status={job.state} />
      </div>
      {job.state === 'running' || job.progress !== null ? (
        <Progress value={job.progress} label={`Progress of ${job.title}`} />
      ) : null}
      {detail ? <p className={job.error ? 'job-detail text-error' : 'job-detail'}>{detail}</p> : null}
      <div className="job-foot">
        <span>
          {formatTime(job.startedAt)} · {elapsed(job.startedAt, job.endedAt)}
        </span>
        {job.state === 'running' ? (
          <button
            type="button"
            className="button button-small"
            onClick={() => void cancel(job.id)}
            disabled={cancelling}
            aria-label={`Cancel ${job.title}`}
          >
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        ) : null}
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
