/**
 * Prometheus text exposition format 0.0.4: # HELP and # TYPE per metric, one line per series,
 * histograms as cumulative _bucket{le="..."} lines ending at +Inf, then _sum and _count.
 */
import type { MetricsRegistry } from './registry'

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8'

/** Label values escape backslash, double quote and line feed. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
}

/** HELP text escapes backslash and line feed. */
export function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')
}

export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (value === Infinity) return '+Inf'
  if (value === -Infinity) return '-Inf'
  return String(value)
}

function labelText(names: readonly string[], values: readonly string[], extra?: string): string {
  const parts: string[] = []
  for (let i = 0; i < names.length; i++) parts.push(`${names[i]}="${escapeLabelValue(values[i] ?? '')}"`)
  if (extra) parts.push(extra)
  return parts.length ? `{${parts.join(',')}}` : ''
}

/** The whole registry as Prometheus text; metrics and series in the order they were created. */
export function toPrometheusText(registry: MetricsRegistry): string {
  const lines: string[] = []
  for (const metric of registry.list()) {
    lines.push(`# HELP ${metric.name} ${escapeHelp(metric.help)}`, `# TYPE ${metric.name} ${metric.kind}`)
    for (const series of metric.series.values()) {
      if (metric.kind !== 'histogram') {
        lines.push(`${metric.name}${labelText(metric.labelNames, series.labelValues)} ${formatValue(series.value)}`)
        continue
      }
      let cumulative = 0
      const bounds = metric.bucketBounds
      for (let b = 0; b <= bounds.length; b++) {
        cumulative += series.buckets![b]!
        const le = b < bounds.length ? formatValue(bounds[b]!) : '+Inf'
        lines.push(`${metric.name}_bucket${labelText(metric.labelNames, series.labelValues, `le="${le}"`)} ${cumulative}`)
      }
      lines.push(`${metric.name}_sum${labelText(metric.labelNames, series.labelValues)} ${formatValue(series.value)}`)
      lines.push(`${metric.name}_count${labelText(metric.labelNames, series.labelValues)} ${series.count}`)
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : ''
}
