import { useEffect, useId, useState, type FormEvent, type ReactElement } from 'react'
import { client } from '../../stores/session'
import { useJobs } from '../../stores/jobs'
import { useAction } from '../../hooks/useAction'
import { CancelJobButton, JobSummary } from '../JobSummary'
import { ErrorAlert } from '../ErrorAlert'

/** Pull a model by name as a job: progress from jobs.updated, Cancel through jobs.cancel. */
export function OllamaPull({ providerId, onPulled }: { providerId: string; onPulled: () => void }): ReactElement {
  const id = useId()
  const [model, setModel] = useState('')
  const [jobId, setJobId] = useState<string | null>(null)
  const job = useJobs((s) => s.jobs.find((j) => j.id === jobId) ?? null)
  const action = useAction()
  const running = job?.state === 'running'
  const state = job?.state

  useEffect(() => {
    if (state === 'succeeded') onPulled()
  }, [state, onPulled])

  const pull = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    const started = await action.run('Could not start the pull', () =>
      client().call('ollama.pull', { providerId, model: model.trim() })
    )
    if (!started) return
    // jobs.updated may already have brought a newer state of this job than the reply: keep it.
    if (!useJobs.getState().jobs.some((j) => j.id === started.id)) useJobs.getState().receive(started)
    setJobId(started.id)
  }

  return (
    <div className="pull">
      <form className="inline-form" onSubmit={(e) => void pull(e)}>
        <label htmlFor={`${id}-model`}>Pull a model</label>
        <input
          id={`${id}-model`}
          value={model}
          required
          placeholder="e.g. llama3.2:3b"
          spellCheck={false}
          onChange={(e) => setModel(e.target.value)}
        />
        <button type="submit" className="button button-small button-primary" disabled={running || action.busy}>
          Pull
        </button>
      </form>
      {job ? (
        <div className="pull-job">
          <JobSummary job={job} />
          <CancelJobButton job={job} />
        </div>
      ) : null}
      <ErrorAlert error={action.error} />
    </div>
  )
}
