import { useCallback, useEffect, useState, type ReactElement } from 'react'
import type { z } from 'zod'
import type { DeadLetter, DeadLetterSelection, RetryResult, SubscriberView } from '../../../../shared/schemas/events'
import { Section } from '../Page'
import { ErrorAlert } from '../ErrorAlert'
import { ConfirmButton } from '../ConfirmButton'
import { client } from '../../stores/session'
import { useDeadLetters } from '../../stores/deadLetters'
import { useQuery } from '../../hooks/useQuery'
import { useAction } from '../../hooks/useAction'
import { useInterval } from '../../hooks/useInterval'
import { formatDateTime } from '../../lib/format'

type Subscriber = z.infer<typeof SubscriberView>
type Selection = z.infer<typeof DeadLetterSelection>

/** Offsets move without an event: lag is re-read this often. */
const REFRESH_MS = 5000

function retried({ retried, delivered, failed }: z.infer<typeof RetryResult>): string {
  if (retried === 0) return 'Nothing to retry: the dead letters changed meanwhile.'
  return `Retried ${retried}: ${delivered} delivered, ${failed} failed again.`
}

interface LettersTableProps {
  letters: DeadLetter[]
  busy: boolean
  onRetry: (selection: Selection, what: string) => Promise<void>
  onPurge: (selection: Selection, what: string) => Promise<void>
}

function LettersTable({ letters, busy, onRetry, onPurge }: LettersTableProps): ReactElement {
  return (
    <div className="table-wrap">
      <table className="table table-compact" aria-label="Dead letters">
        <thead>
          <tr>
            <th scope="col">Subscriber</th>
            <th scope="col">Event</th>
            <th scope="col">Error</th>
            <th scope="col">Attempts</th>
            <th scope="col">Failed at</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {letters.map((l) => {
            const what = `the event ${l.offset} (${l.topic}) of ${l.subscriber}`
            return (
              <tr key={l.id}>
                <th scope="row" className="cell-title">
                  <code>{l.subscriber}</code>
                </th>
                <td>
                  <code className="nowrap">{l.topic}</code>
                  <div className="cell-sub">offset {l.offset}</div>
                  <details className="dead-letter-payload">
                    <summary>
                      Payload<span className="sr-only"> of event {l.offset}</span>
                    </summary>
                    <pre>{JSON.stringify(l.payload, null, 2)}</pre>
                  </details>
                </td>
                <td className="cell-error">{l.error}</td>
                <td>{l.attempts}</td>
                <td>
                  <time dateTime={l.failedAt}>{formatDateTime(l.failedAt)}</time>
                </td>
                <td>
                  <div className="row-actions">
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={`Retry ${what}`}
                      disabled={busy}
                      onClick={() => void onRetry({ id: l.id }, what)}
                    >
                      Retry
                    </button>
                    <ConfirmButton
                      label="Purge"
                      ariaLabel={`Purge ${what}`}
                      question={`Delete ${what} for good?`}
                      confirmLabel="Purge"
                      disabled={busy}
                      onConfirm={() => onPurge({ id: l.id }, what)}
                    />
                  </div>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

function SubscribersTable({ subscribers }: { subscribers: Subscriber[] }): ReactElement {
  if (subscribers.length === 0) {
    return <p className="empty">No durable subscriber yet: workflows with an event trigger add one.</p>
  }
  return (
    <div className="table-wrap">
      <table className="table table-compact" aria-label="Durable subscribers">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Pattern</th>
            <th scope="col">Offset</th>
            <th scope="col">Lag</th>
            <th scope="col">Dead letters</th>
          </tr>
        </thead>
        <tbody>
          {subscribers.map((s) => (
            <tr key={s.name}>
              <th scope="row" className="cell-title">
                <code>{s.name}</code>
              </th>
              <td>
                <code>{s.pattern}</code>
              </td>
              <td>{s.deliveredOffset}</td>
              <td>{s.lag}</td>
              <td>{s.deadLetters}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** Dead letters (inspect, retry, purge) and the durable subscribers they come from. */
export function DeadLettersMonitor(): ReactElement {
  const fetchLetters = useCallback(() => client().call('deadLetters.list'), [])
  const fetchSubscribers = useCallback(() => client().call('events.subscribers'), [])
  const letters = useQuery('Could not list the dead letters', fetchLetters)
  const subscribers = useQuery('Could not list the durable subscribers', fetchSubscribers)
  const action = useAction()
  const [outcome, setOutcome] = useState<string | null>(null)
  const version = useDeadLetters((s) => s.version)
  const { reload: reloadLetters } = letters
  const { reload: reloadSubscribers } = subscribers
  const reload = useCallback(() => {
    reloadLetters()
    reloadSubscribers()
  }, [reloadLetters, reloadSubscribers])

  useInterval(reload, REFRESH_MS)
  useEffect(() => {
    if (version > 0) reload()
  }, [version, reload])

  const retry = async (selection: Selection, what: string): Promise<void> => {
    setOutcome(null)
    const result = await action.run(`Could not retry ${what}`, () => client().call('deadLetters.retry', selection))
    if (result) setOutcome(retried(result))
    reload()
  }
  const purge = async (selection: Selection, what: string): Promise<void> => {
    setOutcome(null)
    const result = await action.run(`Could not purge ${what}`, () => client().call('deadLetters.purge', selection))
    if (result) setOutcome(`Purged ${result.purged}.`)
    reload()
  }

  const list = letters.data ?? []
  return (
    <>
      <Section
        title="Dead letters"
        description="Persisted events a durable subscriber failed to handle after every attempt. Retry hands them to it once more; Purge deletes them."
      >
        <ErrorAlert error={letters.error} />
        <ErrorAlert error={action.error} onDismiss={action.clear} />
        <div className="form-actions">
          <button
            type="button"
            className="button button-small"
            disabled={action.busy || list.length === 0}
            onClick={() => void retry({}, 'the dead letters')}
          >
            Retry all
          </button>
          <ConfirmButton
            label="Purge all"
            question={`Delete all ${list.length} dead letters for good?`}
            confirmLabel="Purge all"
            disabled={action.busy || list.length === 0}
            onConfirm={() => purge({}, 'the dead letters')}
          />
          <span className="muted small dead-letters-outcome" role="status">
            {outcome}
          </span>
        </div>
        {letters.data === null ? null : list.length === 0 ? (
          <p className="empty">No dead letters: every persisted event reached its subscribers.</p>
        ) : (
          <LettersTable letters={list} busy={action.busy} onRetry={retry} onPurge={purge} />
        )}
      </Section>
      <Section title="Durable subscribers" description="Who reads the persisted events, how far each has got (offset) and how many events it has still to handle (lag).">
        <ErrorAlert error={subscribers.error} />
        {subscribers.data ? <SubscribersTable subscribers={subscribers.data} /> : null}
      </Section>
    </>
  )
}
