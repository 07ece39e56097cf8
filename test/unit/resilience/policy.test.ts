import { describe, expect, it } from 'vitest'
import { NexusError } from '../../../src/shared/errors'
import type { ChatEvent } from '../../../src/main/core/providers/types'
import { createManualClock } from '../../../src/main/core/resilience/clock'
import { createResilience, type ResilienceEvent, type ResilienceOptions } from '../../../src/main/core/resilience/policy'
import { resilientStream } from '../../../src/main/core/resilience/stream'

const KEY = 'openai/gpt-4o'

function setup(options: Partial<ResilienceOptions> = {}) {
  const clock = createManualClock()
  const events: ResilienceEvent[] = []
  const resilience = createResilience({
    clock,
    retry: { random: () => 0.5, baseDelayMs: 100, maxAttempts: 3 },
    breaker: { minimumVolume: 2, failureRateThreshold: 0.5, openMs: 10_000 },
    timeouts: { ttft: { min: 1000, max: 1000, initial: 1000 }, total: { min: 5000, max: 5000, initial: 5000 } },
    describe: (key) => `OpenAI ${key.split('/')[1]}`,
    onEvent: (e) => events.push(e),
    ...options
  })
  return { clock, events, resilience }
}

async function collect(stream: AsyncIterable<ChatEvent>): Promise<ChatEvent[]> {
  const out: ChatEvent[] = []
  for await (const event of stream) out.push(event)
  return out
}

describe('composed resilience policy', () => {
  it('passes a successful call through and records its timings', async () => {
    const { resilience, events, clock } = setup()
    const value = await resilience.execute(KEY, 'chat', async (ctx) => {
      expect(ctx).toMatchObject({ attempt: 1, traceId: 'tr-1' })
      expect(ctx.signal?.aborted).toBe(false)
      return 42
    }, { traceId: 'tr-1' })
    expect(value).toBe(42)
    expect(events).toEqual([])
    expect(resilience.bulkheads.stats()).toEqual([{ provider: 'openai', running: 0, waiting: 0 }])
    expect(clock.pending()).toBe(0)
  })

  it('retries a transient failure with the trace id on the event, then succeeds', async () => {
    const { resilience, events, clock } = setup()
    let calls = 0
    const run = resilience.execute(KEY, 'chat', async () => {
      if (++calls === 1) throw new NexusError('PROVIDER_SERVER', '502')
      return 'ok'
    }, { traceId: 'tr-2' })
    await clock.advance(50)
    await expect(run).resolves.toBe('ok')
    expect(events).toMatchObject([{ type: 'retry', key: KEY, traceId: 'tr-2', attempt: 1, delayMs: 50, error: { code: 'PROVIDER_SERVER' } }])
    expect(resilience.breakers.state(KEY)).toBe('closed')
  })

  it('trips the breaker on repeated failures, then fails fast without calling the provider', async () => {
    const { resilience, events, clock } = setup({ retry: { maxAttempts: 1 } })
    const fail = (): Promise<never> => Promise.reject(new NexusError('NETWORK', 'refused'))
    await expect(resilience.execute(KEY, 'chat', fail, { traceId: 'a' })).rejects.toMatchObject({ code: 'NETWORK' })
    await expect(resilience.execute(KEY, 'chat', fail, { traceId: 'b' })).rejects.toMatchObject({ code: 'NETWORK' })
    expect(events.filter((e) => e.type === 'breaker')).toMatchObject([{ from: 'closed', to: 'open', traceId: 'b' }])
    let called = false
    await expect(resilience.execute(KEY, 'chat', async () => (called = true), { traceId: 'c' })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/^OpenAI gpt-4o is failing.*in 10 s/)
    })
    expect(called).toBe(false)
    expect(events.at(-1)).toMatchObject({ type: 'rejected', reason: 'circuit-open', traceId: 'c' })
    // recovery: after the open period a trial call closes it again
    await clock.advance(10_000)
    await expect(resilience.execute(KEY, 'chat', async () => 'back', { traceId: 'd' })).resolves.toBe('back')
    expect(events.filter((e) => e.type === 'breaker').map((e) => e.type === 'breaker' && `${e.to}:${e.traceId}`)).toEqual(['open:b', 'half-open:d', 'closed:d'])
    expect(resilience.bulkheads.stats()[0]).toMatchObject({ running: 0 })
  })

  it('neither retries nor trips on a bad key', async () => {
    const { resilience, events } = setup()
    let calls = 0
    for (let i = 0; i < 3; i++) {
      await expect(
        resilience.execute(KEY, 'chat', async () => {
          calls++
          throw new NexusError('PROVIDER_AUTH', 'bad key')
        })
      ).rejects.toMatchObject({ code: 'PROVIDER_AUTH' })
    }
    expect(calls).toBe(3)
    expect(resilience.breakers.state(KEY)).toBe('closed')
    expect(events.map((e) => e.type)).toEqual(['failed', 'failed', 'failed'])
  })

  it('times out an attempt that never answers, retries it, and gives up within the deadline', async () => {
    const { resilience, events, clock } = setup()
    const start = clock.now()
    const run = resilience.execute(KEY, 'chat', () => new Promise(() => {}), { deadline: start + 1500, traceId: 't' })
    const settled = expect(run).rejects.toMatchObject({ code: 'TIMEOUT' })
    await clock.advance(1000) // first token limit
    await clock.advance(50) // backoff
    await clock.advance(450) // what is left of the deadline
    await settled
    expect(events.map((e) => e.type)).toEqual(['retry', 'failed'])
    expect(clock.pending()).toBe(0)
  })

  it('rejects at once when the provider queue is full', async () => {
    const { resilience, events } = setup({ bulkhead: { maxConcurrent: 1, maxQueue: 0 } })
    let release!: () => void
    const first = resilience.execute(KEY, 'chat', () => new Promise<void>((r) => (release = r)), { streaming: false })
    await expect(resilience.execute('openai/other', 'background', async () => 1, { traceId: 'q' })).rejects.toMatchObject({ code: 'UNAVAILABLE' })
    expect(events.at(-1)).toMatchObject({ type: 'rejected', reason: 'queue-full', traceId: 'q' })
    release()
    await first
  })

  it('cancels a call through its signal', async () => {
    const { resilience } = setup()
    const controller = new AbortController()
    const run = resilience.execute(KEY, 'chat', (ctx) => new Promise((_, reject) => ctx.signal?.addEventListener('abort', () => reject(new NexusError('CANCELLED', 'x')))), {
      signal: controller.signal
    })
    controller.abort()
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(resilience.breakers.state(KEY)).toBe('closed')
  })
})

