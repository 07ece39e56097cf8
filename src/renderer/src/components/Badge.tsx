import type { ReactElement } from 'react'

export type Tone = 'ok' | 'warn' | 'bad' | 'info' | 'neutral'

const LABELS: Record<string, { label: string; tone: Tone }> = {
  ok: { label: 'OK', tone: 'ok' },
  degraded: { label: 'Degraded', tone: 'warn' },
  down: { label: 'Down', tone: 'bad' },
  queued: { label: 'Queued', tone: 'neutral' },
  running: { label: 'Running', tone: 'info' },
  succeeded: { label: 'Succeeded', tone: 'ok' },
  failed: { label: 'Failed', tone: 'bad' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
  skipped: { label: 'Skipped', tone: 'neutral' },
  interrupted: { label: 'Interrupted', tone: 'warn' }
}

export function statusLabel(status: string): string {
  return LABELS[status]?.label ?? status
}

/** A status word with a colour; the word alone carries the meaning. */
export function StatusBadge({ status }: { status: string }): ReactElement {
  const known = LABELS[status] ?? { label: status, tone: 'neutral' as Tone }
  return <span className={`badge badge-${known.tone}`}>{known.label}</span>
}
