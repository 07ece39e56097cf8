import { useEffect, useRef, useState, type FormEvent, type ReactElement } from 'react'
import type { z } from 'zod'
import type { ProfileOverride, ProfileView } from '../../../../shared/schemas/routing'
import { INTENTS, intentLabel, type Intent } from '../../lib/intents'
import { ConfirmButton } from '../ConfirmButton'

type Override = z.input<typeof ProfileOverride>
const CAPABILITIES = ['vision', 'tools', 'json', 'reasoning'] as const
type Capability = (typeof CAPABILITIES)[number]

interface Draft {
  contextLength: string
  capabilities: Record<Capability, boolean>
  quality: Record<Intent, string>
}

function toDraft(p: ProfileView): Draft {
  const quality = {} as Record<Intent, string>
  for (const i of INTENTS) quality[i] = p.quality[i] ? String(p.quality[i].score) : ''
  return { contextLength: p.contextLength === null ? '' : String(p.contextLength), capabilities: { ...p.capabilities }, quality }
}

/** Only the fields that changed; an error message when a value is out of range. */
function toOverride(p: ProfileView, d: Draft): Override | string {
  const out: Override = { provider: p.provider, model: p.model }
  const before = toDraft(p)
  if (d.contextLength !== before.contextLength) {
    const n = Number(d.contextLength)
    if (d.contextLength === '') out.contextLength = null
    else if (!Number.isInteger(n) || n <= 0) return 'The context length is a whole number of tokens above zero.'
    else out.contextLength = n
  }
  const caps = CAPABILITIES.filter((c) => d.capabilities[c] !== before.capabilities[c])
  if (caps.length) out.capabilities = Object.fromEntries(caps.map((c) => [c, d.capabilities[c]]))
  const quality: Partial<Record<Intent, number>> = {}
  for (const i of INTENTS) {
    if (d.quality[i] === before.quality[i]) continue
    const n = Number(d.quality[i])
    if (d.quality[i] === '' || !Number.isFinite(n) || n < 0 || n > 1) return `The quality for ${intentLabel(i)} is a number from 0 to 1.`
    quality[i] = n
  }
  if (Object.keys(quality).length) out.quality = quality
  return out
}

interface ProfileEditorProps {
  profile: ProfileView
  onSave: (override: Override) => Promise<boolean>
  onClose: () => void
}

/** Overrides of one model's profile; "Reset to shipped" drops them all. */
export function ProfileEditor({ profile, onSave, onClose }: ProfileEditorProps): ReactElement {
  const [draft, setDraft] = useState<Draft>(() => toDraft(profile))
  const [problem, setProblem] = useState<string | null>(null)
  const name = `${profile.provider}/${profile.model}`
  const first = useRef<HTMLInputElement>(null)
  // Opened from a row further down: bring the form into view and start in its first field.
  useEffect(() => {
    first.current?.focus()
  }, [])
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    const override = toOverride(profile, draft)
    if (typeof override === 'string') return setProblem(override)
    if (Object.keys(override).length === 2) return setProblem('Nothing changed.')
    setProblem(null)
    if (await onSave(override)) onClose()
  }
  return (
    <form className="profile-editor subcard" onSubmit={(e) => void submit(e)} aria-label={`Override ${name}`}>
      <h3 className="card-title">
        Override <code>{name}</code>
      </h3>
      <div className="field">
        <label htmlFor="profile-context">Context length (tokens)</label>
        <input ref={first} id="profile-context" type="number" min={1} step={1} value={draft.contextLength} onChange={(e) => setDraft({ ...draft, contextLength: e.target.value })} />
      </div>
      <fieldset className="profile-caps">
        <legend className="field-label">Capabilities</legend>
        {CAPABILITIES.map((c) => (
          <label key={c} className="check">
            <input
              type="checkbox"
              checked={draft.capabilities[c]}
              onChange={(e) => setDraft({ ...draft, capabilities: { ...draft.capabilities, [c]: e.target.checked } })}
            />
            <span>{c}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="profile-quality">
        <legend className="field-label">Quality per intent (0 to 1)</legend>
        {INTENTS.map((i) => (
          <label key={i} className="quality-field">
            <span>{intentLabel(i)}</span>
            <input
              type="number"
              min={0}
              max={1}
              step={0.01}
              value={draft.quality[i]}
              title={profile.quality[i] ? `Source: ${profile.quality[i].source}` : 'No figure yet'}
              onChange={(e) => setDraft({ ...draft, quality: { ...draft.quality, [i]: e.target.value } })}
            />
          </label>
        ))}
      </fieldset>
      {problem ? (
        <p className="alert alert-error" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          Save overrides
        </button>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <span className="spacer" />
        {profile.overridden.length > 0 ? (
          <ConfirmButton
            label="Reset to shipped"
            question={`Drop your overrides of ${profile.model}?`}
            onConfirm={async () => {
              if (await onSave({ provider: profile.provider, model: profile.model, clear: true })) onClose()
            }}
          />
        ) : null}
      </div>
    </form>
  )
}
