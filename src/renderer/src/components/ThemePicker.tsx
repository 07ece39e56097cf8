import type { ReactElement } from 'react'
import type { ThemeSetting } from '../lib/theme'

const OPTIONS: { value: ThemeSetting; label: string; hint: string }[] = [
  { value: 'system', label: 'System', hint: 'Follow the operating system' },
  { value: 'light', label: 'Light', hint: 'Always light' },
  { value: 'dark', label: 'Dark', hint: 'Always dark' }
]

interface ThemePickerProps {
  value: ThemeSetting
  onChange: (theme: ThemeSetting) => void
}

/** A native radio group: Tab reaches it, arrow keys change the choice. */
export function ThemePicker({ value, onChange }: ThemePickerProps): ReactElement {
  return (
    <fieldset className="choice-group">
      <legend className="field-label">Theme</legend>
      <div className="choices">
        {OPTIONS.map((option) => (
          <label key={option.value} className="choice">
            <input
              type="radio"
              name="theme"
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            <span className={`swatch swatch-${option.value}`} aria-hidden="true" />
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
