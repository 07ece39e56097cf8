import type { EventMap } from '../../../shared/contract'
import type { Db } from '../db/connection'
import type { EventBus } from './bus'
import { DeadLetters } from './dead-letters'
import { DurableSubscribers, type DurableHandler } from './durable'
import { EventLog, persistTopics, type Retention } from './log'
import { Sagas } from './saga'

export interface EventsOptions {
  db: Db
  bus: EventBus<EventMap>
  /** Where errors of the delivery loops go (they never reach a caller). */
  report: (err: unknown, where: string) => void
  /** Topic patterns appended to the log (default PERSISTED_TOPICS). */
  topics?: readonly string[]
  /** What the log keeps, pruned at startup; finished sagas are kept as long as maxAgeDays. */
  retention?: Retention
}

export interface Events {
  readonly log: EventLog
  readonly durable: DurableSubscribers
  readonly deadLetters: DeadLetters
  readonly sagas: Sagas
  /** Stops persisting and delivering; call it before closing the database. */
  close(): void
}

export const DEFAULT_RETENTION = { maxEvents: 100_000, maxAgeDays: 30 } satisfies Retention

/**
 * The persisted side of the bus: publishes on persisted topics are appended to the log,
 * durable subscribers and dead letters read it, sagas keep their progress next to it.
 * Sagas are compensated by `sagas.recover()`, which the caller runs once every saga is defined.
 */
export function createEvents(options: EventsOptions): Events {
  const { db, bus, report } = options
  const log = new EventLog(db, { topics: options.topics })
  const retention = options.retention ?? DEFAULT_RETENTION
  log.prune(retention)
  // Retries call the handlers the durable subscribers hold; the closure runs after both exist.
  const deadLetters = new DeadLetters({ db, bus, handlerOf: (name): DurableHandler | undefined => durable.handlerOf(name) })
  const durable: DurableSubscribers = new DurableSubscribers({ db, log, deadLetters, report })
  const sagas = new Sagas(db)
  if (retention.maxAgeDays !== undefined) sagas.prune(retention.maxAgeDays)
  const unpersist = persistTopics(bus, log)
  return {
    log,
    durable,
    deadLetters,
    sagas,
    close: () => {
      unpersist()
      durable.close()
      sagas.close()
    }
  }
}
