import type { z } from 'zod'
import type { MonitorSnapshot } from '../../../shared/schemas/routing'
import { formatCost, modelName } from './chatFormat'
import { formatMs } from './format'

export type Snapshot = z.infer<typeof MonitorSnapshot>
export interface Series {
  label: string
  values: (number | null)[]
}
export interface ChartData {
  xs: number[]
  series: Series[]
  summary: string
}

/** Most models drawn in the latency chart: the busiest ones. */
const MAX_LINES = 6

/** Every bucket time of the snapshot, in seconds, ascending. */
function bucketTimes(snapshot: Snapshot): number[] {
  const times = new Set<number>()
  for (const s of snapshot.series) for (const p of s.points) times.add(Date.parse(p.t) / 1000)
  return [...times].filter((t) => Number.isFinite(t)).sort((a, b) => a - b)
}

function sumBy(snapshot: Snapshot, xs: number[], pick: (p: Snapshot['series'][number]['points'][number]) => number): number[] {
  const index = new Map(xs.map((x, i) => [x, i]))
  const sums = xs.map(() => 0)
  for (const s of snapshot.series) {
    for (const p of s.points) {
      const i = index.get(Date.parse(p.t) / 1000)
      if (i !== undefined) sums[i] = (sums[i] ?? 0) + pick(p)
    }
  }
  return sums
}

function when(x: number): string {
  return new Date(x * 1000).toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' })
}

function peak(xs: number[], values: (number | null)[]): { x: number; value: number } | null {
  let best: { x: number; value: number } | null = null
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i]
    const x = xs[i]
    if (value !== null && value !== undefined && x !== undefined && (best === null || value > best.value)) best = { x, value }
  }
  return best
}

export function callsChart(snapshot: Snapshot, windowLabel: string): ChartData {
  const xs = bucketTimes(snapshot)
  const calls = sumBy(snapshot, xs, (p) => p.calls)
  const errors = sumBy(snapshot, xs, (p) => p.errors)
  const totalCalls = calls.reduce((a, b) => a + b, 0)
  const totalErrors = errors.reduce((a, b) => a + b, 0)
  const top = peak(xs, calls)
  const summary =
    totalCalls === 0
      ? `No calls in the last ${windowLabel}.`
      : `${totalCalls} calls and ${totalErrors} errors in the last ${windowLabel}` +
        (top ? `; busiest at ${when(top.x)} with ${top.value} calls.` : '.')
  return { xs, series: [{ label: 'Calls', values: calls }, { label: 'Errors', values: errors }], summary }
}

export function latencyChart(snapshot: Snapshot, windowLabel: string): ChartData {
  const xs = bucketTimes(snapshot)
  const index = new Map(xs.map((x, i) => [x, i]))
  const busiest = [...snapshot.series]
    .map((s) => ({ s, calls: s.points.reduce((a, p) => a + p.calls, 0) }))
    .sort((a, b) => b.calls - a.calls)
    .slice(0, MAX_LINES)
  // The model's name, or its full ref when two providers serve a model of the same name.
  const names = busiest.map(({ s }) => modelName(s.ref))
  const label = (ref: string): string => (names.filter((n) => n === modelName(ref)).length > 1 ? ref : modelName(ref))
  const series = busiest.map(({ s }) => {
    const values: (number | null)[] = xs.map(() => null)
    for (const p of s.points) {
      const i = index.get(Date.parse(p.t) / 1000)
      if (i !== undefined) values[i] = p.totalP95
    }
    return { label: label(s.ref), values }
  })
  let worst: { label: string; x: number; value: number } | null = null
  for (const s of series) {
    const top = peak(xs, s.values)
    if (top && (worst === null || top.value > worst.value)) worst = { label: s.label, ...top }
  }
  const summary = worst
    ? `Highest p95 total time in the last ${windowLabel}: ${formatMs(worst.value)} for ${worst.label} at ${when(worst.x)}.`
    : `No latency measured in the last ${windowLabel}.`
  return { xs, series, summary }
}

export function costChart(snapshot: Snapshot, windowLabel: string): ChartData {
  const xs = bucketTimes(snapshot)
  const cost = sumBy(snapshot, xs, (p) => p.costUsd)
  const total = cost.reduce((a, b) => a + b, 0)
  const top = peak(xs, cost)
  const summary =
    total === 0
      ? `No cost in the last ${windowLabel}.`
      : `${formatCost(total)} spent in the last ${windowLabel}` + (top ? `; most at ${when(top.x)} (${formatCost(top.value)}).` : '.')
  return { xs, series: [{ label: 'Cost (USD)', values: cost }], summary }
}
