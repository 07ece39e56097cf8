import { afterEach, describe, expect, it, vi } from 'vitest'
import { PERSISTED_TOPICS } from '../../../src/main/core/events/log'
import { tempDir } from '../../helpers/tmp'
import { openEvents } from './open'

afterEach(() => {
  vi.useRealTimers()
})

describe('event log', () => {
  it('appends with growing offsets and replays after an offset, in order', () => {
    const app = openEvents(tempDir())
    try {
      const { log } = app.events
      expect(log.lastOffset()).toBe(0)
      const offsets = [1, 2, 3, 4, 5].map((n) => log.append('alert.cost', { n }))
      expect(offsets).toEqual([1, 2, 3, 4, 5])
      expect(log.lastOffset()).toBe(5)
      const page = log.read({ afterOffset: 2, limit: 2 })
      expect(page.map((e) => [e.offset, e.topic, e.payload])).toEqual([
        [3, 'alert.cost', { n: 3 }],
        [4, 'alert.cost', { n: 4 }]
      ])
      expect(log.read({ afterOffset: page.at(-1)!.offset }).map((e) => e.offset)).toEqual([5])
      expect(log.read({ afterOffset: 5 })).toEqual([])
      expect(new Date(page[0]!.at).toISOString()).toBe(page[0]!.at)
    } finally {
      app.close()
    }
  })

  it('replays from a time, whatever the offset of the time given', () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const app = openEvents(tempDir())
    try {
      const { log } = app.events
      vi.setSystemTime(new Date('2030-01-01T10:00:00Z'))
      log.append('alert.a', 1)
      vi.setSystemTime(new Date('2030-01-01T11:00:00Z'))
      log.append('alert.b', 2)
      vi.setSystemTime(new Date('2030-01-01T12:00:00Z'))
      log.append('alert.c', 3)
      expect(log.read({ since: '2030-01-01T11:00:00Z' }).map((e) => e.payload)).toEqual([2, 3])
      // 12:30 at +02:00 is 10:30 UTC.
      expect(log.read({ since: '2030-01-01T12:30:00+02:00' }).map((e) => e.payload)).toEqual([2, 3])
      expect(log.read({ since: '2030-01-01T11:00:00.001Z' }).map((e) => e.payload)).toEqual([3])
      expect(log.read({ since: '2030-01-01T10:00:00Z', afterOffset: 2 }).map((e) => e.payload)).toEqual([3])
    } finally {
      app.close()
    }
  })

  it('replays one topic, a prefix or everything, without lookalike topics', () => {
    const app = openEvents(tempDir())
    try {
      const { log } = app.events
      for (const topic of ['alert.cost', 'alerts.x', 'alert.latency', 'workflow.run', 'alert', 'alert.cost.high', 'alert/x']) {
        log.append(topic, topic)
      }
      const topics = (pattern: string): unknown[] => log.read({ pattern }).map((e) => e.payload)
      expect(topics('alert.*')).toEqual(['alert.cost', 'alert.latency', 'alert.cost.high'])
      expect(topics('alert.cost')).toEqual(['alert.cost'])
      expect(topics('alert.cost.*')).toEqual(['alert.cost.high'])
      expect(topics('*')).toHaveLength(7)
      expect(log.read({ pattern: 'alert.*', afterOffset: 1 }).map((e) => e.offset)).toEqual([3, 6])
      expect(log.count({ pattern: 'alert.*', afterOffset: 1 })).toBe(2)
    } finally {
      app.close()
    }
  })

  it('persists publishes on the persisted topics only, once each, and keeps them across a restart', () => {
    const dir = tempDir()
    const first = openEvents(dir, { topics: [...PERSISTED_TOPICS, 'alert.cost'] })
    first.bus.publish('breaker.transition', { key: 'p/m', from: 'closed', to: 'open', at: '2030-01-01T00:00:00.000Z', reason: 'failures', traceId: null })
    first.bus.publish('settings.changed', {} as never) // not persisted
    first.bus.publish('alert.cost' as never, { over: 2 } as never) // covered by alert.* and named: appended once
    first.close()

    const second = openEvents(dir)
    try {
      const events = second.events.log.read()
      expect(events.map((e) => [e.offset, e.topic])).toEqual([
        [1, 'breaker.transition'],
        [2, 'alert.cost']
      ])
      expect(events[0]!.payload).toMatchObject({ key: 'p/m', to: 'open' })
      expect(second.events.log.append('workflow.run', { id: 'r' })).toBe(3)
      expect(second.errors).toEqual([])
    } finally {
      second.close()
    }
  })

  it('prunes by count and by age but keeps what a durable subscriber has not been delivered', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'))
    const app = openEvents(tempDir())
    try {
      const { log, durable } = app.events
      for (let i = 1; i <= 6; i++) log.append(i % 2 ? 'alert.odd' : 'alert.even', i)
      // 'odd' was delivered offsets up to 2, 'even' up to 4: 3 and 5 wait for 'odd', 6 for 'even'.
      const subscriber = app.db.prepare("INSERT INTO event_subscribers VALUES (?, ?, ?, '2030-01-01T00:00:00Z')")
      subscriber.run('odd', 'alert.odd', 2)
      subscriber.run('even', 'alert.even', 4)
      expect(log.prune({ maxEvents: 1 })).toBe(3)
      expect(log.read().map((e) => e.offset)).toEqual([3, 5, 6])
      expect(durable.list()).toEqual([
        { name: 'even', pattern: 'alert.even', deliveredOffset: 4, lag: 1, deadLetters: 0 },
        { name: 'odd', pattern: 'alert.odd', deliveredOffset: 2, lag: 2, deadLetters: 0 }
      ])
      vi.setSystemTime(new Date('2030-03-01T00:00:00Z'))
      expect(log.prune({ maxAgeDays: 30 })).toBe(0)
      expect(durable.forget('odd')).toBe(true)
      expect(durable.forget('even')).toBe(true)
      subscriber.run('prefix', 'alert.*', 5)
      expect(log.prune({ maxAgeDays: 30 })).toBe(2)
      expect(log.read().map((e) => e.offset)).toEqual([6])
      durable.forget('prefix')
      subscriber.run('all', '*', 5)
      expect(log.prune({ maxAgeDays: 30 })).toBe(0)
      durable.forget('all')
      expect(log.prune({ maxAgeDays: 30 })).toBe(1)
      expect(log.read()).toEqual([])
      expect(log.lastOffset()).toBe(6) // offsets are never given twice
      expect(log.append('alert.odd', 7)).toBe(7)
      await durable.whenIdle()
    } finally {
      app.close()
    }
  })
})
