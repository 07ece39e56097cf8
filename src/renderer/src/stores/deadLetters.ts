import { create } from 'zustand'
import type { EventPayload } from '../../../shared/contract'

interface DeadLettersStore {
  /** Bumped by every change, so views listing dead letters reload. */
  version: number
  receive(event: EventPayload<'deadLetters.changed'>): void
}

export const useDeadLetters = create<DeadLettersStore>()((set, get) => ({
  version: 0,
  receive() {
    set({ version: get().version + 1 })
  }
}))
