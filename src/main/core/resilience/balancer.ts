/**
 * Load balancing across several endpoints or keys of one provider. Strategies: round robin,
 * least connections, random, weighted (smooth weighted round robin, as nginx), and latency
 * aware (lowest EWMA of observed latency × (in-flight + 1); members never observed go first).
 * Members whose own breaker is open are skipped through `isAvailable`.
 */
import { NexusError } from '../../../shared/errors'

export const BALANCER_STRATEGIES = ['round-robin', 'least-connections', 'random', 'weighted', 'latency'] as const
export type BalancerStrategy = (typeof BALANCER_STRATEGIES)[number]

export interface BalancerMember {
  id: string
  /** For 'weighted': relative share of calls; 0 takes none. Default 1. */
  weight?: number
}

export interface BalancerOptions<M extends BalancerMember> {
  strategy: BalancerStrategy
  /** Uniform in [0, 1); injectable for tests. */
  random?: () => number
  /** False skips a member, e.g. `(m) => breakers.isAvailable(m.id)`. */
  isAvailable?: (member: M) => boolean
  /** Weight of the newest latency in the EWMA. Default 0.3. */
  ewmaAlpha?: number
  /** Used in error messages. */
  name?: string
}

interface Slot<M> {
  member: M
  weight: number
  inFlight: number
  ewma: number | undefined
  current: number
}

export class Balancer<M extends BalancerMember> {
  private readonly slots: Slot<M>[]
  private readonly byId = new Map<string, Slot<M>>()
  private cursor = 0

  constructor(
    members: readonly M[],
    private readonly options: BalancerOptions<M>
  ) {
    if (!BALANCER_STRATEGIES.includes(options.strategy)) {
      throw new NexusError('BAD_REQUEST', `Unknown balancing strategy "${String(options.strategy)}".`)
    }
    if (members.length === 0) throw new NexusError('BAD_REQUEST', 'A balancer needs at least one endpoint.')
    this.slots = members.map((member) => {
      const w = member.weight ?? 1
      return { member, weight: Number.isFinite(w) && w > 0 ? w : 0, inFlight: 0, ewma: undefined, current: 0 }
    })
    for (const slot of this.slots) {
      if (this.byId.has(slot.member.id)) throw new NexusError('BAD_REQUEST', `Endpoint "${slot.member.id}" is listed twice.`)
      this.byId.set(slot.member.id, slot)
    }
    if (options.strategy === 'weighted' && this.slots.every((s) => s.weight === 0)) {
      throw new NexusError('BAD_REQUEST', 'Weighted balancing needs at least one endpoint with a weight above 0.')
    }
  }

  /** Chooses a member, or throws UNAVAILABLE when none is usable. */
  pick(): M {
    const available = this.slots.filter((s) => (this.options.isAvailable?.(s.member) ?? true) && (this.options.strategy !== 'weighted' || s.weight > 0))
    if (available.length === 0) {
      throw new NexusError('UNAVAILABLE', `No endpoint of ${this.options.name ?? 'this provider'} is available: all are failing or disabled.`, {
        reason: 'no-endpoint'
      })
    }
    return this.choose(available).member
  }

  /** Picks a member and counts it in flight until `done` is called (with the latency when known). */
  acquire(): { member: M; done: (latencyMs?: number) => void } {
    const member = this.pick()
    const slot = this.byId.get(member.id)!
    slot.inFlight++
    let finished = false
    return {
      member,
      done: (latencyMs) => {
        if (finished) return
        finished = true
        slot.inFlight--
        if (latencyMs !== undefined) this.observe(member.id, latencyMs)
      }
    }
  }

  observe(id: string, latencyMs: number): void {
    const slot = this.byId.get(id)
    if (!slot || !Number.isFinite(latencyMs) || latencyMs < 0) return
    const alpha = this.options.ewmaAlpha ?? 0.3
    slot.ewma = slot.ewma === undefined ? latencyMs : alpha * latencyMs + (1 - alpha) * slot.ewma
  }

  stats(): { id: string; inFlight: number; latencyMs: number | undefined }[] {
    return this.slots.map((s) => ({ id: s.member.id, inFlight: s.inFlight, latencyMs: s.ewma }))
  }

  private choose(available: Slot<M>[]): Slot<M> {
    switch (this.options.strategy) {
      case 'round-robin': {
        const n = this.slots.length
        for (let i = 0; i < n; i++) {
          const slot = this.slots[(this.cursor + i) % n]!
          if (available.includes(slot)) {
            this.cursor = (this.cursor + i + 1) % n
            return slot
          }
        }
        return available[0]!
      }
      case 'least-connections':
        return minBy(available, (s) => s.inFlight)
      case 'random': {
        const r = (this.options.random ?? Math.random)()
        return available[Math.min(available.length - 1, Math.floor(r * available.length))]!
      }
      case 'weighted': {
        let total = 0
        for (const s of available) {
          s.current += s.weight
          total += s.weight
        }
        const best = minBy(available, (s) => -s.current)
        best.current -= total
        return best
      }
      case 'latency':
        return minBy(available, (s) => (s.ewma === undefined ? -1 / (s.inFlight + 1) : s.ewma * (s.inFlight + 1)))
    }
  }
}

function minBy<T>(items: T[], score: (item: T) => number): T {
  let best = items[0]!
  let bestScore = score(best)
  for (let i = 1; i < items.length; i++) {
    const value = score(items[i]!)
    if (value < bestScore) {
      best = items[i]!
      bestScore = value
    }
  }
  return best
}
