import { describe, expect, it } from 'vitest'
import { feedbackAdjustment } from '../../../src/main/core/routing/feedback'
import { percentile, summarise } from '../../../src/main/core/routing/observations'

describe('percentiles', () => {
  it('uses the nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1)
    expect(percentile(sorted, 0.5)).toBe(50)
    expect(percentile(sorted, 0.95)).toBe(95)
    expect(percentile([7], 0.95)).toBe(7)
    expect(percentile([], 0.5)).toBeNull()
  })

  it('summarises successes for latency and every call for errors', () => {
    const s = (ok: boolean, ttft: number | null, total: number, tokens: number) => ({ providerId: 'p', model: 'm', at: '', ttft, total, outputTokens: tokens, ok: ok ? 1 : 0, cost: 0.01 })
    const o = summarise('p', 'm', [s(true, 100, 1100, 100), s(true, 200, 2200, 100), s(false, null, 50, 0)])
    expect(o).toMatchObject({ calls: 3, errors: 1, ttftP50: 100, ttftP95: 200, totalP50: 1100, totalP95: 2200 })
    expect(o.errorRate).toBeCloseTo(1 / 3)
    expect(o.tokensPerSecond).toBeCloseTo(200 / 3, 5) // 200 tokens over 1 s + 2 s of generation
    expect(o.costUsd).toBeCloseTo(0.03)
  })
})

describe('feedback adjustment', () => {
  it('is zero without votes and moves with them', () => {
    expect(feedbackAdjustment({ up: 0, down: 0, regenerates: 0 })).toBe(0)
    expect(feedbackAdjustment({ up: 3, down: 0, regenerates: 0 })).toBeGreaterThan(0)
    expect(feedbackAdjustment({ up: 0, down: 3, regenerates: 0 })).toBeLessThan(0)
  })

  it('never leaves ±0.1, however many votes', () => {
    expect(feedbackAdjustment({ up: 1e9, down: 0, regenerates: 0 })).toBeLessThanOrEqual(0.1)
    expect(feedbackAdjustment({ up: 1e9, down: 0, regenerates: 0 })).toBeGreaterThan(0.099)
    expect(feedbackAdjustment({ up: 0, down: 1e9, regenerates: 1e9 })).toBeGreaterThanOrEqual(-0.1)
    expect(feedbackAdjustment({ up: 0, down: 1, regenerates: 0 }, { bound: 0.05 })).toBeGreaterThanOrEqual(-0.05)
  })

  it('has a prior: one vote moves little', () => {
    expect(Math.abs(feedbackAdjustment({ up: 1, down: 0, regenerates: 0 }))).toBeLessThan(0.02)
  })

  it('counts a regenerate as a milder negative than a thumbs down', () => {
    const regen = feedbackAdjustment({ up: 0, down: 0, regenerates: 4 })
    const down = feedbackAdjustment({ up: 0, down: 4, regenerates: 0 })
    expect(regen).toBeLessThan(0)
    expect(regen).toBeGreaterThan(down)
  })

  it('ignores nonsense counts', () => {
    expect(feedbackAdjustment({ up: NaN, down: -3, regenerates: NaN })).toBe(0)
  })
})
