import { describe, expect, it } from 'vitest'
import { Bulkhead, BulkheadRegistry, type Priority } from '../../../src/main/core/resilience/bulkhead'

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}
const tick = (): Promise<void> => new Promise((r) => setImmediate(r))

describe('bulkhead', () => {
  it('runs at most maxConcurrent calls at once', async () => {
    const bulkhead = new Bulkhead('openai', { maxConcurrent: 2, maxQueue: 10 })
    const gates = [deferred(), deferred(), deferred()]
    let running = 0
    let peak = 0
    const calls = gates.map((gate) =>
      bulkhead.run('chat', async () => {
        peak = Math.max(peak, ++running)
        await gate.promise
        running--
      })
    )
    await tick()
    expect([bulkhead.running, bulkhead.waiting]).toEqual([2, 1])
    gates.forEach((g) => g.resolve())
    await Promise.all(calls)
    expect(peak).toBe(2)
    expect([bulkhead.running, bulkhead.waiting]).toEqual([0, 0])
  })

  it('serves the queue by priority, first come first served within a priority', async () => {
    const bulkhead = new Bulkhead('openai', { maxConcurrent: 1, maxQueue: 10 })
    const gate = deferred()
    const order: string[] = []
    const first = bulkhead.run('background', () => gate.promise)
    const queued: [Priority, string][] = [
      ['background', 'bg1'],
      ['workflow', 'wf1'],
      ['chat', 'chat1'],
      ['gateway', 'gw1'],
      ['chat', 'chat2'],
      ['background', 'bg2']
    ]
    const runs = queued.map(([priority, name]) => bulkhead.run(priority, async () => void order.push(name)))
    gate.resolve()
    await Promise.all([first, ...runs])
    expect(order).toEqual(['chat1', 'chat2', 'gw1', 'wf1', 'bg1', 'bg2'])
  })

  it('rejects at once with a typed error when the queue is full', async () => {
    const bulkhead = new Bulkhead('OpenAI', { maxConcurrent: 1, maxQueue: 1 })
    const gate = deferred()
    const a = bulkhead.run('chat', () => gate.promise)
    const b = bulkhead.run('chat', async () => 'b')
    await expect(bulkhead.run('chat', async () => 'c')).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/OpenAI is busy: 1 calls are running and 1 are waiting/),
      details: { reason: 'queue-full' }
    })
    gate.resolve()
    await a
    await expect(b).resolves.toBe('b')
  })

  it('takes an aborted caller out of the queue and gives its place to the next', async () => {
    const bulkhead = new Bulkhead('openai', { maxConcurrent: 1, maxQueue: 2 })
    const gate = deferred()
    const a = bulkhead.run('chat', () => gate.promise)
    const controller = new AbortController()
    let ranAborted = false
    const aborted = bulkhead.run('chat', async () => void (ranAborted = true), controller.signal)
    const c = bulkhead.run('workflow', async () => 'c')
    controller.abort()
    await expect(aborted).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(bulkhead.waiting).toBe(1)
    gate.resolve()
    await a
    await expect(c).resolves.toBe('c')
    expect(ranAborted).toBe(false)
    expect(bulkhead.running).toBe(0)
  })

  it('keeps one bulkhead per provider', () => {
    const registry = new BulkheadRegistry(() => ({ maxConcurrent: 3, maxQueue: 0 }))
    expect(registry.get('a')).toBe(registry.get('a'))
    expect(registry.get('a')).not.toBe(registry.get('b'))
    expect(registry.get('b').limits.maxConcurrent).toBe(3)
  })
})
