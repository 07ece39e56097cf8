/**
 * Circuit breakers, one per key ("provider/model"). Closed → open when the failure rate over a
 * rolling time window reaches a threshold with a minimum volume; open for a duration that
 * doubles (by `backoffFactor`) on repeated opens up to a maximum; then half-open, admitting
 * `halfOpenTrials` trial calls: all succeed → closed, one fails → open again.
 * Only failures that say the provider is unwell count (see classify.ts). Transitions from open
 * to half-open happen lazily, on the next call or state query, so no timer is ever left running.
 */
import { NexusError } from '../../../shared/errors'
import type { BreakerState } from '../../../shared/schemas/routing'
import { systemClock, type Clock } from './clock'
import { errorCode, isTripping } from './classify'
import { DEFAULT_BREAKER_OPTIONS, isSnapshot, type BreakerOptions, type BreakerRegistryOptions } from './breaker-types'
import type { BreakerSnapshot, BreakerTransition } from './breaker-types'
import { stripUndefined } from './util'

export * from './breaker-types'

/** The breaker of one key. Get it from `BreakerRegistry.get`. */
export class CircuitBreaker {
  state: BreakerState = 'closed'
  openUntil = 0
  opens = 0
  updatedAt: number
  private generation = 1
  private lastError: { generation: number; seconds: number; error: NexusError } | undefined
  private admitted = 0
  private succeeded = 0
  private readonly ids: Float64Array
  private readonly ok: Uint32Array
  private readonly bad: Uint32Array
  private readonly bucketMs: number

  constructor(
    readonly key: string,
    private readonly reg: BreakerRegistry
  ) {
    const n = Math.max(1, Math.floor(reg.options.buckets))
    this.ids = new Float64Array(n).fill(-1)
    this.ok = new Uint32Array(n)
    this.bad = new Uint32Array(n)
    this.bucketMs = Math.max(1, reg.options.windowMs / n)
    this.updatedAt = reg.clock.now()
  }

  /**
   * Admits a call or throws UNAVAILABLE. Returns a permit to hand back to `success`/`failure`:
   * 0 for an ordinary call, the half-open generation for a trial call.
   */
  acquire(traceId?: string): number {
    if (this.state === 'closed') return 0
    const now = this.reg.clock.now()
    if (this.state === 'open') {
      if (now < this.openUntil) throw this.unavailable(now)
      this.move('half-open', now, 'open period elapsed', traceId)
    }
    if (this.admitted >= this.reg.options.halfOpenTrials) throw this.unavailable(now)
    this.admitted++
    return this.generation
  }

  /** True when a call would be admitted now (no side effects). */
  isAvailable(): boolean {
    if (this.state === 'closed') return true
    if (this.state === 'open') return this.reg.clock.now() >= this.openUntil
    return this.admitted < this.reg.options.halfOpenTrials
  }

  success(permit: number, traceId?: string, now = this.reg.clock.now()): void {
    if (permit !== 0) {
      if (permit !== this.generation || this.state !== 'half-open') return
      if (++this.succeeded >= this.reg.options.halfOpenTrials) {
        this.move('closed', now, `${this.succeeded} trial call(s) succeeded`, traceId)
      }
      return
    }
    if (this.state !== 'closed') return
    this.ok[this.bucket(now)]!++
  }

  failure(err: unknown, permit: number, traceId?: string): void {
    const trial = permit !== 0 && permit === this.generation && this.state === 'half-open'
    if (!this.reg.isFailure(err)) {
      if (trial) this.admitted-- // neutral outcome: frees the trial slot
      return
    }
    const now = this.reg.clock.now()
    if (trial) return this.open(now, `trial call failed (${errorCode(err) ?? 'error'})`, traceId)
    if (permit !== 0 || this.state !== 'closed') return
    this.bad[this.bucket(now)]!++
    let failures = 0
    let total = 0
    const oldest = Math.floor(now / this.bucketMs) - this.ids.length
    for (let i = 0; i < this.ids.length; i++) {
      if (this.ids[i]! <= oldest) continue
      failures += this.bad[i]!
      total += this.bad[i]! + this.ok[i]!
    }
    const { minimumVolume, failureRateThreshold } = this.reg.options
    if (total >= minimumVolume && failures / total >= failureRateThreshold) {
      const pct = Math.round((failures / total) * 100)
      this.open(now, `failure rate ${pct}% over ${total} calls (last: ${errorCode(err) ?? 'error'})`, traceId)
    }
  }

  reset(reason = 'reset by user', traceId?: string): void {
    this.opens = 0
    if (this.state !== 'closed') this.move('closed', this.reg.clock.now(), reason, traceId)
    else this.clearWindow()
  }

  snapshot(): BreakerSnapshot {
    return { key: this.key, state: this.state, openUntil: this.openUntil, opens: this.opens, updatedAt: this.updatedAt }
  }

