/**
 * Health of a provider or model in [0, 1] from the rolling success rate (with a prior, so three
 * calls say little), the circuit breaker's state and the last probe; and the probe policy:
 * local providers every few minutes, paid ones only on demand. Pure functions: the caller owns
 * clocks and timers.
 */
import type { BreakerState } from '../../../shared/schemas/routing'

export interface ProbeResult {
  ok: boolean
  /** Epoch ms. */
  at: number
}

export interface HealthInput {
  calls: number
  errors: number
  breaker: BreakerState
  lastProbe?: ProbeResult | null
  /** Epoch ms; defaults to Date.now(). */
  now?: number
}

export interface Health {
  score: number
  /** One line: "96% of 50 calls succeeded, breaker closed". */
  reason: string
}

/** Pseudo-calls of the prior: a model with no calls starts at PRIOR_SUCCESS. */
export const PRIOR_CALLS = 5
export const PRIOR_SUCCESS = 0.95
/** A probe older than this says nothing any more. */
export const PROBE_FRESH_MS = 15 * 60_000

const BREAKER_FACTOR: Record<BreakerState, number> = { closed: 1, 'half-open': 0.5, open: 0 }

export function healthScore(input: HealthInput): Health {
  const calls = Math.max(0, Number.isFinite(input.calls) ? input.calls : 0)
  const errors = Math.min(calls, Math.max(0, Number.isFinite(input.errors) ? input.errors : 0))
  const success = (calls - errors + PRIOR_CALLS * PRIOR_SUCCESS) / (calls + PRIOR_CALLS)
  const breaker = BREAKER_FACTOR[input.breaker] ?? 1
  const now = input.now ?? Date.now()
  const probe = input.lastProbe && now - input.lastProbe.at <= PROBE_FRESH_MS ? input.lastProbe : null
  // A failed probe pulls hard; it is the freshest evidence when there were no calls since.
  const probeFactor = probe ? (probe.ok ? 1 : 0.3) : 1
  const score = Math.round(Math.max(0, Math.min(1, success * breaker * probeFactor)) * 1000) / 1000
  const parts = [calls > 0 ? `${Math.round(((calls - errors) / calls) * 100)}% of ${calls} calls succeeded` : 'no calls yet', `breaker ${input.breaker}`]
  if (probe) parts.push(probe.ok ? 'last probe ok' : 'last probe failed')
  return { score, reason: parts.join(', ') }
}

/**
 * A provider's health: its models' calls pooled, the provider-level breaker and probe.
 * With no models it is the health of the probe and breaker alone.
 */
export function providerHealth(models: readonly { calls: number; errors: number }[], breaker: BreakerState, lastProbe?: ProbeResult | null, now?: number): Health {
  let calls = 0
  let errors = 0
  for (const m of models) {
    calls += m.calls
    errors += m.errors
  }
  return healthScore({ calls, errors, breaker, lastProbe, now })
}

export interface ProbePolicy {
  /** Between probes of a healthy local provider (default 3 minutes). */
  localIntervalMs: number
  /** Between probes of a local provider whose last probe failed (default 1 minute). */
  localRetryMs: number
  /** On-demand probes of one provider are not repeated within this (default 10 s). */
  minGapMs: number
}

export const DEFAULT_PROBE_POLICY: ProbePolicy = { localIntervalMs: 3 * 60_000, localRetryMs: 60_000, minGapMs: 10_000 }

export interface ProbeDecision {
  due: boolean
  /** When the next automatic probe is due (epoch ms); null for paid providers (on demand only). */
  nextAt: number | null
  reason: string
}

/**
 * Whether to probe a provider now. Local providers cost nothing to probe: every few minutes,
 * sooner after a failure. Paid ones only when asked (a user's "test", a half-open breaker that
 * wants a trial), and never twice within `minGapMs`.
 */
export function probeDecision(
  input: { local: boolean; lastProbe: ProbeResult | null; requested?: boolean; now: number },
  policy: ProbePolicy = DEFAULT_PROBE_POLICY
): ProbeDecision {
  const { local, lastProbe, requested, now } = input
  const sinceLast = lastProbe ? now - lastProbe.at : Infinity
  if (requested) {
    if (sinceLast < policy.minGapMs) {
      return { due: false, nextAt: lastProbe!.at + policy.minGapMs, reason: 'probed moments ago' }
    }
    return { due: true, nextAt: local ? now + policy.localIntervalMs : null, reason: 'requested' }
  }
  if (!local) return { due: false, nextAt: null, reason: 'paid provider: probed on demand only' }
  const interval = lastProbe && !lastProbe.ok ? policy.localRetryMs : policy.localIntervalMs
  if (!lastProbe) return { due: true, nextAt: now + interval, reason: 'never probed' }
  const nextAt = lastProbe.at + interval
  if (now >= nextAt) return { due: true, nextAt: now + interval, reason: lastProbe.ok ? 'interval elapsed' : 'retrying after a failed probe' }
  return { due: false, nextAt, reason: 'not yet due' }
}
