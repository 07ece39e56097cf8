import { create } from 'zustand'
import type { AppInfo } from '../../../shared/contract'
import { client, errorMessage } from './session'

interface InfoStore {
  info: AppInfo | null
  error: string | null
  load(): Promise<void>
}

/** app.info: version, data dir, database facts. Reloaded after database work. */
export const useInfo = create<InfoStore>()((set) => ({
  info: null,
  error: null,
  async load() {
    try {
      set({ info: await client().call('app.info'), error: null })
    } catch (err) {
      set({ error: errorMessage(err) })
      throw err
    }
  }
}))