  /** Takes a stored state back; a half-open breaker comes back open until its stored time. */
  restore(snap: BreakerSnapshot): void {
    this.state = snap.state === 'closed' ? 'closed' : 'open'
    this.openUntil = snap.openUntil
    this.opens = snap.opens
    this.updatedAt = snap.updatedAt
    this.generation++
    this.admitted = this.succeeded = 0
    this.clearWindow()
  }

  private open(now: number, reason: string, traceId?: string): void {
    const { openMs, backoffFactor, maxOpenMs } = this.reg.options
    this.opens++
    this.openUntil = now + Math.min(maxOpenMs, openMs * backoffFactor ** (this.opens - 1))
    this.move('open', now, reason, traceId)
  }

  private move(to: BreakerState, at: number, reason: string, traceId?: string): void {
    const from = this.state
    this.state = to
    this.updatedAt = at
    this.generation++
    this.admitted = this.succeeded = 0
    if (to === 'closed') this.opens = 0
    this.clearWindow()
    const retryAt = to === 'open' ? this.openUntil : undefined
    this.reg.notify({ key: this.key, from, to, at, reason, retryAt, traceId, snapshot: this.snapshot() })
  }

  private bucket(now: number): number {
    const id = Math.floor(now / this.bucketMs)
    const slot = id % this.ids.length
    if (this.ids[slot] !== id) {
      this.ids[slot] = id
      this.ok[slot] = 0
      this.bad[slot] = 0
    }
    return slot
  }

  private clearWindow(): void {
    this.ids.fill(-1)
  }

  /** The fast-fail error, built once per open period and second left (an Error costs µs). */
  private unavailable(now: number): NexusError {
    const seconds = Math.ceil((Math.max(now, this.openUntil) - now) / 1000)
    const cached = this.lastError
    if (cached && cached.generation === this.generation && cached.seconds === seconds) return cached.error
    const error = this.buildUnavailable(now)
    this.lastError = { generation: this.generation, seconds, error }
    return error
  }

  private buildUnavailable(now: number): NexusError {
    const name = this.reg.describe(this.key)
    const retryAt = Math.max(now, this.openUntil)
    const seconds = Math.ceil((retryAt - now) / 1000)
    const when =
      this.state === 'open'
        ? `NEXUS will try it again in ${seconds} s (at ${new Date(retryAt).toLocaleTimeString()})`
        : 'NEXUS is testing it with a trial call and will use it again if that succeeds'
    return new NexusError('UNAVAILABLE', `${name} is failing, so its circuit breaker is ${this.state}: ${when}.`, {
      reason: 'circuit-open',
      key: this.key,
      state: this.state,
      retryAt: new Date(retryAt).toISOString(),
      retryInMs: retryAt - now
    })
  }
}

/** All breakers, created on first use with shared options. */
export class BreakerRegistry {
  readonly options: BreakerOptions
  readonly clock: Clock
  readonly isFailure: (err: unknown) => boolean
  readonly describe: (key: string) => string
  private readonly breakers = new Map<string, CircuitBreaker>()
  private readonly onTransition?: (transition: BreakerTransition) => void

  constructor(options: BreakerRegistryOptions = {}) {
    const { clock, onTransition, describe, isFailure, ...rest } = options
    this.options = { ...DEFAULT_BREAKER_OPTIONS, ...stripUndefined(rest) }
    this.clock = clock ?? systemClock
    this.onTransition = onTransition
    this.describe = describe ?? ((key) => key)
    this.isFailure = isFailure ?? isTripping
  }

  get(key: string): CircuitBreaker {
    let breaker = this.breakers.get(key)
    if (!breaker) this.breakers.set(key, (breaker = new CircuitBreaker(key, this)))
    return breaker
  }

  /** The state now (an open breaker whose time is up reports half-open). */
  state(key: string): BreakerState {
    const breaker = this.breakers.get(key)
    if (!breaker) return 'closed'
    if (breaker.state === 'open' && this.clock.now() >= breaker.openUntil) return 'half-open'
    return breaker.state
  }

  isAvailable(key: string): boolean {
    return this.breakers.get(key)?.isAvailable() ?? true
  }

  /** The Monitor page's reset button: closes one breaker, or all when no key is given. */
  reset(key?: string, traceId?: string): void {
    if (key === undefined) for (const breaker of this.breakers.values()) breaker.reset(undefined, traceId)
    else this.get(key).reset(undefined, traceId)
  }

  snapshot(): BreakerSnapshot[] {
    return [...this.breakers.values()].map((b) => b.snapshot())
  }

  /** Restores stored snapshots; malformed entries are skipped and returned. */
  restore(snapshots: unknown[]): unknown[] {
    const rejected: unknown[] = []
    for (const snap of snapshots) {
      if (isSnapshot(snap)) this.get(snap.key).restore(snap)
      else rejected.push(snap)
    }
    return rejected
  }

  /** @internal */
  notify(transition: BreakerTransition): void {
    this.onTransition?.(transition)
  }
}
