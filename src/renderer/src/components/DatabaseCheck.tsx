import { useState, type ReactElement } from 'react'
import { client, errorMessage } from '../stores/session'
import { useJobs } from '../stores/jobs'
import { useInfo } from '../stores/info'
import { StatusBadge } from './Badge'
import { Icon } from './Icon'

/** Starts `db.check` as a job and follows it; the Activity panel shows it too. */
export function DatabaseCheck(): ReactElement {
  const [jobId, setJobId] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const job = useJobs((s) => s.jobs.find((j) => j.id === jobId) ?? null)
  const receive = useJobs((s) => s.receive)
  const running = job?.state === 'running'

  const start = async (): Promise<void> => {
    setError(null)
    try {
      const started = await client().call('db.check')
      receive(started)
      setJobId(started.id)
      void useInfo.getState().load().catch(() => {})
    } catch (err) {
      setError(`Could not start the check: ${errorMessage(err)}`)
    }
  }

  return (
    <div className="action-row">
      <button type="button" className="button" onClick={() => void start()} disabled={running}>
        <Icon name="database" size={16} />
        Check database integrity
      </button>
      <div role="status" className="action-status">
        {job ? (
          <>
            <StatusBadge status={job.state} />
            <span>{job.error ?? job.message}</span>
          </>
        ) : null}
        {error ? <span className="text-error">{error}</span> : null}
      </div>
    </div>
  )
}
