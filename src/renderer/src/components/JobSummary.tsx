import type { ReactElement } from 'react'
import type { Job } from '../../../shared/contract'
import { useJobs } from '../stores/jobs'
import { StatusBadge } from './Badge'
import { Progress } from './Progress'

/** A job's title, state, progress and latest message (or error). */
export function JobSummary({ job }: { job: Job }): ReactElement {
  const detail = job.error ?? job.message
  return (
    <>
      <div className="job-head">
        <span className="job-title">{job.title}</span>
        <StatusBadge status={job.state} />
      </div>
      {job.state === 'running' || job.progress !== null ? <Progress value={job.progress} label={`Progress of ${job.title}`} /> : null}
      {detail ? <p className={job.error ? 'job-detail text-error' : 'job-detail'}>{detail}</p> : null}
    </>
  )
}

/** Asks the core to stop a running job; shown only while it runs. */
export function CancelJobButton({ job }: { job: Job }): ReactElement | null {
  const cancel = useJobs((s) => s.cancel)
  const cancelling = useJobs((s) => s.cancelling.includes(job.id))
  if (job.state !== 'running') return null
  return (
    <button type="button" className="button button-small" onClick={() => void cancel(job.id)} disabled={cancelling} aria-label={`Cancel ${job.title}`}>
      {cancelling ? 'Cancelling…' : 'Cancel'}
    </button>
  )
}
