import { describe, expect, it } from 'vitest'
import { createManualClock } from '../../../src/main/core/resilience/clock'
import { Attempt } from '../../../src/main/core/resilience/retry'
import { AdaptiveTimeouts, RollingPercentile, withTimeout } from '../../../src/main/core/resilience/timeout'

const bounds = { factor: 2, minSamples: 5, window: 50, ttft: { min: 1000, max: 10_000, initial: 5000 }, total: { min: 2000, max: 60_000, initial: 30_000 } }

describe('adaptive timeouts', () => {
  it('rolling percentile over the last samples', () => {
    const p = new RollingPercentile(100)
    expect(p.quantile(0.95)).toBeUndefined()
    for (let i = 1; i <= 100; i++) p.add(i)
    expect(p.quantile(0.95)).toBe(95)
    expect(p.quantile(0.5)).toBe(50)
    for (let i = 0; i < 100; i++) p.add(1000)
    expect(p.quantile(0.5)).toBe(1000)
    p.add(Number.NaN)
    expect(p.length).toBe(100)
  })

  it('uses the defaults until enough observations, then p95 × factor clamped to the bounds', () => {
    const t = new AdaptiveTimeouts(bounds)
    expect(t.deadlines('k')).toEqual({ ttftMs: 5000, totalMs: 30_000 })
    for (let i = 0; i < 4; i++) t.observe('k', { ttftMs: 2000, totalMs: 8000 })
    expect(t.deadlines('k')).toEqual({ ttftMs: 5000, totalMs: 30_000 })
    t.observe('k', { ttftMs: 2000, totalMs: 8000 })
    expect(t.deadlines('k')).toEqual({ ttftMs: 4000, totalMs: 16_000 })
    for (let i = 0; i < 50; i++) t.observe('fast', { ttftMs: 10, totalMs: 50 })
    expect(t.deadlines('fast')).toEqual({ ttftMs: 1000, totalMs: 2000 }) // the minimums
    for (let i = 0; i < 50; i++) t.observe('slow', { ttftMs: 99_000, totalMs: 999_000 })
    expect(t.deadlines('slow')).toEqual({ ttftMs: 10_000, totalMs: 60_000 }) // the maximums
  })
})

describe('withTimeout', () => {
  it('fails with TIMEOUT when no output starts in time, and aborts the attempt', async () => {
    const clock = createManualClock()
    const attempt = new Attempt(1, undefined, 't')
    let signal: AbortSignal | undefined
    const run = withTimeout(clock, attempt, { ttftMs: 1000, totalMs: 5000 }, 'Ollama llama3', (a) => {
      signal = a.signal
      return new Promise(() => {})
    })
    const settled = expect(run).rejects.toMatchObject({ code: 'TIMEOUT', message: 'Ollama llama3 did not start answering within 1 s.' })
    await clock.advance(1000)
    await settled
    expect(signal?.aborted).toBe(true)
  })

  it('stops the first-token limit once output started, and enforces the total', async () => {
    const clock = createManualClock()
    const attempt = new Attempt(1, undefined, 't')
    let finished = false
    const run = withTimeout(clock, attempt, { ttftMs: 1000, totalMs: 5000 }, 'X', async (a) => {
      a.markOutputStarted()
      await new Promise(() => {})
    }).catch((err: unknown) => {
      finished = true
      throw err
    })
    const settled = expect(run).rejects.toMatchObject({ code: 'TIMEOUT', details: { kind: 'total', timeoutMs: 5000 } })
    await clock.advance(4999)
    expect(finished).toBe(false)
    await clock.advance(1)
    await settled
    expect(clock.pending()).toBe(0)
  })

  it('resolves and clears its timer when the call finishes in time', async () => {
    const clock = createManualClock()
    await expect(withTimeout(clock, new Attempt(1, undefined, undefined), { ttftMs: 10, totalMs: 20 }, 'X', async () => 7)).resolves.toBe(7)
    expect(clock.pending()).toBe(0)
  })
})
