import { create } from 'zustand'
import type { EventPayload } from '../../../shared/contract'

/** Most recent events kept for the Monitor's live feed. */
export const FEED_LIMIT = 100

export type FeedEvent =
  | { kind: 'breaker'; id: number; at: string; event: EventPayload<'breaker.transition'> }
  | { kind: 'fallback'; id: number; at: string; event: EventPayload<'routing.fallback'> }

interface MonitorEventsStore {
  events: FeedEvent[]
  /** Bumped by every breaker transition, so views showing breaker state reload. */
  breakerVersion: number
  receiveBreaker(event: EventPayload<'breaker.transition'>): void
  receiveFallback(event: EventPayload<'routing.fallback'>): void
  clear(): void
}

let nextId = 1

/** Breaker transitions and fallbacks as they arrive, newest first, the last FEED_LIMIT of them. */
export const useMonitorEvents = create<MonitorEventsStore>()((set, get) => ({
  events: [],
  breakerVersion: 0,
  receiveBreaker(event) {
    const entry: FeedEvent = { kind: 'breaker', id: nextId++, at: event.at, event }
    set({ events: [entry, ...get().events].slice(0, FEED_LIMIT), breakerVersion: get().breakerVersion + 1 })
  },
  receiveFallback(event) {
    const entry: FeedEvent = { kind: 'fallback', id: nextId++, at: event.at, event }
    set({ events: [entry, ...get().events].slice(0, FEED_LIMIT) })
  },
  clear() {
    set({ events: [] })
  }
}))
