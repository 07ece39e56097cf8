import { useEffect, useRef, useState, type ReactElement } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'

export interface ChartSeries {
  label: string
  /** One value per x, null where there is nothing to plot. */
  values: (number | null)[]
}

interface TimeChartProps {
  title: string
  /** What the chart shows, in words: the accessible name and the visible caption. */
  summary: string
  /** Seconds since the epoch, ascending. */
  xs: number[]
  series: ChartSeries[]
  /** Formats a y value for the axis. */
  format: (value: number) => string
}

const PALETTE = ['--chart-1', '--chart-2', '--chart-3', '--chart-4', '--chart-5', '--chart-6']
const HEIGHT = 180

/** Colours of the current theme, read from the CSS variables on <html>. */
function themeColours(): { text: string; grid: string; series: string[] } {
  const style = getComputedStyle(document.documentElement)
  const read = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback
  return {
    text: read('--text-muted', '#555'),
    grid: read('--border', '#ddd'),
    series: PALETTE.map((name) => read(name, '#4f46e5'))
  }
}

/** Re-renders when <html data-theme> changes, so the chart follows light and dark. */
function useThemeVersion(): string {
  const [theme, setTheme] = useState(document.documentElement.dataset.theme ?? 'light')
  useEffect(() => {
    const observer = new MutationObserver(() => setTheme(document.documentElement.dataset.theme ?? 'light'))
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] })
    return () => observer.disconnect()
  }, [])
  return theme
}

function options(width: number, series: ChartSeries[], format: TimeChartProps['format']): uPlot.Options {
  const colours = themeColours()
  const axis = {
    stroke: colours.text,
    grid: { stroke: colours.grid, width: 1 },
    ticks: { stroke: colours.grid, width: 1 }
  }
  return {
    width,
    height: HEIGHT,
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    // From zero, so small changes do not look like cliffs; an all-zero series gets a unit range.
    scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
    axes: [axis, { ...axis, size: 64, values: (_u, ticks) => ticks.map((v) => format(v)) }],
    series: [
      {},
      ...series.map((s, i) => ({
        label: s.label,
        stroke: colours.series[i % colours.series.length],
        width: 2,
        spanGaps: false,
        points: { show: true, size: 4 }
      }))
    ]
  }
}

/** A uPlot line chart over time; the canvas is hidden from assistive technology, the summary is not. */
export function TimeChart({ title, summary, xs, series, format }: TimeChartProps): ReactElement {
  const box = useRef<HTMLDivElement>(null)
  const theme = useThemeVersion()
  const colours = themeColours()

  useEffect(() => {
    const el = box.current
    if (!el || xs.length === 0) return undefined
    const data: uPlot.AlignedData = [xs, ...series.map((s) => s.values)]
    const plot = new uPlot(options(Math.max(200, el.clientWidth), series, format), data, el)
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(200, el.clientWidth), height: HEIGHT }))
    resize.observe(el)
    return () => {
      resize.disconnect()
      plot.destroy()
    }
  }, [xs, series, format, theme])

  return (
    <figure className="chart" role="group" aria-label={title}>
      <figcaption className="chart-caption">
        <span className="chart-title">{title}</span>
        <span className="chart-summary">{summary}</span>
      </figcaption>
      {xs.length === 0 ? (
        <p className="chart-empty muted small">No calls in this window yet.</p>
      ) : (
        <div className="chart-plot" ref={box} role="img" aria-label={`${title}: ${summary}`} />
      )}
      {series.length > 0 ? (
        <ul className="chart-legend" aria-label={`Series of ${title}`}>
          {series.map((s, i) => (
            <li key={s.label}>
              <span className="chart-key" style={{ background: colours.series[i % colours.series.length] }} aria-hidden="true" />
              {s.label}
            </li>
          ))}
        </ul>
      ) : null}
    </figure>
  )
}
