import { describe, expect, it } from 'vitest'
import { healthScore, probeDecision, providerHealth } from '../../../src/main/core/routing/health'

const NOW = 1_700_000_000_000

describe('health score', () => {
  it('starts high with no calls and a closed breaker', () => {
    const h = healthScore({ calls: 0, errors: 0, breaker: 'closed', now: NOW })
    expect(h.score).toBeCloseTo(0.95, 3)
    expect(h.reason).toBe('no calls yet, breaker closed')
  })

  it('follows the success rate, damped by the prior for few calls', () => {
    expect(healthScore({ calls: 100, errors: 0, breaker: 'closed' }).score).toBeGreaterThan(0.99)
    expect(healthScore({ calls: 100, errors: 50, breaker: 'closed' }).score).toBeCloseTo((50 + 4.75) / 105, 3)
    // Two failures out of two is bad, but not as bad as 100 out of 100.
    const few = healthScore({ calls: 2, errors: 2, breaker: 'closed' }).score
    const many = healthScore({ calls: 100, errors: 100, breaker: 'closed' }).score
    expect(few).toBeGreaterThan(many)
    expect(few).toBeLessThan(0.7)
  })

  it('is zero with an open breaker and halved when half-open', () => {
    expect(healthScore({ calls: 10, errors: 0, breaker: 'open' }).score).toBe(0)
    const closed = healthScore({ calls: 10, errors: 0, breaker: 'closed' }).score
    expect(healthScore({ calls: 10, errors: 0, breaker: 'half-open' }).score).toBeCloseTo(closed / 2, 2)
  })

  it('counts a fresh failed probe and ignores a stale one', () => {
    const failed = healthScore({ calls: 0, errors: 0, breaker: 'closed', lastProbe: { ok: false, at: NOW - 60_000 }, now: NOW })
    expect(failed.score).toBeLessThan(0.3)
    expect(failed.reason).toMatch(/last probe failed/)
    const stale = healthScore({ calls: 0, errors: 0, breaker: 'closed', lastProbe: { ok: false, at: NOW - 3_600_000 }, now: NOW })
    expect(stale.score).toBeCloseTo(0.95, 3)
  })

  it('stays in [0, 1] on nonsense input', () => {
    for (const input of [{ calls: -5, errors: 9 }, { calls: NaN, errors: NaN }, { calls: 3, errors: 10 }]) {
      const s = healthScore({ ...input, breaker: 'closed' }).score
      expect(s).toBeGreaterThanOrEqual(0)
      expect(s).toBeLessThanOrEqual(1)
    }
  })

  it('pools a provider’s models', () => {
    expect(providerHealth([{ calls: 50, errors: 0 }, { calls: 50, errors: 50 }], 'closed').score).toBeCloseTo(healthScore({ calls: 100, errors: 50, breaker: 'closed' }).score, 5)
  })
})

describe('probe policy', () => {
  it('probes local providers every few minutes, sooner after a failure', () => {
    expect(probeDecision({ local: true, lastProbe: null, now: NOW }).due).toBe(true)
    const ok = probeDecision({ local: true, lastProbe: { ok: true, at: NOW - 60_000 }, now: NOW })
    expect(ok).toEqual({ due: false, nextAt: NOW + 120_000, reason: 'not yet due' })
    expect(probeDecision({ local: true, lastProbe: { ok: true, at: NOW - 180_000 }, now: NOW }).due).toBe(true)
    expect(probeDecision({ local: true, lastProbe: { ok: false, at: NOW - 60_000 }, now: NOW }).due).toBe(true)
  })

  it('probes paid providers only on demand, not twice in a row', () => {
    const idle = probeDecision({ local: false, lastProbe: null, now: NOW })
    expect(idle).toMatchObject({ due: false, nextAt: null })
    expect(probeDecision({ local: false, lastProbe: null, requested: true, now: NOW })).toMatchObject({ due: true, nextAt: null })
    expect(probeDecision({ local: false, lastProbe: { ok: true, at: NOW - 2000 }, requested: true, now: NOW }).due).toBe(false)
  })
})
