/**
 * Metrics of the core: counters, gauges and latency histograms with labels (provider, model,
 * breaker, queue, job...). Recording is a map lookup and a few array writes. Each series keeps
 * a ring of per-minute aggregates, so "the last 15 minutes" is a sum over at most that many
 * slots; prometheus.ts renders the registry as Prometheus text.
 */
import { NexusError } from '../../../shared/errors'

export type Labels = Readonly<Record<string, string>>
export type MetricKind = 'counter' | 'gauge' | 'histogram'

/** Latency buckets in milliseconds, from a local model's first token to a long answer. */
export const LATENCY_BUCKETS_MS: readonly number[] = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000]

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/
const MINUTE = 60_000

export interface MetricsOptions {
  /** Minutes of per-minute history kept per series (default 60). */
  windowMinutes?: number
  now?: () => number
}

/** One labelled series: its running total plus a ring of per-minute slots. */
export class Series {
  /** Counter total, gauge value, or histogram sum. */
  value = 0
  count = 0
  /** Histogram only: non-cumulative count per bucket, the last slot is +Inf. */
  readonly buckets: Float64Array | null
  /** Per slot: the minute it holds (epoch minute), value delta (or last gauge value), count, bucket counts. */
  private readonly slotMinute: Float64Array
  private readonly slotValue: Float64Array
  private readonly slotCount: Float64Array
  private readonly slotBuckets: Float64Array | null

  constructor(
    readonly labelValues: readonly string[],
    bucketCount: number,
    private readonly slots: number
  ) {
    this.buckets = bucketCount ? new Float64Array(bucketCount + 1) : null
    this.slotMinute = new Float64Array(slots).fill(-1)
    this.slotValue = new Float64Array(slots)
    this.slotCount = new Float64Array(slots)
    this.slotBuckets = bucketCount ? new Float64Array(slots * (bucketCount + 1)) : null
  }

  /** The slot of this minute, cleared when it last held an older minute. */
  slot(minute: number): number {
    const s = minute % this.slots
    if (this.slotMinute[s] !== minute) {
      this.slotMinute[s] = minute
      this.slotValue[s] = 0
      this.slotCount[s] = 0
      if (this.slotBuckets) this.slotBuckets.fill(0, s * this.buckets!.length, (s + 1) * this.buckets!.length)
    }
    return s
  }

  add(minute: number, value: number): void {
    const s = this.slot(minute)
    this.value += value
    this.count++
    this.slotValue[s]! += value
    this.slotCount[s]! += 1
  }

  setGauge(minute: number, value: number): void {
    const s = this.slot(minute)
    this.value = value
    this.slotValue[s] = value
    this.slotCount[s] = 1
  }

  observe(minute: number, value: number, bucket: number): void {
    const s = this.slot(minute)
    this.value += value
    this.count++
    this.buckets![bucket]! += 1
    this.slotValue[s]! += value
    this.slotCount[s]! += 1
    this.slotBuckets![s * this.buckets!.length + bucket]! += 1
  }

  /** Sums of the slots of minutes in (toMinute - minutes, toMinute]. */
  window(toMinute: number, minutes: number): { value: number; count: number; buckets: Float64Array | null; last: number | null } {
    const width = this.buckets?.length ?? 0
    const buckets = width ? new Float64Array(width) : null
    let value = 0
    let count = 0
    let last: number | null = null
    let lastMinute = -1
    const from = toMinute - Math.min(minutes, this.slots) + 1
    for (let s = 0; s < this.slots; s++) {
      const minute = this.slotMinute[s]!
      if (minute < from || minute > toMinute) continue
      value += this.slotValue[s]!
      count += this.slotCount[s]!
      if (minute > lastMinute) {
        lastMinute = minute
        last = this.slotValue[s]!
      }
      if (buckets) for (let b = 0; b < width; b++) buckets[b]! += this.slotBuckets![s * width + b]!
    }
    return { value, count, buckets, last }
  }
}

export class Metric {
  readonly series = new Map<string, Series>()

  constructor(
    readonly kind: MetricKind,
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
    readonly bucketBounds: readonly number[],
    private readonly registry: MetricsRegistry
  ) {}

