import type { ReactElement } from 'react'

const TONES: Record<string, { label: string; tone: string }> = {
  closed: { label: 'Closed', tone: 'badge-ok' },
  'half-open': { label: 'Half-open', tone: 'badge-warn' },
  open: { label: 'Open', tone: 'badge-bad' }
}

/** A circuit breaker's state in words (colour only repeats it). */
export function BreakerBadge({ state }: { state: string }): ReactElement {
  const known = TONES[state] ?? { label: state, tone: 'badge-neutral' }
  return <span className={`badge ${known.tone}`}>{known.label}</span>
}
