import type { ReactElement, ReactNode } from 'react'

export interface Choice<V extends string> {
  value: V
  label: string
  hint: string
}

interface ChoiceGroupProps<V extends string> {
  legend: string
  /** The radio group's name; unique on the page. */
  name: string
  options: readonly Choice<V>[]
  value: V
  onChange: (value: V) => void
  /** Extra class on the list of choices (layout). */
  className?: string
  /** Something drawn before each label, e.g. a theme swatch. */
  decorate?: (value: V) => ReactNode
}

/** A native radio group: Tab reaches it, arrow keys change the choice; one hint per choice. */
export function ChoiceGroup<V extends string>({ legend, name, options, value, onChange, className, decorate }: ChoiceGroupProps<V>): ReactElement {
  return (
    <fieldset className="choice-group">
      <legend className="field-label">{legend}</legend>
      <div className={className ? `choices ${className}` : 'choices'}>
        {options.map((option) => (
          <label key={option.value} className="choice">
            <input type="radio" name={name} value={option.value} checked={value === option.value} onChange={() => onChange(option.value)} />
            {decorate?.(option.value)}
            <span className="choice-text">
              <span className="choice-label">{option.label}</span>
              <span className="choice-hint">{option.hint}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  )
}
