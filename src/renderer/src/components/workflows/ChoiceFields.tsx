import type { ReactElement } from 'react'
import { groupByProvider, useModels } from '../../stores/models'
import { useWorkflows } from '../../stores/workflows'
import { fieldAria, FieldFrame, FieldNotes } from './FieldFrame'

interface ChoiceProps {
  id: string
  label: string
  hint?: string
  messages?: string[]
  value: unknown
  onChange: (value: unknown) => void
}

/** A value the lists no longer hold stays visible (and selected) rather than silently changing. */
function Missing({ value, known }: { value: string; known: boolean }): ReactElement | null {
  return value && !known ? <option value={value}>{value} (not available)</option> : null
}

/** Auto or one model of the configured providers, as chat offers them. */
export function ModelField({ id, label, hint, messages, value, onChange }: ChoiceProps): ReactElement {
  const models = useModels((s) => s.models)
  const current = typeof value === 'string' ? value : ''
  return (
    <FieldFrame id={id} label={label} hint={hint} messages={messages}>
      <select id={id} value={current} {...fieldAria(id, hint, messages)} onChange={(e) => onChange(e.target.value)}>
        <Missing value={current} known={current === 'auto' || models.some((m) => m.ref === current)} />
        <option value="auto">Auto (routing picks the model)</option>
        {groupByProvider(models).map((group) => (
          <optgroup key={group.providerId} label={group.providerName}>
            {group.models.map((m) => (
              <option key={m.ref} value={m.ref}>
                {m.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </FieldFrame>
  )
}

/** One tool (TOOL nodes). */
export function ToolField({ id, label, hint, messages, value, onChange }: ChoiceProps): ReactElement {
  const tools = useWorkflows((s) => s.tools)
  const current = typeof value === 'string' ? value : ''
  return (
    <FieldFrame id={id} label={label} hint={hint} messages={messages}>
      <select id={id} value={current} {...fieldAria(id, hint, messages)} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose a tool…</option>
        <Missing value={current} known={tools.some((t) => t.name === current)} />
        {tools.map((t) => (
          <option key={t.name} value={t.name}>
            {t.name}
          </option>
        ))}
      </select>
    </FieldFrame>
  )
}

/** Another saved workflow (SUBWORKFLOW nodes). */
export function WorkflowField({ id, label, hint, messages, value, onChange }: ChoiceProps): ReactElement {
  const list = useWorkflows((s) => s.list)
  const self = useWorkflows((s) => s.doc?.id)
  const current = typeof value === 'string' ? value : ''
  const others = list.filter((w) => w.id !== self)
  return (
    <FieldFrame id={id} label={label} hint={hint} messages={messages}>
      <select id={id} value={current} {...fieldAria(id, hint, messages)} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose a workflow…</option>
        <Missing value={current} known={others.some((w) => w.id === current)} />
        {others.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </select>
    </FieldFrame>
  )
}

/** Several tools (AGENT nodes): one checkbox each. */
export function ToolsField({ id, label, hint, messages, value, onChange }: ChoiceProps): ReactElement {
  const tools = useWorkflows((s) => s.tools)
  const chosen = Array.isArray(value) ? (value as string[]) : []
  return (
    <fieldset className="field wf-checks" {...fieldAria(id, hint, messages)}>
      <legend className="field-label">{label}</legend>
      {tools.length === 0 ? <p className="muted small">No tools yet.</p> : null}
      {tools.map((t) => (
        <label key={t.name} className="check" title={t.description}>
          <input
            type="checkbox"
            checked={chosen.includes(t.name)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, t.name] : chosen.filter((n) => n !== t.name))}
          />
          {t.name}
        </label>
      ))}
      <FieldNotes id={id} hint={hint} messages={messages} />
    </fieldset>
  )
}
