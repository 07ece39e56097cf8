/**
 * Adaptive timeouts: time to first token and total deadlines are the observed p95 × a factor,
 * clamped to [min, max], with defaults until enough calls were observed. `withTimeout` enforces
 * them on one attempt with a single timer, aborting the attempt's signal when time is up.
 */
import { NexusError } from '../../../shared/errors'
import { cancelledError, type Clock, type TimerHandle } from './clock'
import type { Attempt } from './retry'
import { stripUndefined } from './util'

/** p-quantiles over the last `size` samples (nearest rank), by quickselect on a copy. */
export class RollingPercentile {
  private readonly samples: Float64Array
  private count = 0
  private next = 0
  private scratch: Float64Array | undefined

  constructor(readonly size = 200) {
    this.samples = new Float64Array(Math.max(1, size))
  }

  get length(): number {
    return this.count
  }

  add(value: number): void {
    if (!Number.isFinite(value) || value < 0) return
    this.samples[this.next] = value
    this.next = (this.next + 1) % this.samples.length
    if (this.count < this.samples.length) this.count++
    this.scratch = undefined
  }

  /** The q-quantile (q in [0, 1]) or undefined with no samples. */
  quantile(q: number): number | undefined {
    if (this.count === 0) return undefined
    const rank = Math.min(this.count - 1, Math.max(0, Math.ceil(q * this.count) - 1))
    this.scratch ??= this.samples.slice(0, this.count)
    return select(this.scratch, rank)
  }
}

/** Hoare's quickselect: the k-th smallest value, partially reordering `a` in place. */
function select(a: Float64Array, k: number): number {
  let lo = 0
  let hi = a.length - 1
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!
    let i = lo
    let j = hi
    while (i <= j) {
      while (a[i]! < pivot) i++
      while (a[j]! > pivot) j--
      if (i <= j) {
        const t = a[i]!
        a[i++] = a[j]!
        a[j--] = t
      }
    }
    if (k <= j) hi = j
    else if (k >= i) lo = i
    else break
  }
  return a[k]!
}

export interface Bounds {
  min: number
  max: number
  /** Used until `minSamples` observations. */
  initial: number
}

export interface AdaptiveTimeoutOptions {
  factor: number
  minSamples: number
  /** Samples kept per key. */
  window: number
  ttft: Bounds
  total: Bounds
}

export const DEFAULT_TIMEOUT_OPTIONS: AdaptiveTimeoutOptions = {
  factor: 2,
  minSamples: 20,
  window: 200,
  ttft: { min: 5_000, max: 120_000, initial: 60_000 },
  total: { min: 15_000, max: 600_000, initial: 300_000 }
}

export interface Deadlines {
  /** Time to first output; Infinity for calls that do not stream. */
  ttftMs: number
  totalMs: number
}

export class AdaptiveTimeouts {
  readonly options: AdaptiveTimeoutOptions
  private readonly keys = new Map<string, { ttft: RollingPercentile; total: RollingPercentile; since: number; cached?: Deadlines }>()

  constructor(options: Partial<AdaptiveTimeoutOptions> = {}) {
    this.options = { ...DEFAULT_TIMEOUT_OPTIONS, ...stripUndefined(options) }
  }

  /** Records one successful call's timings. */
  observe(key: string, sample: { ttftMs?: number; totalMs?: number }): void {
    let entry = this.keys.get(key)
    if (!entry) {
      entry = { ttft: new RollingPercentile(this.options.window), total: new RollingPercentile(this.options.window), since: 0 }
      this.keys.set(key, entry)
    }
    if (sample.ttftMs !== undefined) entry.ttft.add(sample.ttftMs)
    if (sample.totalMs !== undefined) entry.total.add(sample.totalMs)
    // Re-estimate while warming up, then every 32 observations: p95 moves slowly.
    const min = this.options.minSamples
    const warming = (sample.ttftMs !== undefined && entry.ttft.length <= min) || (sample.totalMs !== undefined && entry.total.length <= min)
    if (warming || ++entry.since >= 32) {
      entry.since = 0
      entry.cached = undefined
    }
  }

  deadlines(key: string): Deadlines {
    const entry = this.keys.get(key)
    if (!entry) return { ttftMs: this.options.ttft.initial, totalMs: this.options.total.initial }
    entry.cached ??= { ttftMs: this.pick(entry.ttft, this.options.ttft), totalMs: this.pick(entry.total, this.options.total) }
    return entry.cached
  }

  private pick(samples: RollingPercentile, bounds: Bounds): number {
    const p95 = samples.length >= this.options.minSamples ? samples.quantile(0.95) : undefined
    if (p95 === undefined) return bounds.initial
    return Math.min(bounds.max, Math.max(bounds.min, p95 * this.options.factor))
  }
}

/**
 * Runs one attempt within `limits`: rejects with TIMEOUT (and aborts `attempt.signal`) when no
 * output started within ttftMs (see Attempt.markOutputStarted) or nothing settled within totalMs.
 */
export function withTimeout<T>(
  clock: Clock,
  attempt: Attempt,
  limits: Deadlines,
  name: string,
  run: (attempt: Attempt) => Promise<T>,
  start = clock.now()
): Promise<T> {
  const parent = attempt.parentSignal
  attempt.ownSignal()
  const { ttftMs, totalMs } = limits
  return new Promise<T>((resolve, reject) => {
    let settled = false
    let timer: TimerHandle = undefined
    const onParentAbort = (): void => {
      attempt.abort(parent?.reason)
      if (finish()) reject(cancelledError())
    }
    const finish = (): boolean => {
      if (settled) return false
      settled = true
      clock.clearTimeout(timer)
      parent?.removeEventListener('abort', onParentAbort)
      return true
    }
    const check = (): void => {
      const elapsed = clock.now() - start
      const kind = !attempt.outputStarted && elapsed >= ttftMs ? 'ttft' : elapsed >= totalMs ? 'total' : undefined
      if (!kind) {
        const next = (attempt.outputStarted ? totalMs : Math.min(ttftMs, totalMs)) - elapsed
        if (Number.isFinite(next)) timer = clock.setTimeout(check, next)
        return
      }
      if (!finish()) return
      const ms = kind === 'ttft' ? ttftMs : totalMs
      const what = kind === 'ttft' ? 'did not start answering' : 'did not finish answering'
      const err = new NexusError('TIMEOUT', `${name} ${what} within ${formatMs(ms)}.`, { kind, timeoutMs: ms })
      attempt.abort(err)
      reject(err)
    }
    if (parent?.aborted) return onParentAbort()
    parent?.addEventListener('abort', onParentAbort, { once: true })
    const first = Math.min(ttftMs, totalMs)
    if (Number.isFinite(first)) timer = clock.setTimeout(check, first)
    run(attempt).then(
      (value) => finish() && resolve(value),
      (err: unknown) => finish() && reject(err)
    )
  })
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${Math.round(ms)} ms`
}
