import { create } from 'zustand'
import type { EventPayload } from '../../../shared/contract'

interface DeadLettersStore {
  /** Dead letters the core holds, as of the last 'deadLetters.changed'; null before the first. */
  count: number | null
  /** Bumped by every change, so views listing dead letters reload. */
  version: number
  receive(event: EventPayload<'deadLetters.changed'>): void
}

export const useDeadLetters = create<DeadLettersStore>()((set, get) => ({
  count: null,
  version: 0,
  receive({ count }) {
    set({ count, version: get().version + 1 })
  }
}))
