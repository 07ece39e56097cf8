import { useId, type ReactElement } from 'react'
import type { z } from 'zod'
import type { StartInput } from '../../../../shared/schemas/workflows'
import { useDraft } from '../../hooks/useDraft'
import { FieldNotes } from './FieldFrame'

type Input = z.input<typeof StartInput>
const TYPES = ['string', 'number', 'boolean', 'json'] as const

/** A default typed as its input says; text that does not fit is kept as written, and validation says so. */
function typedDefault(text: string, type: Input['type']): unknown {
  if (!text) return undefined
  if (type === 'number') return Number.isFinite(Number(text)) ? Number(text) : text
  if (type === 'boolean') return text === 'true' ? true : text === 'false' ? false : text
  if (type === 'json') {
    try {
      return JSON.parse(text) as unknown
    } catch {
      return text
    }
  }
  return text
}

function defaultText(value: unknown): string {
  if (value === undefined) return ''
  return typeof value === 'string' ? value : JSON.stringify(value)
}

function InputRow({ input, index, onChange, onRemove }: { input: Input; index: number; onChange: (input: Input) => void; onRemove: () => void }): ReactElement {
  const id = useId()
  const [text, edit] = useDraft(input.default, defaultText)
  return (
    <fieldset className="wf-input-row">
      <legend className="sr-only">Input {index + 1}</legend>
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input id={`${id}-name`} value={input.name} spellCheck={false} onChange={(e) => onChange({ ...input, name: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-type`}>Type</label>
        <select id={`${id}-type`} value={input.type} onChange={(e) => onChange({ ...input, type: e.target.value as Input['type'] })}>
          {TYPES.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-default`}>Default</label>
        <input
          id={`${id}-default`}
          value={text}
          onChange={(e) => {
            const { default: _old, ...rest } = input
            const value = typedDefault(e.target.value, input.type)
            edit(e.target.value, value)
            onChange(value === undefined ? rest : { ...rest, default: value })
          }}
        />
      </div>
      <label className="check">
        <input type="checkbox" checked={input.required !== false} onChange={(e) => onChange({ ...input, required: e.target.checked })} />
        Required
      </label>
      <button type="button" className="button button-small button-danger" aria-label={`Remove input ${input.name || index + 1}`} onClick={onRemove}>
        Remove
      </button>
    </fieldset>
  )
}

/** The inputs a START node declares: one row each, added and removed with buttons. */
export function StartInputsField({ value, hint, messages, onChange }: { value: unknown; hint?: string; messages?: string[]; onChange: (value: Input[]) => void }): ReactElement {
  const id = useId()
  const inputs = Array.isArray(value) ? (value as Input[]) : []
  const free = (): string => {
    let n = inputs.length + 1
    while (inputs.some((i) => i.name === `input${n}`)) n += 1
    return `input${n}`
  }
  return (
    <fieldset className="field wf-inputs" aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend className="field-label">Inputs</legend>
      {inputs.length === 0 ? <p className="muted small">No inputs: runs start without asking anything.</p> : null}
      {inputs.map((input, i) => (
        <InputRow
          key={i}
          input={input}
          index={i}
          onChange={(next) => onChange(inputs.map((old, j) => (j === i ? next : old)))}
          onRemove={() => onChange(inputs.filter((_, j) => j !== i))}
        />
      ))}
      <div>
        <button type="button" className="button button-small" onClick={() => onChange([...inputs, { name: free(), type: 'string', required: true }])}>
          Add input
        </button>
      </div>
      <FieldNotes id={id} hint={hint} messages={messages} />
    </fieldset>
  )
}
