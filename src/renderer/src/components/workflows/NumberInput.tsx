import type { ReactElement } from 'react'
import { useDraft } from '../../hooks/useDraft'
import type { fieldAria } from './FieldFrame'

interface NumberInputProps {
  id: string
  value: unknown
  min?: number
  max?: number
  step?: number
  aria: ReturnType<typeof fieldAria>
  /** undefined when emptied. */
  onChange: (value: number | undefined) => void
}

const numberText = (value: unknown): string => (typeof value === 'number' ? String(value) : '')

/** A number field that keeps what is typed ("1.", "-") while the stored value is a number. */
export function NumberInput({ id, value, min, max, step, aria, onChange }: NumberInputProps): ReactElement {
  const [text, edit] = useDraft(value, numberText)
  return (
    <input
      id={id}
      type="number"
      min={min}
      max={max}
      step={step}
      value={text}
      {...aria}
      onChange={(e) => {
        const parsed = e.target.value === '' ? undefined : Number(e.target.value)
        edit(e.target.value, parsed)
        onChange(parsed)
      }}
    />
  )
}
