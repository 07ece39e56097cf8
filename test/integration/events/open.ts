import path from 'node:path'
import type { EventMap } from '../../../src/shared/contract'
import { openDatabase, type Db } from '../../../src/main/core/db/connection'
import { EventBus } from '../../../src/main/core/events/bus'
import { createEvents, type Events, type EventsOptions } from '../../../src/main/core/events'

export interface Opened {
  db: Db
  bus: EventBus<EventMap>
  events: Events
  errors: unknown[]
  /** Closes events then the database, as the core does. */
  close(): void
}

/** The event side of a core on the data dir: a real SQLite file, opened again on each call. */
export function openEvents(dataDir: string, options: Partial<EventsOptions> = {}): Opened {
  const db = openDatabase(path.join(dataDir, 'nexus.db'))
  const errors: unknown[] = []
  const bus = new EventBus<EventMap>((err) => errors.push(err))
  const events = createEvents({ db, bus, report: (err) => errors.push(err), ...options })
  return {
    db,
    bus,
    events,
    errors,
    close: () => {
      events.close()
      db.close()
    }
  }
}

/** A promise with its resolve, to hold a handler or a step open. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}