  /** The series of these labels (created on first use). Missing labels are empty strings. */
  get(labels: Labels = {}): Series {
    let key = ''
    for (let i = 0; i < this.labelNames.length; i++) key += (i ? '\u0001' : '') + (labels[this.labelNames[i]!] ?? '')
    let series = this.series.get(key)
    if (!series) {
      series = new Series(
        this.labelNames.map((n) => labels[n] ?? ''),
        this.bucketBounds.length,
        this.registry.windowMinutes
      )
      this.series.set(key, series)
    }
    return series
  }
}

export class MetricsRegistry {
  readonly windowMinutes: number
  private readonly metrics = new Map<string, Metric>()
  private readonly now: () => number

  constructor(options: MetricsOptions = {}) {
    this.windowMinutes = Math.max(1, Math.floor(options.windowMinutes ?? 60))
    this.now = options.now ?? Date.now
  }

  minute(): number {
    return Math.floor(this.now() / MINUTE)
  }

  counter(name: string, help: string, labelNames: readonly string[] = []): CounterHandle {
    const metric = this.define('counter', name, help, labelNames, [])
    return {
      metric,
      inc: (labels, by = 1) => {
        if (!(by >= 0)) throw new NexusError('BAD_REQUEST', `Counter ${name} can only go up (got ${by}).`)
        metric.get(labels).add(this.minute(), by)
      }
    }
  }

  gauge(name: string, help: string, labelNames: readonly string[] = []): GaugeHandle {
    const metric = this.define('gauge', name, help, labelNames, [])
    return {
      metric,
      set: (labels, value) => metric.get(labels).setGauge(this.minute(), value),
      inc: (labels, by = 1) => {
        const series = metric.get(labels)
        series.setGauge(this.minute(), series.value + by)
      }
    }
  }

  histogram(name: string, help: string, labelNames: readonly string[] = [], buckets: readonly number[] = LATENCY_BUCKETS_MS): HistogramHandle {
    const sorted = [...buckets].filter(Number.isFinite).sort((a, b) => a - b)
    if (sorted.length === 0) throw new NexusError('BAD_REQUEST', `Histogram ${name} needs at least one finite bucket bound.`)
    const metric = this.define('histogram', name, help, labelNames, sorted)
    const bounds = Float64Array.from(sorted)
    return {
      metric,
      observe: (labels, value) => {
        let b = 0
        while (b < bounds.length && value > bounds[b]!) b++
        metric.get(labels).observe(this.minute(), value, b)
      }
    }
  }

  list(): readonly Metric[] {
    return [...this.metrics.values()]
  }

  find(name: string): Metric | undefined {
    return this.metrics.get(name)
  }

  private define(kind: MetricKind, name: string, help: string, labelNames: readonly string[], buckets: readonly number[]): Metric {
    if (!METRIC_NAME.test(name)) throw new NexusError('BAD_REQUEST', `"${name}" is not a valid metric name.`)
    for (const label of labelNames) {
      if (!LABEL_NAME.test(label) || label.startsWith('__') || (kind === 'histogram' && label === 'le')) {
        throw new NexusError('BAD_REQUEST', `"${label}" is not a valid label name for ${name}.`)
      }
    }
    const existing = this.metrics.get(name)
    if (existing) {
      if (existing.kind !== kind || existing.labelNames.join() !== labelNames.join()) {
        throw new NexusError('BAD_REQUEST', `Metric ${name} is already defined as a ${existing.kind} with labels (${existing.labelNames.join(', ')}).`)
      }
      return existing
    }
    const metric = new Metric(kind, name, help, labelNames, buckets, this)
    this.metrics.set(name, metric)
    return metric
  }
}

export interface CounterHandle {
  metric: Metric
  inc(labels?: Labels, by?: number): void
}
export interface GaugeHandle {
  metric: Metric
  set(labels: Labels | undefined, value: number): void
  inc(labels?: Labels, by?: number): void
}
export interface HistogramHandle {
  metric: Metric
  observe(labels: Labels | undefined, value: number): void
}
