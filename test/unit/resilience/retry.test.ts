import { describe, expect, it } from 'vitest'
import { NexusError, type ErrorCode } from '../../../src/shared/errors'
import { createManualClock } from '../../../src/main/core/resilience/clock'
import { backoffDelay, decideRetry, retry, retryOptions, type Attempt } from '../../../src/main/core/resilience/retry'

const err = (code: ErrorCode, details?: unknown): NexusError => new NexusError(code, code, details)
const state = { attempt: 1, now: 0, outputStarted: false }

describe('retry decisions', () => {
  const options = retryOptions({ random: () => 0.5, baseDelayMs: 100, maxDelayMs: 1000, maxAttempts: 3 })

  it('retries transient provider failures', () => {
    for (const code of ['NETWORK', 'TIMEOUT', 'PROVIDER_SERVER', 'RATE_LIMITED'] as const) {
      expect(decideRetry(err(code), state, options)).toEqual({ retry: true, delayMs: 50 })
    }
  })

  it('never retries what cannot succeed, whatever isRetryable says', () => {
    const eager = retryOptions({ ...options, isRetryable: () => true })
    for (const code of ['PROVIDER_AUTH', 'PROVIDER_BAD_REQUEST', 'CONTEXT_TOO_LONG', 'MODEL_NOT_FOUND', 'CANCELLED'] as const) {
      expect(decideRetry(err(code), state, eager)).toEqual({ retry: false, reason: `${code} cannot succeed on a retry` })
    }
    expect(decideRetry(new Error('bug'), state, options).retry).toBe(false)
  })

  it('stops after maxAttempts and once output reached the user', () => {
    expect(decideRetry(err('NETWORK'), { ...state, attempt: 3 }, options)).toEqual({ retry: false, reason: 'gave up after 3 attempts' })
    expect(decideRetry(err('NETWORK'), { ...state, outputStarted: true }, options).retry).toBe(false)
  })

  it('waits at least Retry-After, and gives up when that passes the deadline or the cap', () => {
    const limited = err('RATE_LIMITED', { retryAfterMs: 5000 })
    expect(decideRetry(limited, state, options)).toEqual({ retry: true, delayMs: 5000 })
    expect(decideRetry(limited, { ...state, deadline: 4000 }, options).retry).toBe(false)
    expect(decideRetry(limited, { ...state, deadline: 6000 }, options).retry).toBe(true)
    expect(decideRetry(err('RATE_LIMITED', { retryAfterMs: 120_000 }), state, options).retry).toBe(false)
  })

  it('full jitter stays within [0, min(max, base × 2^(n-1)))', () => {
    const low = retryOptions({ baseDelayMs: 100, maxDelayMs: 1000, random: () => 0 })
    const high = retryOptions({ baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.999999 })
    const caps = [100, 200, 400, 800, 1000, 1000]
    caps.forEach((cap, i) => {
      expect(backoffDelay(i + 1, low)).toBe(0)
      expect(backoffDelay(i + 1, high)).toBe(cap - 1)
    })
    const seq = [0.1, 0.9, 0.4]
    const rnd = retryOptions({ baseDelayMs: 100, maxDelayMs: 1000, random: () => seq.shift()! })
    expect([1, 2, 3].map((n) => backoffDelay(n, rnd))).toEqual([10, 180, 160])
  })
})

describe('retry loop', () => {
  const options = retryOptions({ random: () => 0.5, baseDelayMs: 1000, maxAttempts: 3 })

  it('retries after the backoff on the clock and returns the first success', async () => {
    const clock = createManualClock()
    const delays: number[] = []
    let calls = 0
    const result = retry(
      async () => {
        if (++calls < 3) throw err('NETWORK')
        return 'ok'
      },
      options,
      { clock, onRetry: (r) => delays.push(r.delayMs) }
    )
    await clock.advance(499)
    expect(calls).toBe(1)
    await clock.advance(1)
    expect(calls).toBe(2)
    await clock.advance(1000)
    await expect(result).resolves.toBe('ok')
    expect(delays).toEqual([500, 1000])
  })

  it('does not retry a stream that already produced output', async () => {
    let calls = 0
    await expect(
      retry(
        async (ctx: Attempt) => {
          calls++
          ctx.markOutputStarted()
          throw err('NETWORK')
        },
        options,
        { clock: createManualClock() }
      )
    ).rejects.toMatchObject({ code: 'NETWORK' })
    expect(calls).toBe(1)
  })

  it('stops waiting as soon as the signal aborts', async () => {
    const clock = createManualClock()
    const controller = new AbortController()
    let calls = 0
    const result = retry(
      async () => {
        calls++
        throw err('PROVIDER_SERVER')
      },
      options,
      { clock, signal: controller.signal }
    )
    const settled = expect(result).rejects.toMatchObject({ code: 'CANCELLED' })
    await clock.flush()
    controller.abort()
    await settled
    expect(calls).toBe(1)
    expect(clock.pending()).toBe(0)
  })

  it('gives up with the last error and says why', async () => {
    const reasons: string[] = []
    await expect(
      retry(() => Promise.reject(err('PROVIDER_AUTH')), options, { onGiveUp: (g) => reasons.push(g.reason) })
    ).rejects.toMatchObject({ code: 'PROVIDER_AUTH' })
    expect(reasons).toEqual(['PROVIDER_AUTH cannot succeed on a retry'])
  })
})
