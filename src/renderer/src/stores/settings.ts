import { create } from 'zustand'
import type { Settings } from '../../../shared/contract'
import { client, errorMessage } from './session'

type Patch = Partial<Settings>

interface SettingsStore {
  settings: Settings | null
  saving: boolean
  error: string | null
  load(): Promise<void>
  update(patch: Patch): Promise<void>
  /** Settings pushed by the core (`settings.changed`), e.g. changed from another window. */
  receive(settings: Settings): void
}

export const useSettings = create<SettingsStore>()((set, get) => ({
  settings: null,
  saving: false,
  error: null,
  async load() {
    try {
      set({ settings: await client().call('settings.get'), error: null })
    } catch (err) {
      set({ error: errorMessage(err) })
      throw err
    }
  },
  async update(patch) {
    const before = get().settings
    // Optimistic: the UI reacts at once; the core's answer (or its refusal) settles it.
    if (before) set({ settings: { ...before, ...patch } })
    set({ saving: true, error: null })
    try {
      set({ settings: await client().call('settings.set', patch), saving: false })
    } catch (err) {
      set({ settings: before, saving: false, error: `Could not save the setting: ${errorMessage(err)}` })
    }
  },
  receive(settings) {
    set({ settings })
  }
}))
