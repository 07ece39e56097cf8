import { useMemo, type ReactElement } from 'react'
import { callsChart, costChart, latencyChart, type Snapshot } from '../../lib/monitorSeries'
import { formatCost } from '../../lib/chatFormat'
import { formatMs } from '../../lib/format'
import { TimeChart } from './TimeChart'

const count = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(1))
const ms = (v: number): string => formatMs(v)
const usd = (v: number): string => formatCost(v)

/** Calls and errors, p95 latency and cost over the chosen window. */
export function MonitorCharts({ snapshot, windowLabel }: { snapshot: Snapshot; windowLabel: string }): ReactElement {
  const calls = useMemo(() => callsChart(snapshot, windowLabel), [snapshot, windowLabel])
  const latency = useMemo(() => latencyChart(snapshot, windowLabel), [snapshot, windowLabel])
  const cost = useMemo(() => costChart(snapshot, windowLabel), [snapshot, windowLabel])
  return (
    <div className="charts">
      <TimeChart title="Calls and errors" summary={calls.summary} xs={calls.xs} series={calls.series} format={count} />
      <TimeChart title="p95 total time" summary={latency.summary} xs={latency.xs} series={latency.series} format={ms} />
      <TimeChart title="Cost" summary={cost.summary} xs={cost.xs} series={cost.series} format={usd} />
    </div>
  )
}
