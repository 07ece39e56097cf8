/** Queries over the per-minute history of a metric: totals, rates and histogram percentiles. */
import type { Labels, Metric, MetricsRegistry } from './registry'

export interface WindowSeries {
  labels: Record<string, string>
  /** Counter: increments in the window; gauge: last value set in the window; histogram: sum. */
  value: number
  /** Counter: increments recorded; histogram: observations. */
  count: number
  /** Histogram only (null otherwise): estimated from bucket bounds, linear inside a bucket. */
  p50: number | null
  p95: number | null
  p99: number | null
}

/** Percentile estimated from non-cumulative bucket counts (Prometheus' histogram_quantile way). */
export function bucketPercentile(bounds: readonly number[], counts: Float64Array, q: number): number | null {
  let total = 0
  for (let i = 0; i < counts.length; i++) total += counts[i]!
  if (total === 0) return null
  const rank = q * total
  let seen = 0
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!
    if (seen + c >= rank && c > 0) {
      if (i >= bounds.length) return bounds[bounds.length - 1]! // +Inf bucket: the highest finite bound
      const lower = i === 0 ? 0 : bounds[i - 1]!
      const upper = bounds[i]!
      return lower + ((upper - lower) * (rank - seen)) / c
    }
    seen += c
  }
  return bounds[bounds.length - 1]!
}

function matches(metric: Metric, values: readonly string[], filter: Labels | undefined): boolean {
  if (!filter) return true
  for (const [name, value] of Object.entries(filter)) {
    const i = metric.labelNames.indexOf(name)
    if (i < 0 || values[i] !== value) return false
  }
  return true
}

/**
 * Per series of `name` whose labels include `filter`: aggregates over the last `minutes`
 * (capped at the registry's history). Unknown metric: empty list.
 */
export function queryWindow(registry: MetricsRegistry, name: string, minutes: number, filter?: Labels): WindowSeries[] {
  const metric = registry.find(name)
  if (!metric) return []
  const now = registry.minute()
  const out: WindowSeries[] = []
  for (const series of metric.series.values()) {
    if (!matches(metric, series.labelValues, filter)) continue
    const w = series.window(now, Math.max(1, Math.floor(minutes)))
    const labels: Record<string, string> = {}
    metric.labelNames.forEach((n, i) => (labels[n] = series.labelValues[i]!))
    const histogram = metric.kind === 'histogram' && w.buckets
    out.push({
      labels,
      value: metric.kind === 'gauge' ? (w.last ?? series.value) : w.value,
      count: w.count,
      p50: histogram ? bucketPercentile(metric.bucketBounds, w.buckets!, 0.5) : null,
      p95: histogram ? bucketPercentile(metric.bucketBounds, w.buckets!, 0.95) : null,
      p99: histogram ? bucketPercentile(metric.bucketBounds, w.buckets!, 0.99) : null
    })
  }
  return out
}
