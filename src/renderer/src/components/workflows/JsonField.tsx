import { useState, type ReactElement } from 'react'
import { useDraft } from '../../hooks/useDraft'
import { FieldFrame, fieldAria } from './FieldFrame'

interface JsonFieldProps {
  id: string
  label: string
  hint?: string
  messages?: string[]
  value: unknown
  required?: boolean
  onChange: (value: unknown) => void
}

function pretty(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(value, null, 2)
}

/** JSON edited as text: the config changes only when the text parses; until then it says why not. */
export function JsonField({ id, label, hint, messages, value, required, onChange }: JsonFieldProps): ReactElement {
  const [text, edit] = useDraft(value, pretty)
  const [parseError, setParseError] = useState<string | null>(null)
  const all = parseError ? [parseError, ...(messages ?? [])] : messages
  return (
    <FieldFrame id={id} label={label} hint={hint} messages={all}>
      <textarea
        id={id}
        className="code-input"
        rows={5}
        spellCheck={false}
        value={text}
        {...fieldAria(id, hint, all)}
        onChange={(event) => {
          const next = event.target.value
          if (!next.trim()) {
            edit(next, required ? value : undefined)
            setParseError(required ? 'Required.' : null)
            if (!required) onChange(undefined)
            return
          }
          try {
            const parsed: unknown = JSON.parse(next)
            edit(next, parsed)
            setParseError(null)
            onChange(parsed)
          } catch (err) {
            edit(next, value)
            setParseError(`Not valid JSON: ${err instanceof Error ? err.message : String(err)}`)
          }
        }}
      />
    </FieldFrame>
  )
}
