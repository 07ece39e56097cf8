import type { ReactElement } from 'react'
import type { ThemeSetting } from '../lib/theme'
import { ChoiceGroup, type Choice } from './ChoiceGroup'

const OPTIONS: Choice<ThemeSetting>[] = [
  { value: 'system', label: 'System', hint: 'Follow the operating system' },
  { value: 'light', label: 'Light', hint: 'Always light' },
  { value: 'dark', label: 'Dark', hint: 'Always dark' }
]

export function ThemePicker({ value, onChange }: { value: ThemeSetting; onChange: (theme: ThemeSetting) => void }): ReactElement {
  return (
    <ChoiceGroup
      legend="Theme"
      name="theme"
      options={OPTIONS}
      value={value}
      onChange={onChange}
      decorate={(theme) => <span className={`swatch swatch-${theme}`} aria-hidden="true" />}
    />
  )
}
