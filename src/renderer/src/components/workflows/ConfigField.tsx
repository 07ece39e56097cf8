import { useId, type ReactElement } from 'react'
import type { FieldSpec } from '../../lib/nodeFields'
import { FieldFrame, fieldAria } from './FieldFrame'
import { JsonField } from './JsonField'
import { NumberInput } from './NumberInput'
import { StartInputsField } from './StartInputsField'
import { ModelField, ToolField, ToolsField, WorkflowField } from './ChoiceFields'

interface ConfigFieldProps {
  spec: FieldSpec
  value: unknown
  messages?: string[]
  /** undefined removes the field from the config. */
  onChange: (value: unknown) => void
}

const asText = (value: unknown): string => (typeof value === 'string' ? value : '')
const linesText = (value: unknown): string => (Array.isArray(value) ? value.join('\n') : '')

/** One field of a node's config, edited with the control its kind calls for. */
export function ConfigField({ spec, value, messages, onChange }: ConfigFieldProps): ReactElement {
  const id = useId()
  const { label, hint, kind } = spec
  const aria = fieldAria(id, hint, messages)
  // Emptied optional fields leave the config; required ones stay, empty, and say they are required.
  const text = (next: string): void => onChange(next === '' && !spec.required ? undefined : next)
  const choice = { id, label, hint, messages, value, onChange }

  switch (kind) {
    case 'model':
      return <ModelField {...choice} />
    case 'tool':
      return <ToolField {...choice} />
    case 'workflow':
      return <WorkflowField {...choice} />
    case 'tools':
      return <ToolsField {...choice} />
    case 'json':
      return <JsonField {...choice} required={spec.required} />
    case 'inputs':
      return <StartInputsField value={value} hint={hint} messages={messages} onChange={onChange} />
    case 'checkbox':
      return (
        <div className="field">
          <label className="check">
            <input id={id} type="checkbox" checked={value === true} {...aria} onChange={(e) => onChange(e.target.checked ? true : undefined)} />
            {label}
          </label>
        </div>
      )
    default:
  }

  let control: ReactElement
  if (kind === 'select') {
    control = (
      <select id={id} value={asText(value)} {...aria} onChange={(e) => onChange(e.target.value)}>
        {spec.options?.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    )
  } else if (kind === 'number') {
    control = <NumberInput id={id} value={value} min={spec.min} max={spec.max} step={spec.step} aria={aria} onChange={onChange} />
  } else if (kind === 'lines') {
    control = (
      <textarea
        id={id}
        rows={2}
        value={linesText(value)}
        {...aria}
        onChange={(e) => {
          const lines = e.target.value.split('\n')
          onChange(lines.every((l) => l === '') ? undefined : lines)
        }}
      />
    )
  } else if (kind === 'text') {
    control = <input id={id} value={asText(value)} spellCheck={false} {...aria} onChange={(e) => text(e.target.value)} />
  } else {
    control = (
      <textarea
        id={id}
        className={kind === 'code' ? 'code-input' : undefined}
        rows={kind === 'code' ? 8 : 3}
        spellCheck={kind === 'code' ? false : undefined}
        value={asText(value)}
        {...aria}
        onChange={(e) => text(e.target.value)}
      />
    )
  }
  return (
    <FieldFrame id={id} label={label} hint={hint} messages={messages}>
      {control}
    </FieldFrame>
  )
}
