import type { ReactElement } from 'react'
import type { Health } from '../../../shared/contract'
import { Page, Section } from '../components/Page'
import { StatusBadge } from '../components/Badge'
import { Icon } from '../components/Icon'
import { JobsTable } from '../components/JobsTable'
import { useHealth } from '../stores/health'
import { useJobs } from '../stores/jobs'
import { useInterval } from '../hooks/useInterval'
import { ModelsMonitor } from '../components/monitor/ModelsMonitor'
import { EventFeed } from '../components/monitor/EventFeed'
import { DeadLettersMonitor } from '../components/monitor/DeadLetters'
import { formatBytes, formatDuration, formatTime } from '../lib/format'

const REFRESH_MS = 3000

function Summary({ health }: { health: Health }): ReactElement {
  return (
    <dl className="stats">
      <div className="stat">
        <dt>Status</dt>
        <dd>
          <StatusBadge status={health.status} />
        </dd>
      </div>
      <div className="stat">
        <dt>Uptime</dt>
        <dd>{formatDuration(health.uptimeSeconds)}</dd>
      </div>
      <div className="stat">
        <dt>Memory (RSS)</dt>
        <dd>{formatBytes(health.memory.rssBytes)}</dd>
      </div>
      <div className="stat">
        <dt>Heap used</dt>
        <dd>{formatBytes(health.memory.heapUsedBytes)}</dd>
      </div>
    </dl>
  )
}

function Checks({ checks }: { checks: Health['checks'] }): ReactElement {
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Check</th>
            <th scope="col">Status</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {checks.map((check) => (
            <tr key={check.name}>
              <td className="cell-title">{check.name}</td>
              <td>
                <StatusBadge status={check.status} />
              </td>
              <td>{check.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export function MonitorPage(): ReactElement {
  const { health, error, loading, refresh } = useHealth()
  const jobs = useJobs((s) => s.jobs)
  useInterval(() => void refresh(), REFRESH_MS)

  const actions = (
    <>
      <span className="muted small">
        {health ? `Updated ${formatTime(health.checkedAt)} · every ${REFRESH_MS / 1000} s` : 'Loading…'}
      </span>
      <button type="button" className="button" onClick={() => void refresh()} disabled={loading}>
        <Icon name="refresh" size={16} />
        Refresh now
      </button>
    </>
  )

  return (
    <Page title="Monitor" description="Health of the NEXUS core, of every model it calls, and the work it is doing." actions={actions}>
      {error ? (
        <p className="alert alert-error" role="alert">
          Could not read the health of the core: {error}
        </p>
      ) : null}
      {health ? (
        <>
          <Summary health={health} />
          <Section title="Health checks">
            <Checks checks={health.checks} />
          </Section>
        </>
      ) : null}
      <ModelsMonitor />
      <Section title="Live events" description="Circuit breaker transitions and fallbacks, with the trace id of the request.">
        <EventFeed />
      </Section>
      <DeadLettersMonitor />
      <Section title="Jobs" description="Long work the core runs in the background, newest first.">
        <JobsTable jobs={jobs} />
      </Section>
    </Page>
  )
}
