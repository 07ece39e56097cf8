import { describe, expect, it } from 'vitest'
import { EventBus } from '../../../src/main/core/events/bus'

type Map = { 'jobs.updated': { id: string; progress: number }; 'jobs.removed': { id: string }; 'settings.changed': string }

describe('event bus filters and transforms', () => {
  it('skips payloads the filter refuses', () => {
    const bus = new EventBus<Map>()
    const seen: string[] = []
    bus.subscribe('jobs.updated', (job) => seen.push(job.id), { filter: (job) => job.progress >= 0.5 })
    bus.publish('jobs.updated', { id: 'a', progress: 0.2 })
    bus.publish('jobs.updated', { id: 'b', progress: 0.9 })
    expect(seen).toEqual(['b'])
  })

  it('hands the handler the transformed value, and the filter sees the original', () => {
    const bus = new EventBus<Map>()
    const seen: string[] = []
    bus.subscribe('jobs.updated', (text: string) => seen.push(text), {
      filter: (job) => job.id !== 'skip',
      transform: (job, topic) => `${topic}:${job.id}:${Math.round(job.progress * 100)}%`
    })
    bus.publish('jobs.updated', { id: 'skip', progress: 1 })
    bus.publish('jobs.updated', { id: 'a', progress: 0.25 })
    expect(seen).toEqual(['jobs.updated:a:25%'])
  })

  it('filters and transforms on pattern subscriptions, with the topic', () => {
    const bus = new EventBus<Map>()
    const seen: string[] = []
    bus.subscribe('jobs.*', (id: string) => seen.push(id), {
      filter: (_payload, topic) => topic === 'jobs.removed',
      transform: (payload) => (payload as { id: string }).id
    })
    bus.publish('jobs.updated', { id: 'a', progress: 1 })
    bus.publish('jobs.removed', { id: 'b' })
    bus.publish('settings.changed', 'x')
    expect(seen).toEqual(['b'])
  })

  it('reports a throwing filter or transform and keeps delivering to the others', () => {
    const errors: string[] = []
    const bus = new EventBus<Map>((err, topic) => errors.push(`${topic}: ${(err as Error).message}`))
    const seen: string[] = []
    bus.subscribe('settings.changed', () => seen.push('never'), {
      filter: () => {
        throw new Error('bad filter')
      }
    })
    bus.subscribe('settings.changed', () => seen.push('never'), {
      transform: () => {
        throw new Error('bad transform')
      }
    })
    bus.subscribe('settings.changed', (s) => seen.push(s))
    bus.publish('settings.changed', 'dark')
    expect(seen).toEqual(['dark'])
    expect(errors).toEqual(['settings.changed: bad filter', 'settings.changed: bad transform'])
  })

  it('routes correctly after subscriptions change between publishes', () => {
    const bus = new EventBus<Map>()
    const seen: string[] = []
    bus.publish('settings.changed', 'before')
    const off = bus.subscribe('*', (_p, topic) => seen.push(`all ${topic}`))
    bus.publish('settings.changed', 'one')
    bus.subscribe('settings.changed', (s) => seen.push(`exact ${s}`))
    bus.publish('settings.changed', 'two')
    off()
    bus.publish('settings.changed', 'three')
    expect(seen).toEqual(['all settings.changed', 'all settings.changed', 'exact two', 'exact three'])
  })

  it('does not call a handler unsubscribed by an earlier handler of the same publish', () => {
    const bus = new EventBus<Map>()
    const seen: string[] = []
    let offSecond = (): void => {}
    bus.subscribe('settings.changed', () => {
      seen.push('first')
      offSecond()
    })
    offSecond = bus.subscribe('settings.changed', () => seen.push('second'))
    bus.publish('settings.changed', 'x')
    expect(seen).toEqual(['first'])
    expect(bus.subscriberCount).toBe(1)
  })
})
