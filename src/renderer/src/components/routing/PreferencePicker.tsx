import type { ReactElement } from 'react'
import type { Preference } from '../../../../shared/schemas/routing'
import { ChoiceGroup, type Choice } from '../ChoiceGroup'

export const PREFERENCE_OPTIONS: Choice<Preference>[] = [
  { value: 'balanced', label: 'Balanced', hint: 'Weighs quality, cost, speed and health together.' },
  { value: 'quality', label: 'Best quality', hint: 'The strongest model for the task, whatever it costs.' },
  { value: 'cost', label: 'Lowest cost', hint: 'The cheapest model that can do the task well enough.' },
  { value: 'speed', label: 'Fastest', hint: 'The quickest to answer, from the latency NEXUS observed.' },
  { value: 'local', label: 'Local only', hint: 'Only models on this machine: the prompt never leaves it.' },
  { value: 'custom', label: 'Custom', hint: 'Your own weights for quality, cost, latency and health.' }
]

/** What "auto" optimises for. */
export function PreferencePicker({ value, onChange }: { value: Preference; onChange: (preference: Preference) => void }): ReactElement {
  return (
    <ChoiceGroup
      legend="When the model is “Auto”, pick"
      name="routing-preference"
      options={PREFERENCE_OPTIONS}
      value={value}
      onChange={onChange}
      className="preference-choices"
    />
  )
}
