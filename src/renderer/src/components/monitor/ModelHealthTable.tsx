import type { ReactElement } from 'react'
import type { Snapshot } from '../../lib/monitorSeries'
import { formatCost } from '../../lib/chatFormat'
import { formatMs } from '../../lib/format'
import { BreakerBadge } from './BreakerBadge'

type ModelHealth = Snapshot['models'][number]

const dash = '—'
const ms = (v: number | null): string => (v === null ? dash : formatMs(v))
const pair = (a: number | null, b: number | null): string => (a === null && b === null ? dash : `${ms(a)} / ${ms(b)}`)
const percent = (v: number): string => `${(v * 100).toFixed(v > 0 && v < 0.1 ? 1 : 0)}%`

function healthTone(health: number): string {
  if (health >= 0.8) return 'badge-ok'
  if (health >= 0.5) return 'badge-warn'
  return 'badge-bad'
}

function Row({ m }: { m: ModelHealth }): ReactElement {
  return (
    <tr>
      <th scope="row" className="cell-title">
        <code>{m.model}</code>
        <span className="cell-sub">{m.providerId}</span>
      </th>
      <td>
        <BreakerBadge state={m.breaker} />
      </td>
      <td>
        <span className={`badge ${healthTone(m.health)}`}>{Math.round(m.health * 100)}</span>
      </td>
      <td>{pair(m.ttftP50, m.ttftP95)}</td>
      <td>{pair(m.totalP50, m.totalP95)}</td>
      <td>{m.tokensPerSecond === null ? dash : m.tokensPerSecond.toFixed(1)}</td>
      <td>{m.calls === 0 ? dash : percent(m.errorRate)}</td>
      <td>{m.calls}</td>
      <td>{formatCost(m.costUsd)}</td>
    </tr>
  )
}

/** Per provider and model: breaker, health, latency, throughput, errors, calls and cost. */
export function ModelHealthTable({ models }: { models: ModelHealth[] }): ReactElement {
  if (models.length === 0) {
    return <p className="empty">No model has been called in this window yet.</p>
  }
  return (
    <div className="table-wrap">
      <table className="table table-compact monitor-table" aria-label="Models">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Breaker</th>
            <th scope="col">
              <abbr title="Health score from 0 to 100: success rate, breaker state and the last probe">Health</abbr>
            </th>
            <th scope="col">First token p50 / p95</th>
            <th scope="col">Total p50 / p95</th>
            <th scope="col">Tokens/s</th>
            <th scope="col">Error rate</th>
            <th scope="col">Calls</th>
            <th scope="col">Cost</th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <Row key={m.ref} m={m} />
          ))}
        </tbody>
      </table>
    </div>
  )
}
