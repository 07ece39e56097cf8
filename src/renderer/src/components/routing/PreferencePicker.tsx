import type { ReactElement } from 'react'
import type { Preference } from '../../../../shared/schemas/routing'

export const PREFERENCE_OPTIONS: { value: Preference; label: string; hint: string }[] = [
  { value: 'balanced', label: 'Balanced', hint: 'Weighs quality, cost, speed and health together.' },
  { value: 'quality', label: 'Best quality', hint: 'The strongest model for the task, whatever it costs.' },
  { value: 'cost', label: 'Lowest cost', hint: 'The cheapest model that can do the task well enough.' },
  { value: 'speed', label: 'Fastest', hint: 'The quickest to answer, from the latency NEXUS observed.' },
  { value: 'local', label: 'Local only', hint: 'Only models on this machine: the prompt never leaves it.' },
  { value: 'custom', label: 'Custom', hint: 'Your own weights for quality, cost, latency and health.' }
]

interface PreferencePickerProps {
  value: Preference
  onChange: (preference: Preference) => void
}

/** What "auto" optimises for: a native radio group, one line of explanation per choice. */
export function PreferencePicker({ value, onChange }: PreferencePickerProps): ReactElement {
  return (
    <fieldset className="choice-group">
      <legend className="field-label">When the model is “Auto”, pick</legend>
      <div className="choices preference-choices">
        {PREFERENCE_OPTIONS.map((option) => (
          <label key={option.value} className="choice">
            <input
              type="radio"
              name="routing-preference"
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
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
