/** Options, snapshots and transition events of the circuit breakers (breaker.ts). */
import type { BreakerState } from '../../../shared/schemas/routing'
import type { Clock } from './clock'

export interface BreakerOptions {
  /** Failure rate in [0, 1] that opens the breaker (reached or exceeded). Default 0.5. */
  failureRateThreshold: number
  /** Calls in the window before the rate is judged. Default 10. */
  minimumVolume: number
  /** Rolling window length in ms, split in `buckets` buckets. Default 60 s in 10 buckets. */
  windowMs: number
  buckets: number
  /** First open duration; later consecutive opens multiply it by `backoffFactor`, up to `maxOpenMs`. */
  openMs: number
  backoffFactor: number
  maxOpenMs: number
  /** Trial calls admitted while half-open; all must succeed to close. Default 1. */
  halfOpenTrials: number
}

export const DEFAULT_BREAKER_OPTIONS: BreakerOptions = {
  failureRateThreshold: 0.5,
  minimumVolume: 10,
  windowMs: 60_000,
  buckets: 10,
  openMs: 10_000,
  backoffFactor: 2,
  maxOpenMs: 300_000,
  halfOpenTrials: 1
}

/** What `snapshot()` returns and `restore()` accepts; stored as JSON in breaker_state. */
export interface BreakerSnapshot {
  key: string
  state: BreakerState
  /** Epoch ms when an open breaker lets a trial through. */
  openUntil: number
  /** Consecutive opens since the breaker last closed (drives the backoff). */
  opens: number
  updatedAt: number
}

export interface BreakerTransition {
  key: string
  from: BreakerState
  to: BreakerState
  at: number
  reason: string
  /** When an open breaker will admit a trial call. */
  retryAt?: number
  traceId?: string
  snapshot: BreakerSnapshot
}

export interface BreakerRegistryOptions extends Partial<BreakerOptions> {
  clock?: Clock
  onTransition?: (transition: BreakerTransition) => void
  /** Human name for a key in error messages, e.g. "OpenAI gpt-4o". Default: the key. */
  describe?: (key: string) => string
  /** Which errors count as failures. Default: NETWORK, TIMEOUT, PROVIDER_SERVER, RATE_LIMITED. */
  isFailure?: (err: unknown) => boolean
}

export function isSnapshot(value: unknown): value is BreakerSnapshot {
  const s = value as Partial<BreakerSnapshot> | null
  return (
    typeof s === 'object' &&
    s !== null &&
    typeof s.key === 'string' &&
    (s.state === 'closed' || s.state === 'open' || s.state === 'half-open') &&
    Number.isFinite(s.openUntil) &&
    Number.isInteger(s.opens) &&
    (s.opens as number) >= 0 &&
    Number.isFinite(s.updatedAt)
  )
}
