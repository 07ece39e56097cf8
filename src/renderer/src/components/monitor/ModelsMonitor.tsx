import { useCallback, useEffect, useState, type ReactElement } from 'react'
import { Section } from '../Page'
import { ErrorAlert } from '../ErrorAlert'
import { client } from '../../stores/session'
import { useMonitorEvents } from '../../stores/monitorEvents'
import { useQuery } from '../../hooks/useQuery'
import { useAction } from '../../hooks/useAction'
import { useInterval } from '../../hooks/useInterval'
import { ModelHealthTable } from './ModelHealthTable'
import { MonitorCharts } from './MonitorCharts'
import { BreakersTable } from './BreakersTable'

const WINDOWS = [
  { minutes: 60, label: '1 h', long: 'hour' },
  { minutes: 24 * 60, label: '24 h', long: '24 hours' },
  { minutes: 7 * 24 * 60, label: '7 d', long: '7 days' }
] as const
const REFRESH_MS = 5000

function WindowPicker({ value, onChange }: { value: number; onChange: (minutes: number) => void }): ReactElement {
  return (
    <fieldset className="segmented">
      <legend className="sr-only">Time window</legend>
      {WINDOWS.map((w) => (
        <label key={w.minutes} className="segment">
          <input type="radio" name="monitor-window" checked={value === w.minutes} onChange={() => onChange(w.minutes)} />
          <span>{w.label}</span>
        </label>
      ))}
    </fieldset>
  )
}

/** Models and breakers: the table, the charts over time and the breakers with their Reset. */
export function ModelsMonitor(): ReactElement {
  const [minutes, setMinutes] = useState<number>(60)
  const windowInfo = WINDOWS.find((w) => w.minutes === minutes) ?? WINDOWS[0]
  const fetchSnapshot = useCallback(() => client().call('monitor.snapshot', { windowMinutes: minutes }), [minutes])
  const fetchBreakers = useCallback(() => client().call('breakers.list'), [])
  const snapshot = useQuery('Could not read the model metrics', fetchSnapshot)
  const breakers = useQuery('Could not list the circuit breakers', fetchBreakers)
  const reset = useAction()
  const breakerVersion = useMonitorEvents((s) => s.breakerVersion)
  const { reload: reloadSnapshot } = snapshot
  const { reload: reloadBreakers } = breakers

  useInterval(() => {
    reloadSnapshot()
    reloadBreakers()
  }, REFRESH_MS)
  // A transition event: show the new state now rather than at the next refresh.
  useEffect(() => {
    if (breakerVersion === 0) return
    reloadSnapshot()
    reloadBreakers()
  }, [breakerVersion, reloadSnapshot, reloadBreakers])

  const onReset = async (key: string): Promise<void> => {
    await reset.run(`Could not reset the breaker of ${key}`, () => client().call('breakers.reset', { key }))
    reloadBreakers()
    reloadSnapshot()
  }

  return (
    <>
      <Section title="Models" description="Health, latency, throughput, errors and cost of every provider and model NEXUS called.">
        <div className="monitor-toolbar">
          <span className="muted small">Window</span>
          <WindowPicker value={minutes} onChange={setMinutes} />
        </div>
        <ErrorAlert error={snapshot.error} />
        {snapshot.data ? (
          <>
            <ModelHealthTable models={snapshot.data.models} />
            <MonitorCharts snapshot={snapshot.data} windowLabel={windowInfo.long} />
          </>
        ) : snapshot.error ? null : (
          <p className="muted">Loading…</p>
        )}
      </Section>
      <Section title="Circuit breakers" description="A breaker opens when a model keeps failing; “auto” skips it until a trial call succeeds.">
        <ErrorAlert error={breakers.error} />
        <ErrorAlert error={reset.error} onDismiss={reset.clear} />
        {breakers.data ? <BreakersTable breakers={breakers.data} onReset={onReset} /> : null}
      </Section>
    </>
  )
}
