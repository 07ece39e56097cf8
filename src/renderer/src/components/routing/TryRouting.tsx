import { useId, useState, type FormEvent, type ReactElement } from 'react'
import type { RouteDecision } from '../../../../shared/schemas/routing'
import { client } from '../../stores/session'
import { useSettings } from '../../stores/settings'
import { useAction } from '../../hooks/useAction'
import { intentLabel, percent } from '../../lib/intents'
import { ErrorAlert } from '../ErrorAlert'

function Decision({ decision }: { decision: RouteDecision }): ReactElement {
  const { intent } = decision
  return (
    <div className="route-result" role="region" aria-label="Routing decision">
      <p className="route-intent">
        Intent: <strong>{intentLabel(intent.intent)}</strong> <span className="muted">({percent(intent.confidence)} confidence)</span>
      </p>
      <ul className="route-alternatives" aria-label="Alternatives">
        {intent.alternatives.map((alt) => (
          <li key={alt.intent}>
            <span>{intentLabel(alt.intent)}</span>
            <meter min={0} max={1} value={alt.probability} aria-label={`${intentLabel(alt.intent)} probability`} />
            <span className="muted small">{percent(alt.probability)}</span>
          </li>
        ))}
      </ul>
      {decision.ranked.length === 0 ? (
        <p className="empty">No configured model can take this prompt under this preference.</p>
      ) : (
        <div className="table-wrap">
          <table className="table table-compact" aria-label="Ranked models">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Model</th>
                <th scope="col">Score</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {decision.ranked.map((m, i) => (
                <tr key={m.ref}>
                  <td>{i + 1}</td>
                  <th scope="row" className="cell-title">
                    <code>{m.model}</code> <span className="cell-sub">{m.providerId}{m.local ? ' · local' : ''}</span>
                  </th>
                  <td>{m.score.toFixed(2)}</td>
                  <td>{m.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted small">
        Preference {decision.preference} · trace <code>{decision.traceId}</code> · no model was called.
      </p>
    </div>
  )
}

/** Type a prompt, see what "auto" would do with it: intent, alternatives, ranked models. */
export function TryRouting(): ReactElement {
  const id = useId()
  const [text, setText] = useState('')
  const [decision, setDecision] = useState<RouteDecision | null>(null)
  const settings = useSettings((s) => s.settings)
  const action = useAction()
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    if (!text.trim()) return
    const preference = settings?.routingPreference
    const result = await action.run('Could not route the prompt', () =>
      client().call('routing.route', {
        text,
        ...(preference ? { preference } : {}),
        ...(preference === 'custom' && settings ? { weights: settings.routingWeights } : {})
      })
    )
    if (result) setDecision(result)
  }
  return (
    <form className="form try-routing" onSubmit={(e) => void submit(e)} aria-label="Try routing">
      <div className="field">
        <label htmlFor={id}>Prompt</label>
        <textarea id={id} rows={3} value={text} onChange={(e) => setText(e.target.value)} placeholder="e.g. Write a Rust function that parses a CSV line" />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={action.busy || !text.trim()}>
          {action.busy ? 'Routing…' : 'Route'}
        </button>
      </div>
      <ErrorAlert error={action.error} onDismiss={action.clear} />
      {decision ? <Decision decision={decision} /> : null}
    </form>
  )
}
