import type { ReactElement } from 'react'
import type { z } from 'zod'
import type { BreakerView } from '../../../../shared/schemas/routing'
import { ConfirmButton } from '../ConfirmButton'
import { formatTime } from '../../lib/format'
import { BreakerBadge } from './BreakerBadge'

type Breaker = z.infer<typeof BreakerView>

interface BreakersTableProps {
  breakers: Breaker[]
  onReset: (key: string) => Promise<unknown>
}

/** Every circuit breaker; open and half-open ones can be closed by hand. */
export function BreakersTable({ breakers, onReset }: BreakersTableProps): ReactElement {
  if (breakers.length === 0) return <p className="empty">No circuit breaker yet: they appear with the first calls.</p>
  return (
    <div className="table-wrap">
      <table className="table table-compact" aria-label="Circuit breakers">
        <thead>
          <tr>
            <th scope="col">Breaker</th>
            <th scope="col">State</th>
            <th scope="col">Failure rate</th>
            <th scope="col">Next trial</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {breakers.map((b) => (
            <tr key={b.key}>
              <th scope="row" className="cell-title">
                <code>{b.key}</code>
              </th>
              <td>
                <BreakerBadge state={b.state} />
              </td>
              <td>{`${Math.round(b.failureRate * 100)}%`}</td>
              <td>{b.retryAt && b.state !== 'closed' ? formatTime(b.retryAt) : '—'}</td>
              <td>
                {b.state === 'closed' ? null : (
                  <ConfirmButton
                    label="Reset"
                    ariaLabel={`Reset the breaker of ${b.key}`}
                    question={`Close the breaker of ${b.key} and send calls to it again?`}
                    confirmLabel="Reset breaker"
                    onConfirm={() => onReset(b.key)}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
