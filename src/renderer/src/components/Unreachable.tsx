import type { ReactElement, ReactNode } from 'react'
import { useConnection, type ProblemKind } from '../stores/connection'
import { appClient } from '../stores/session'
import { Icon } from './Icon'

const LEADS: Record<ProblemKind, string> = {
  unreachable: 'The core that runs your models, workflows and database is not answering.',
  unauthorized: 'The core refused this window: its access token is wrong or from an earlier run.',
  'no-token': 'This page was opened without the access token that the NEXUS host prints.'
}

function steps(kind: ProblemKind, desktop: boolean): ReactNode[] {
  if (desktop) {
    return ['Wait a moment and press Retry.', 'If that does not help, quit NEXUS and start it again.']
  }
  if (kind === 'unreachable') {
    return [
      <>
        Check that the terminal running <code>nexus serve</code> (or <code>npm run serve</code>) is still open
        and has not stopped with an error.
      </>,
      'Start it again if needed, then open the new address it prints: the port and token change on every start.',
      'Press Retry once the host is running again.'
    ]
  }
  return [
    <>
      Open the exact address printed by <code>nexus serve</code>, including its <code>?token=…</code> part.
    </>,
    'If the host was restarted, its token changed: copy the new address from the terminal.'
  ]
}

/** Replaces the whole app while the core cannot be used, instead of pages that cannot work. */
export function Unreachable(): ReactElement {
  const { problem, retrying, retry } = useConnection()
  const kind = problem?.kind ?? 'unreachable'
  const desktop = appClient()?.kind === 'electron'
  return (
    <main id="main-content" className="screen" aria-labelledby="unreachable-title">
      <div className="screen-card">
        <div className="screen-icon" aria-hidden="true">
          <Icon name="plug" size={32} />
        </div>
        <h1 id="unreachable-title">Cannot reach the NEXUS core</h1>
        <p className="screen-lead">{LEADS[kind]}</p>
        <h2 className="screen-subtitle">What to do</h2>
        <ol className="screen-steps">
          {steps(kind, desktop).map((step, index) => (
            <li key={index}>{step}</li>
          ))}
        </ol>
        {problem?.message ? <p className="screen-detail">Details: {problem.message}</p> : null}
        <div className="screen-actions">
          <button
            type="button"
            className="button button-primary"
            onClick={() => void retry()}
            disabled={retrying || kind === 'no-token'}
          >
            <Icon name="refresh" size={16} />
            {retrying ? 'Retrying…' : 'Retry'}
          </button>
          <span role="status" className="muted small">
            {retrying ? 'Trying to reach the core…' : ''}
          </span>
        </div>
      </div>
    </main>
  )
}

export function Splash(): ReactElement {
  return (
    <main id="main-content" className="screen" aria-labelledby="splash-title">
      <div className="splash">
        <span className="brand-mark brand-mark-large" aria-hidden="true" />
        <h1 id="splash-title" className="splash-title">
          NEXUS
        </h1>
        <p role="status" className="muted">
          Connecting to the NEXUS core…
        </p>
      </div>
    </main>
  )
}
