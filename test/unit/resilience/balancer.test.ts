import { describe, expect, it } from 'vitest'
import { Balancer, type BalancerMember, type BalancerStrategy } from '../../../src/main/core/resilience/balancer'

const members: BalancerMember[] = [{ id: 'a' }, { id: 'b' }, { id: 'c' }]
const picks = <M extends BalancerMember>(balancer: Balancer<M>, n: number): string[] => Array.from({ length: n }, () => balancer.pick().id)

describe('balancer', () => {
  it('round robin cycles through the members', () => {
    expect(picks(new Balancer(members, { strategy: 'round-robin' }), 5)).toEqual(['a', 'b', 'c', 'a', 'b'])
  })

  it('least connections picks the member with the fewest calls in flight', () => {
    const balancer = new Balancer(members, { strategy: 'least-connections' })
    const first = balancer.acquire()
    const second = balancer.acquire()
    expect([first.member.id, second.member.id]).toEqual(['a', 'b'])
    expect(balancer.pick().id).toBe('c')
    first.done()
    first.done() // idempotent
    expect(balancer.stats().map((s) => s.inFlight)).toEqual([0, 1, 0])
    expect(balancer.pick().id).toBe('a')
  })

  it('random uses the injected source', () => {
    const values = [0, 0.5, 0.99]
    expect(picks(new Balancer(members, { strategy: 'random', random: () => values.shift()! }), 3)).toEqual(['a', 'b', 'c'])
  })

  it('weighted shares calls by weight, smoothly, and never picks a zero weight', () => {
    const weighted = [
      { id: 'a', weight: 5 },
      { id: 'b', weight: 1 },
      { id: 'c', weight: 1 },
      { id: 'z', weight: 0 }
    ]
    const seq = picks(new Balancer(weighted, { strategy: 'weighted' }), 7)
    expect(seq).toEqual(['a', 'a', 'b', 'a', 'c', 'a', 'a'])
    expect(() => new Balancer([{ id: 'x', weight: 0 }], { strategy: 'weighted' })).toThrow(/weight above 0/)
  })

  it('latency aware tries unobserved members first, then prefers the lowest EWMA', () => {
    const balancer = new Balancer(members, { strategy: 'latency', ewmaAlpha: 0.5 })
    const a = balancer.acquire()
    expect(a.member.id).toBe('a')
    a.done(300)
    const b = balancer.acquire()
    expect(b.member.id).toBe('b')
    b.done(100)
    balancer.acquire().done(200)
    expect(balancer.pick().id).toBe('b')
    balancer.observe('b', 500) // EWMA 100 → 300
    expect(balancer.stats().find((s) => s.id === 'b')!.latencyMs).toBe(300)
    expect(balancer.pick().id).toBe('c')
  })

  it.each<BalancerStrategy>(['round-robin', 'least-connections', 'random', 'weighted', 'latency'])('%s skips members whose breaker is open', (strategy) => {
    const open = new Set(['a', 'c'])
    const balancer = new Balancer(members, { strategy, random: () => 0.7, isAvailable: (m) => !open.has(m.id) })
    expect(picks(balancer, 4)).toEqual(['b', 'b', 'b', 'b'])
    open.add('b')
    expect(() => balancer.pick()).toThrow(expect.objectContaining({ code: 'UNAVAILABLE' }))
  })

  it('refuses nonsense configurations with a clear error', () => {
    expect(() => new Balancer([], { strategy: 'random' })).toThrow(/at least one endpoint/)
    expect(() => new Balancer([{ id: 'a' }, { id: 'a' }], { strategy: 'random' })).toThrow(/listed twice/)
    expect(() => new Balancer(members, { strategy: 'fastest' as BalancerStrategy })).toThrow(/Unknown balancing strategy/)
  })
})
