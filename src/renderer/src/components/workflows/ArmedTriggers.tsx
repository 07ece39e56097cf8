import { useEffect, useState, type ReactElement } from 'react'
import type { RequestOutput } from '../../../../shared/contract'
import { formatDateTime } from '../../lib/format'
import { client, errorMessage } from '../../stores/session'
import { useWorkflows } from '../../stores/workflows'
import { ErrorAlert } from '../ErrorAlert'

type Armed = RequestOutput<'workflows.triggers'>

const KIND_LABELS: Record<Armed[number]['kind'], string> = { schedule: 'Schedule', watch: 'Folder watch', event: 'Event' }

/** What the core has armed for the saved version of the open workflow: next run times, or why a trigger is not armed. */
export function ArmedTriggers(): ReactElement | null {
  const id = useWorkflows((s) => s.doc?.id ?? null)
  const version = useWorkflows((s) => s.doc?.version ?? null)
  const [armed, setArmed] = useState<Armed | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (!id) return
    let live = true
    client()
      .call('workflows.triggers')
      .then(
        (all) => {
          if (!live) return
          setArmed(all.filter((t) => t.workflowId === id))
          setError(null)
        },
        (err: unknown) => {
          if (live) setError(errorMessage(err))
        }
      )
    return () => {
      live = false
    }
  }, [id, version])
  if (!id) return null
  if (error) return <ErrorAlert error={`Could not read the triggers: ${error}`} />
  if (!armed) return null
  return (
    <section className="wf-armed" aria-label="Armed triggers">
      <h4 className="field-label">Armed now (saved version)</h4>
      {armed.length === 0 ? (
        <p className="muted">No trigger is armed: turn one on and save.</p>
      ) : (
        <ul>
          {armed.map((t) => (
            <li key={t.kind} className={t.error ? 'text-error' : undefined}>
              <strong>{KIND_LABELS[t.kind]}</strong>: {t.error ?? t.detail}
              {t.nextRunAt ? ` · next run ${formatDateTime(t.nextRunAt)}` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