describe('resilient stream', () => {
  async function* events(list: ChatEvent[]): AsyncIterable<ChatEvent> {
    for (const e of list) yield e
  }

  it('retries a stream that failed before any output, and yields only the good attempt', async () => {
    const { resilience, clock } = setup({ retry: { baseDelayMs: 0 } })
    let calls = 0
    const stream = resilientStream(resilience, KEY, 'chat', () =>
      ++calls === 1
        ? events([{ type: 'error', error: new NexusError('NETWORK', 'reset') }])
        : events([{ type: 'text', delta: 'hi' }, { type: 'finish', reason: 'stop' }])
    )
    const out = collect(stream)
    await clock.advance(0)
    expect(await out).toEqual([{ type: 'text', delta: 'hi' }, { type: 'finish', reason: 'stop' }])
    expect(calls).toBe(2)
  })

  it('never retries once text reached the user, and ends with the error event', async () => {
    const { resilience } = setup()
    let calls = 0
    const out = await collect(
      resilientStream(resilience, KEY, 'chat', () => {
        calls++
        return events([{ type: 'text', delta: 'par' }, { type: 'error', error: new NexusError('NETWORK', 'reset') }])
      })
    )
    expect(out).toMatchObject([{ type: 'text', delta: 'par' }, { type: 'error', error: { code: 'NETWORK' } }])
    expect(calls).toBe(1)
  })

  it('ends with an UNAVAILABLE error event when the breaker is open', async () => {
    const { resilience } = setup({ breaker: { minimumVolume: 1 } })
    resilience.breakers.get(KEY).failure(new NexusError('NETWORK', 'x'), resilience.breakers.get(KEY).acquire())
    const out = await collect(resilientStream(resilience, KEY, 'chat', () => events([])))
    expect(out).toMatchObject([{ type: 'error', error: { code: 'UNAVAILABLE' } }])
  })
})
