import { create } from 'zustand'
import type { Health } from '../../../shared/contract'
import { client, errorMessage } from './session'

interface HealthStore {
  health: Health | null
  error: string | null
  loading: boolean
  refresh(): Promise<void>
}

export const useHealth = create<HealthStore>()((set, get) => ({
  health: null,
  error: null,
  loading: false,
  async refresh() {
    if (get().loading) return
    set({ loading: true })
    try {
      set({ health: await client().call('health.snapshot'), error: null, loading: false })
    } catch (err) {
      set({ error: errorMessage(err), loading: false })
    }
  }
}))
