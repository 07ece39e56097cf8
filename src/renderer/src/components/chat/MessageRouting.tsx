import { useId, useState, type FormEvent, type ReactElement } from 'react'
import type { Message } from '../../../../shared/schemas/chat'
import type { RoutingInfo } from '../../../../shared/schemas/routing'
import { useChat } from '../../stores/chat'
import { useMonitorEvents } from '../../stores/monitorEvents'
import { client } from '../../stores/session'
import { useAction } from '../../hooks/useAction'
import { messageText, modelName } from '../../lib/chatFormat'
import { INTENTS, intentLabel, percent, type Intent } from '../../lib/intents'
import { ErrorAlert } from '../ErrorAlert'
import { InfoList } from '../InfoList'

const PREFERENCE_LABELS: Record<string, string> = {
  quality: 'best quality',
  cost: 'lowest cost',
  speed: 'fastest',
  local: 'local only',
  balanced: 'balanced',
  custom: 'custom weights'
}

/** Text of the user's message this answer replies to (the one before it). */
function usePrompt(messageId: string): string {
  return useChat((s) => {
    const at = s.order.indexOf(messageId)
    for (let i = at - 1; i >= 0; i -= 1) {
      const m = s.messages[s.order[i] ?? '']
      if (m?.role === 'user') return messageText(m.content)
    }
    return ''
  })
}

/** "Wrong intent? → pick the right one": the prompt becomes a labelled example. */
function CorrectIntent({ routing, prompt }: { routing: RoutingInfo; prompt: string }): ReactElement {
  const id = useId()
  const [intent, setIntent] = useState<Intent>(routing.intent === 'GENERAL' ? 'CODE_GENERATION' : 'GENERAL')
  const [saved, setSaved] = useState<Intent | null>(null)
  const action = useAction()
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setSaved(null)
    const done = await action.run('Could not save the correction', () => client().call('routing.correct', { text: prompt, intent }))
    if (done) setSaved(intent)
  }
  if (!prompt.trim()) return <p className="muted small">The prompt has no text to learn from.</p>
  return (
    <form className="inline-form correct-intent" onSubmit={(e) => void submit(e)} aria-label="Correct the intent">
      <label htmlFor={id}>Wrong intent? The right one is</label>
      <select id={id} value={intent} onChange={(e) => setIntent(e.target.value as Intent)}>
        {INTENTS.filter((i) => i !== routing.intent).map((i) => (
          <option key={i} value={i}>
            {intentLabel(i)}
          </option>
        ))}
      </select>
      <button type="submit" className="button button-small" disabled={action.busy}>
        Save correction
      </button>
      {saved ? (
        <span className="muted small" role="status">
          Thanks: “auto” will learn that prompts like this are {intentLabel(saved)}.
        </span>
      ) : null}
      <ErrorAlert error={action.error} onDismiss={action.clear} />
    </form>
  )
}

/** Every model tried before the one that answered, and why each failed: never silent. */
function Fallbacks({ routing, answeredBy }: { routing: RoutingInfo; answeredBy: string | null }): ReactElement | null {
  if (routing.fallbacks.length === 0) return null
  return (
    <div className="fallback-notice" role="note" aria-label="Fallbacks">
      <p>
        <strong>
          {routing.fallbacks.length === 1 ? '1 model failed' : `${routing.fallbacks.length} models failed`}
        </strong>
        {answeredBy ? `, so ${modelName(answeredBy)} answered instead:` : ':'}
      </p>
      <ul>
        {routing.fallbacks.map((f, i) => (
          <li key={`${f.ref}-${i}`}>
            <code>{f.ref}</code>: {f.message} <span className="muted">({f.code})</span>
          </li>
        ))}
      </ul>
    </div>
  )
}

/** While an answer is still coming: the fallbacks the core reported for it so far. */
function LiveFallbacks({ messageId }: { messageId: string }): ReactElement | null {
  const events = useMonitorEvents((s) => s.events)
  const mine = events.flatMap((e) => (e.kind === 'fallback' && e.event.messageId === messageId ? [e.event] : [])).reverse()
  if (mine.length === 0) return null
  return (
    <div className="fallback-notice" role="note" aria-label="Fallbacks">
      <ul>
        {mine.map((f, i) => (
          <li key={`${f.traceId}-${i}`}>
            <code>{f.from}</code> failed ({f.message}){f.to ? <>, trying <code>{f.to}</code></> : ''}
          </li>
        ))}
      </ul>
    </div>
  )
}

/** How "auto" chose the model of this answer, its fallbacks, and the disclosure with the details. */
export function MessageRouting({ message }: { message: Message }): ReactElement | null {
  const routing = message.routing ?? null
  const prompt = usePrompt(message.id)
  if (!routing) return message.status === 'streaming' ? <LiveFallbacks messageId={message.id} /> : null
  const model = message.model ? modelName(message.model) : 'no model'
  return (
    <div className="routing">
      <p className="routing-line">
        <span className="badge badge-info">Auto</span> → <strong>{model}</strong> · {intentLabel(routing.intent)} (
        {percent(routing.confidence)}) · {routing.reason}
      </p>
      <Fallbacks routing={routing} answeredBy={message.model} />
      <details className="routing-details">
        <summary>Why this model?</summary>
        <InfoList
          items={[
            ['Detected intent', `${intentLabel(routing.intent)} (${percent(routing.confidence)} confidence)`],
            ['Preference', PREFERENCE_LABELS[routing.preference] ?? routing.preference],
            ['Chosen', `${message.model ?? '—'}: ${routing.reason}`],
            ['Fallbacks', routing.fallbacks.length === 0 ? 'None: the first choice answered.' : routing.fallbacks.map((f) => `${f.ref} (${f.code})`).join(', ')],
            ['Trace id', <code key="trace">{routing.traceId}</code>]
          ]}
        />
        <CorrectIntent routing={routing} prompt={prompt} />
      </details>
    </div>
  )
}
