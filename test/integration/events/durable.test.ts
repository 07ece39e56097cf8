import { describe, expect, it } from 'vitest'
import type { LoggedEvent } from '../../../src/shared/schemas/events'
import { eventHandlers } from '../../../src/main/core/events/handlers'
import { tempDir } from '../../helpers/tmp'
import { deferred, openEvents } from './open'

describe('durable subscribers', () => {
  it('delivers persisted events in offset order, after publish returns, only those of its pattern', async () => {
    const app = openEvents(tempDir())
    try {
      const seen: string[] = []
      app.events.durable.register({ name: 'alerts', pattern: 'alert.*', handler: (e) => void seen.push(`${e.offset} ${e.topic}`) })
      app.events.log.append('alert.a', 1)
      app.events.log.append('workflow.run', 2)
      app.events.log.append('alert.b', 3)
      expect(seen).toEqual([]) // never inside the append
      await app.events.durable.whenIdle()
      expect(seen).toEqual(['1 alert.a', '3 alert.b'])
      expect(app.events.durable.list()).toEqual([{ name: 'alerts', pattern: 'alert.*', deliveredOffset: 3, lag: 0, deadLetters: 0 }])
    } finally {
      app.close()
    }
  })

  it('handles one event at a time per subscriber', async () => {
    const app = openEvents(tempDir())
    try {
      let running = 0
      let overlapped = false
      const done: unknown[] = []
      app.events.durable.register({
        name: 'slow',
        pattern: '*',
        handler: async (e) => {
          overlapped ||= running > 0
          running++
          await new Promise((resolve) => setImmediate(resolve))
          running--
          done.push(e.payload)
        }
      })
      for (let i = 0; i < 5; i++) app.events.log.append('alert.x', i)
      await app.events.durable.whenIdle()
      expect(done).toEqual([0, 1, 2, 3, 4])
      expect(overlapped).toBe(false)
    } finally {
      app.close()
    }
  })

  it('starts a new subscriber after the newest event, or at the first with from: beginning', async () => {
    const app = openEvents(tempDir())
    try {
      app.events.log.append('alert.old', 'old')
      const now: unknown[] = []
      const all: unknown[] = []
      app.events.durable.register({ name: 'now', pattern: '*', handler: (e) => void now.push(e.payload) })
      app.events.durable.register({ name: 'all', pattern: '*', handler: (e) => void all.push(e.payload), from: 'beginning' })
      app.events.log.append('alert.new', 'new')
      await app.events.durable.whenIdle()
      expect(now).toEqual(['new'])
      expect(all).toEqual(['old', 'new'])
      expect(() => app.events.durable.register({ name: 'now', pattern: '*', handler: () => {} })).toThrow(/already registered/)
    } finally {
      app.close()
    }
  })

  it('catches up after a restart: redelivers the event in flight, never one already handled', async () => {
    const dir = tempDir()
    const first = openEvents(dir)
    const handled: unknown[] = []
    const inFlight = deferred()
    first.events.durable.register({
      name: 'audit',
      pattern: 'alert.*',
      handler: async (e) => {
        if (e.payload === 2) {
          inFlight.resolve()
          await new Promise(() => {}) // the process dies while this handler runs
        }
        handled.push(e.payload)
      }
    })
    first.events.log.append('alert.x', 1)
    first.events.log.append('alert.x', 2)
    first.events.log.append('alert.x', 3)
    await inFlight.promise
    first.close()
    expect(handled).toEqual([1])

    // Appended while the subscriber was not running (e.g. by another process of the same data dir).
    const between = openEvents(dir)
    between.events.log.append('alert.x', 4)
    between.close()

    const second = openEvents(dir)
    try {
      const redelivered: LoggedEvent[] = []
      second.events.durable.register({ name: 'audit', pattern: 'alert.*', handler: (e) => void redelivered.push(e) })
      await second.events.durable.whenIdle()
      expect(redelivered.map((e) => [e.offset, e.payload])).toEqual([
        [2, 2],
        [3, 3],
        [4, 4]
      ])
      expect(second.events.durable.list()[0]).toMatchObject({ name: 'audit', deliveredOffset: 4, lag: 0 })
    } finally {
      second.close()
    }
  })

  it('dead-letters an event after maxAttempts failures, announces it, and moves on', async () => {
    const app = openEvents(tempDir())
    try {
      const announced: number[] = []
      app.bus.subscribe('deadLetters.changed', ({ count }) => announced.push(count))
      const attempts: unknown[] = []
      app.events.durable.register({
        name: 'mailer',
        pattern: 'alert.*',
        maxAttempts: 3,
        backoffMs: 0,
        handler: (e) => {
          attempts.push(e.payload)
          if (e.payload === 'bad') throw new Error(`cannot mail ${String(e.payload)}`)
        }
      })
      app.events.log.append('alert.mail', 'bad')
      app.events.log.append('alert.mail', 'good')
      await app.events.durable.whenIdle()
      expect(attempts).toEqual(['bad', 'bad', 'bad', 'good'])
      expect(announced).toEqual([1])
      const letters = app.events.deadLetters.list()
      expect(letters).toEqual([
        { id: expect.any(Number), subscriber: 'mailer', offset: 1, topic: 'alert.mail', payload: 'bad', error: 'cannot mail bad', attempts: 3, failedAt: expect.any(String) }
      ])
      expect(app.events.durable.list()[0]).toMatchObject({ deliveredOffset: 2, lag: 0, deadLetters: 1 })
      expect(app.events.deadLetters.list('someone else')).toEqual([])
    } finally {
      app.close()
    }
  })

  it('retries dead letters: a delivered one leaves the queue, a failed one stays with its new error', async () => {
    const app = openEvents(tempDir())
    try {
      const announced: number[] = []
      app.bus.subscribe('deadLetters.changed', ({ count }) => announced.push(count))
      let healthy = false
      const delivered: unknown[] = []
      app.events.durable.register({
        name: 'sync',
        pattern: 'alert.*',
        maxAttempts: 2,
        backoffMs: 0,
        handler: (e) => {
          if (!healthy || e.payload === 'poison') throw new Error(healthy ? 'still poisoned' : 'remote down')
          delivered.push(e.payload)
        }
      })
      app.events.log.append('alert.a', 'fixable')
      app.events.log.append('alert.a', 'poison')
      await app.events.durable.whenIdle()
      expect(app.events.deadLetters.list().map((l) => [l.payload, l.attempts, l.error])).toEqual([
        ['fixable', 2, 'remote down'],
        ['poison', 2, 'remote down']
      ])

      healthy = true
      const handlers = eventHandlers(app.events)
      const ctx = { signal: new AbortController().signal }
      expect(await handlers['deadLetters.retry']({}, ctx)).toEqual({ retried: 2, delivered: 1, failed: 1 })
      expect(delivered).toEqual(['fixable'])
      const left = await handlers['deadLetters.list'](undefined, ctx)
      expect(left.map((l) => [l.payload, l.attempts, l.error])).toEqual([['poison', 3, 'still poisoned']])
      expect(announced.at(-1)).toBe(1)

      // A selection that matches nothing changes nothing.
      expect(await app.events.deadLetters.retry({ subscriber: 'nobody' })).toEqual({ retried: 0, delivered: 0, failed: 0 })
    } finally {
      app.close()
    }
  })

  it('retries after a restart with the handler registered again, and fails clearly without one', async () => {
    const dir = tempDir()
    const first = openEvents(dir)
    first.events.durable.register({ name: 'sync', pattern: '*', maxAttempts: 1, handler: () => Promise.reject(new Error('down')) })
    first.events.log.append('alert.a', 'x')
    await first.events.durable.whenIdle()
    first.close()

    const second = openEvents(dir)
    try {
      expect(await second.events.deadLetters.retry({})).toEqual({ retried: 1, delivered: 0, failed: 1 })
      expect(second.events.deadLetters.list()[0]).toMatchObject({ attempts: 1, error: expect.stringMatching(/No subscriber named "sync"/) })
      const got: unknown[] = []
      second.events.durable.register({ name: 'sync', pattern: '*', handler: (e) => void got.push([e.offset, e.topic, e.payload]) })
      const id = second.events.deadLetters.list()[0]!.id
      expect(await second.events.deadLetters.retry({ id })).toEqual({ retried: 1, delivered: 1, failed: 0 })
      expect(got).toEqual([[1, 'alert.a', 'x']])
      expect(second.events.deadLetters.list()).toEqual([])
    } finally {
      second.close()
    }
  })

  it('purges one dead letter, a subscriber\'s, or all', async () => {
    const app = openEvents(tempDir())
    try {
      const announced: number[] = []
      app.bus.subscribe('deadLetters.changed', ({ count }) => announced.push(count))
      for (const name of ['a', 'b']) {
        app.events.durable.register({ name, pattern: '*', maxAttempts: 1, handler: () => { throw new Error('no') } })
      }
      for (let i = 0; i < 3; i++) app.events.log.append('alert.x', i)
      await app.events.durable.whenIdle()
      expect(app.events.deadLetters.count()).toBe(6)
      const first = app.events.deadLetters.list('a')[0]!
      expect(app.events.deadLetters.purge({ id: first.id })).toEqual({ purged: 1 })
      expect(app.events.deadLetters.purge({ id: first.id })).toEqual({ purged: 0 })
      expect(app.events.deadLetters.purge({ subscriber: 'b' })).toEqual({ purged: 3 })
      expect(app.events.deadLetters.list().map((l) => [l.subscriber, l.payload])).toEqual([
        ['a', 1],
        ['a', 2]
      ])
      expect(app.events.deadLetters.purge({})).toEqual({ purged: 2 })
      expect(announced.slice(-3)).toEqual([5, 2, 0])
    } finally {
      app.close()
    }
  })

  it('serves the log and subscribers through the contract handlers', async () => {
    const app = openEvents(tempDir())
    try {
      const handlers = eventHandlers(app.events)
      const ctx = { signal: new AbortController().signal }
      app.events.log.append('alert.a', { n: 1 })
      app.events.log.append('workflow.run', { n: 2 })
      app.events.durable.register({ name: 'w', pattern: 'workflow.run', handler: () => {}, from: 'beginning' })
      await app.events.durable.whenIdle()
      expect(await handlers['events.log']({ pattern: 'alert.*', limit: 10 }, ctx)).toEqual({
        events: [{ offset: 1, topic: 'alert.a', payload: { n: 1 }, at: expect.any(String) }],
        lastOffset: 2
      })
      expect(await handlers['events.subscribers'](undefined, ctx)).toEqual([{ name: 'w', pattern: 'workflow.run', deliveredOffset: 2, lag: 0, deadLetters: 0 }])
      expect(await handlers['sagas.list'](undefined, ctx)).toEqual([])
    } finally {
      app.close()
    }
  })
})
