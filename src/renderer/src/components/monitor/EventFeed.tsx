import type { ReactElement } from 'react'
import { useMonitorEvents, FEED_LIMIT, type FeedEvent } from '../../stores/monitorEvents'
import { formatTime } from '../../lib/format'
import { BreakerBadge } from './BreakerBadge'

function Entry({ entry }: { entry: FeedEvent }): ReactElement {
  if (entry.kind === 'breaker') {
    const e = entry.event
    return (
      <li className="feed-item">
        <time dateTime={e.at}>{formatTime(e.at)}</time>
        <span className="badge badge-info">Breaker</span>
        <span className="feed-text">
          <code>{e.key}</code> <BreakerBadge state={e.from} /> → <BreakerBadge state={e.to} /> {e.reason}
        </span>
        {e.traceId ? <code className="feed-trace" title="Trace id">{e.traceId}</code> : null}
      </li>
    )
  }
  const e = entry.event
  return (
    <li className="feed-item">
      <time dateTime={e.at}>{formatTime(e.at)}</time>
      <span className="badge badge-warn">Fallback</span>
      <span className="feed-text">
        <code>{e.from}</code> failed ({e.code}: {e.message}) → {e.to ? <code>{e.to}</code> : 'no model left'}
      </span>
      <code className="feed-trace" title="Trace id">
        {e.traceId}
      </code>
    </li>
  )
}

/** Breaker transitions and fallbacks as they happen, newest first. */
export function EventFeed(): ReactElement {
  const events = useMonitorEvents((s) => s.events)
  return (
    <>
      <div className="feed-head">
        <p className="muted small">
          Since this window opened · the last {FEED_LIMIT} are kept · {events.length} so far
        </p>
        <button type="button" className="button button-small" onClick={() => useMonitorEvents.getState().clear()} disabled={events.length === 0}>
          Clear
        </button>
      </div>
      {events.length === 0 ? <p className="empty">No breaker transition or fallback yet.</p> : null}
      <div className="feed" role="log" aria-label="Live events" aria-live="polite" tabIndex={0}>
        <ol className="feed-list">
          {events.map((entry) => (
            <Entry key={entry.id} entry={entry} />
          ))}
        </ol>
      </div>
    </>
  )
}
