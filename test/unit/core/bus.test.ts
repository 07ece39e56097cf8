import { describe, expect, it } from 'vitest'
import { EventBus } from '../../../src/main/core/events/bus'
import { topicMatches } from '../../../src/shared/contract'

type Map = { 'jobs.updated': number; 'jobs.removed': number; 'settings.changed': string }

describe('event bus', () => {
  it('delivers to exact, prefix-wildcard and catch-all subscribers only', () => {
    const bus = new EventBus<Map>()
    const seen: string[] = []
    bus.subscribe('jobs.updated', (p, t) => seen.push(`exact ${t} ${p}`))
    bus.subscribe('jobs.*', (p, t) => seen.push(`prefix ${t} ${p}`))
    bus.subscribe('*', (p, t) => seen.push(`all ${t} ${p}`))
    bus.publish('jobs.updated', 1)
    bus.publish('settings.changed', 'x')
    expect(seen).toEqual(['exact jobs.updated 1', 'prefix jobs.updated 1', 'all jobs.updated 1', 'all settings.changed x'])
  })

  it('stops delivering after unsubscribe', () => {
    const bus = new EventBus<Map>()
    const seen: number[] = []
    const off = bus.subscribe('jobs.updated', (p) => seen.push(p))
    bus.publish('jobs.updated', 1)
    off()
    bus.publish('jobs.updated', 2)
    expect(seen).toEqual([1])
    expect(bus.subscriberCount).toBe(0)
  })

  it('keeps delivering when one handler throws, and reports the error', () => {
    const errors: string[] = []
    const bus = new EventBus<Map>((err, topic) => errors.push(`${topic}: ${(err as Error).message}`))
    const seen: number[] = []
    bus.subscribe('jobs.updated', () => {
      throw new Error('boom')
    })
    bus.subscribe('jobs.updated', (p) => seen.push(p))
    bus.publish('jobs.updated', 7)
    expect(seen).toEqual([7])
    expect(errors).toEqual(['jobs.updated: boom'])
  })

  it('matches topic patterns without matching lookalike prefixes', () => {
    expect(topicMatches('jobs.*', 'jobs.updated')).toBe(true)
    expect(topicMatches('jobs.*', 'jobsx.updated')).toBe(false)
    expect(topicMatches('jobs', 'jobs.updated')).toBe(false)
    expect(topicMatches('*', 'anything.at.all')).toBe(true)
  })
})
