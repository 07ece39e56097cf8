import { describe, expect, it } from 'vitest'
import { NexusError } from '../../../src/shared/errors'
import { BreakerRegistry, type BreakerOptions, type BreakerTransition } from '../../../src/main/core/resilience/breaker'
import { createManualClock } from '../../../src/main/core/resilience/clock'

const net = (): NexusError => new NexusError('NETWORK', 'down')

function setup(options: Partial<BreakerOptions> = {}) {
  const clock = createManualClock()
  const transitions: BreakerTransition[] = []
  const registry = new BreakerRegistry({
    minimumVolume: 4,
    failureRateThreshold: 0.5,
    windowMs: 10_000,
    buckets: 10,
    openMs: 1_000,
    maxOpenMs: 5_000,
    halfOpenTrials: 2,
    ...options,
    clock,
    describe: (key) => `Provider ${key}`,
    onTransition: (t) => transitions.push(t)
  })
  const b = registry.get('openai/gpt-4o')
  const fail = (err: unknown = net()): void => b.failure(err, b.acquire('t1'), 't1')
  const succeed = (): void => b.success(b.acquire())
  return { clock, registry, b, transitions, fail, succeed }
}

describe('circuit breaker', () => {
  it('stays closed below the minimum volume, then opens when the failure rate reaches the threshold', () => {
    const { b, fail, succeed, transitions } = setup()
    fail()
    fail()
    fail()
    expect(b.state).toBe('closed') // 3 failures < minimum volume 4
    succeed()
    expect(b.state).toBe('closed') // successes never trip
    fail()
    expect(b.state).toBe('open') // 4 of 5 failed
    expect(transitions).toMatchObject([{ key: 'openai/gpt-4o', from: 'closed', to: 'open', traceId: 't1' }])
    expect(transitions[0]!.reason).toMatch(/failure rate 80% over 5 calls/)
  })

  it('does not open while the failure rate stays under the threshold', () => {
    const { b, fail, succeed } = setup({ failureRateThreshold: 0.6 })
    for (let i = 0; i < 10; i++) {
      succeed()
      fail()
    }
    expect(b.state).toBe('closed')
  })

  it('forgets failures that fall out of the rolling window', async () => {
    const { b, fail, clock } = setup()
    fail()
    fail()
    fail()
    await clock.advance(11_000)
    fail()
    expect(b.state).toBe('closed')
  })

  it('fails fast with UNAVAILABLE naming the provider and when it retries', () => {
    const { b, fail } = setup({ minimumVolume: 1 })
    fail()
    let caught: unknown
    try {
      b.acquire()
    } catch (err) {
      caught = err
    }
    expect(caught).toBeInstanceOf(NexusError)
    expect((caught as NexusError).code).toBe('UNAVAILABLE')
    expect((caught as NexusError).message).toMatch(/^Provider openai\/gpt-4o is failing.*try it again in 1 s/)
    expect((caught as NexusError).details).toMatchObject({ reason: 'circuit-open', retryInMs: 1000 })
  })

  it('does not trip on errors that say nothing about the provider health', () => {
    const { b, fail } = setup({ minimumVolume: 1 })
    for (const code of ['PROVIDER_AUTH', 'PROVIDER_BAD_REQUEST', 'CONTEXT_TOO_LONG', 'MODEL_NOT_FOUND', 'CANCELLED'] as const) {
      fail(new NexusError(code, code))
    }
    fail(new Error('programming error'))
    expect(b.state).toBe('closed')
    for (const code of ['TIMEOUT', 'PROVIDER_SERVER', 'RATE_LIMITED'] as const) {
      const { b: other, fail: failOther } = setup({ minimumVolume: 1 })
      failOther(new NexusError(code, code))
      expect(other.state).toBe('open')
    }
  })

  it('half-opens after the open duration and admits exactly the configured trial calls', async () => {
    const { b, fail, clock, registry } = setup({ minimumVolume: 1 })
    fail()
    await clock.advance(999)
    expect(registry.state('openai/gpt-4o')).toBe('open')
    expect(() => b.acquire()).toThrow(/circuit breaker is open/)
    await clock.advance(1)
    expect(registry.state('openai/gpt-4o')).toBe('half-open')
    const p1 = b.acquire()
    const p2 = b.acquire()
    expect(b.state).toBe('half-open')
    expect(() => b.acquire()).toThrow(/trial call/)
    b.success(p1)
    expect(b.state).toBe('half-open') // one of two trials
    b.success(p2)
    expect(b.state).toBe('closed')
  })

  it('re-opens on a failed trial with the open duration doubled up to the maximum', async () => {
    const { fail, clock, transitions } = setup({ minimumVolume: 1 })
    fail()
    const durations: number[] = []
    for (let i = 0; i < 4; i++) {
      const last = transitions.at(-1)!
      durations.push(last.retryAt! - last.at)
      await clock.advance(durations.at(-1)!)
      fail() // the trial fails
    }
    const last = transitions.at(-1)!
    durations.push(last.retryAt! - last.at)
    expect(durations).toEqual([1000, 2000, 4000, 5000, 5000])
    expect(transitions.filter((t) => t.to === 'half-open')).toHaveLength(4)
    expect(transitions.at(-1)!.reason).toMatch(/trial call failed \(NETWORK\)/)
  })

  it('frees a trial slot on a neutral outcome, and restarts the backoff once closed', async () => {
    const { b, fail, clock, transitions } = setup({ minimumVolume: 1, halfOpenTrials: 1 })
    fail()
    await clock.advance(1000)
    b.failure(new NexusError('PROVIDER_BAD_REQUEST', 'bad'), b.acquire())
    expect(b.state).toBe('half-open')
    b.success(b.acquire())
    expect(b.state).toBe('closed')
    fail()
    expect(transitions.at(-1)!.retryAt! - transitions.at(-1)!.at).toBe(1000)
  })

  it('ignores the late outcome of a trial from an earlier half-open period', async () => {
    const { b, fail, clock } = setup({ minimumVolume: 1, halfOpenTrials: 2 })
    fail()
    await clock.advance(1000)
    const stale = b.acquire()
    b.failure(net(), b.acquire()) // re-opens
    await clock.advance(2000)
    const fresh = b.acquire()
    b.success(stale)
    b.success(fresh)
    expect(b.state).toBe('half-open') // only one of the two trials of this period succeeded
    b.success(b.acquire())
    expect(b.state).toBe('closed')
  })

  it('snapshots and restores state across a restart', async () => {
    const { registry, fail } = setup({ minimumVolume: 1 })
    fail()
    const saved = JSON.parse(JSON.stringify(registry.snapshot())) as unknown[]
    expect(saved).toMatchObject([{ key: 'openai/gpt-4o', state: 'open', opens: 1 }])

    const clock = createManualClock()
    const restored = new BreakerRegistry({ clock, openMs: 1000, minimumVolume: 1 })
    expect(restored.restore([...saved, { key: 'x', state: 'weird' }, null])).toHaveLength(2)
    expect(restored.state('openai/gpt-4o')).toBe('open')
    expect(() => restored.get('openai/gpt-4o').acquire()).toThrow(/open/)
    await clock.advance(1000)
    restored.get('openai/gpt-4o').failure(net(), restored.get('openai/gpt-4o').acquire())
    // the backoff continues from the stored count of opens
    expect(restored.get('openai/gpt-4o').openUntil - clock.now()).toBe(2000)
  })

  it('reset closes the breaker and reports the transition', () => {
    const { registry, b, fail, transitions } = setup({ minimumVolume: 1 })
    fail()
    registry.reset('openai/gpt-4o')
    expect(b.state).toBe('closed')
    expect(transitions.at(-1)).toMatchObject({ from: 'open', to: 'closed', reason: 'reset by user' })
    expect(registry.isAvailable('openai/gpt-4o')).toBe(true)
  })
})
