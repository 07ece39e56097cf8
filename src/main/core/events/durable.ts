import type { z } from 'zod'
import { topicMatches } from '../../../shared/contract'
import { NexusError } from '../../../shared/errors'
import type { LoggedEvent, SubscriberView } from '../../../shared/schemas/events'
import { sql, type Db } from '../db/connection'
import type { DeadLetters } from './dead-letters'
import type { EventLog } from './log'

export type DurableHandler = (event: LoggedEvent) => Promise<void> | void

export interface DurableSubscription {
  /** Identifies the subscriber across restarts: its offset is stored under this name. */
  name: string
  /** Topic pattern (topicMatches) of the persisted events it receives. */
  pattern: string
  handler: DurableHandler
  /** Handler calls per event before it goes to the dead letters (default 5). */
  maxAttempts?: number
  /** Wait before the 2nd attempt, doubled for each next one (default 200 ms). */
  backoffMs?: number
  /** Where a subscriber never seen before starts: after the newest event (default) or at the first. */
  from?: 'now' | 'beginning'
}

interface Subscriber {
  readonly name: string
  readonly pattern: string
  readonly handler: DurableHandler
  readonly maxAttempts: number
  readonly backoffMs: number
  offset: number
  stopped: boolean
  /** A drain is queued or running: appends meanwhile are read by it. */
  running: boolean
}

/** Events read per query while catching up. */
const BATCH = 256
const MAX_BACKOFF_MS = 30_000

/**
 * Durable subscribers of the event log: each has a stored offset (table event_subscribers) and
 * gets every persisted event of its pattern after it, at least once, in offset order, one at a
 * time, outside of publish. After `maxAttempts` failures an event becomes a dead letter and
 * delivery moves on; the offset moves only after a success or a dead-lettering, so an event in
 * flight when the process stops is delivered again at the next start.
 */
export class DurableSubscribers {
  private readonly subscribers = new Map<string, Subscriber>()
  /** The running (or queued) delivery loop of each name; chained so a name never runs two. */
  private readonly pumps = new Map<string, Promise<void>>()
  private readonly offAppend: () => void
  private closed = false

  constructor(
    private readonly o: {
      db: Db
      log: EventLog
      deadLetters: DeadLetters
      report: (err: unknown, where: string) => void
    }
  ) {
    this.offAppend = o.log.onAppend((_offset, topic) => {
      for (const sub of this.subscribers.values()) if (topicMatches(sub.pattern, topic)) this.schedule(sub)
    })
  }

  /** Starts delivering (catching up from the stored offset first); returns the unregister. */
  register(options: DurableSubscription): () => void {
    if (this.closed) throw new NexusError('UNAVAILABLE', 'The event log is closed.')
    if (this.subscribers.has(options.name)) {
      throw new NexusError('CONFLICT', `A durable subscriber named "${options.name}" is already registered.`)
    }
    const now = new Date().toISOString()
    const stored = sql(this.o.db, 'SELECT delivered_offset AS offset FROM event_subscribers WHERE name = ?').get(options.name) as
      | { offset: number }
      | undefined
    const offset = stored?.offset ?? (options.from === 'beginning' ? 0 : this.o.log.lastOffset())
    sql(
      this.o.db,
      `INSERT INTO event_subscribers (name, pattern, delivered_offset, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET pattern = excluded.pattern, updated_at = excluded.updated_at`
    ).run(options.name, options.pattern, offset, now)
    const sub: Subscriber = {
      name: options.name,
      pattern: options.pattern,
      handler: options.handler,
      maxAttempts: Math.max(1, options.maxAttempts ?? 5),
      backoffMs: Math.max(0, options.backoffMs ?? 200),
      offset,
      stopped: false,
      running: false
    }
    this.subscribers.set(sub.name, sub)
    this.schedule(sub)
    return () => {
      sub.stopped = true
      if (this.subscribers.get(sub.name) === sub) this.subscribers.delete(sub.name)
    }
  }

  /** The handler registered under a name in this process (dead-letter retries call it). */
  handlerOf(name: string): DurableHandler | undefined {
    return this.subscribers.get(name)?.handler
  }

  /** Every stored subscriber, registered in this process or not, with its lag. */
  list(): z.infer<typeof SubscriberView>[] {
    const rows = sql(
      this.o.db,
      `SELECT s.name, s.pattern, s.delivered_offset AS deliveredOffset,
              (SELECT count(*) FROM dead_letters d WHERE d.subscriber = s.name) AS deadLetters
       FROM event_subscribers s ORDER BY s.name`
    ).all() as { name: string; pattern: string; deliveredOffset: number; deadLetters: number }[]
    return rows.map((r) => ({ ...r, lag: this.o.log.count({ afterOffset: r.deliveredOffset, pattern: r.pattern }) }))
  }

  /** Deletes a subscriber that will not come back, so its offset no longer holds events from pruning. */
  forget(name: string): boolean {
    if (this.subscribers.has(name)) {
      throw new NexusError('CONFLICT', `The durable subscriber "${name}" is registered: unregister it first.`)
    }
    return sql(this.o.db, 'DELETE FROM event_subscribers WHERE name = ?').run(name).changes > 0
  }

  /** Resolves once no delivery is queued or running (tests; a shutdown that wants to drain). */
  async whenIdle(): Promise<void> {
    while (this.pumps.size > 0) await Promise.all(this.pumps.values())
  }

  /** Stops delivering; handlers still running finish, but nothing more is written. */
  close(): void {
    this.closed = true
    this.offAppend()
    for (const sub of this.subscribers.values()) sub.stopped = true
    this.subscribers.clear()
  }

  private schedule(sub: Subscriber): void {
    if (sub.running || !this.active(sub)) return
    sub.running = true
    const previous = this.pumps.get(sub.name) ?? Promise.resolve()
    const pump: Promise<void> = previous
      .then(() => new Promise<void>((resolve) => setImmediate(resolve))) // never inside publish
      .then(() => this.drain(sub))
      .catch((err: unknown) => {
        sub.running = false
        this.o.report(err, `durable subscriber ${sub.name}`)
      })
      .finally(() => {
        if (this.pumps.get(sub.name) === pump) this.pumps.delete(sub.name)
      })
    this.pumps.set(sub.name, pump)
  }

  private async drain(sub: Subscriber): Promise<void> {
    for (;;) {
      const batch = this.active(sub) ? this.o.log.read({ afterOffset: sub.offset, pattern: sub.pattern, limit: BATCH }) : []
      // Decided in the same tick as the read: an append after it schedules a new drain.
      if (batch.length === 0) {
        sub.running = false
        return
      }
      for (const event of batch) {
        if (!this.active(sub)) break
        await this.deliver(sub, event)
      }
    }
  }

  private async deliver(sub: Subscriber, event: LoggedEvent): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await sub.handler(event)
        if (this.closed) return
        this.advance(sub, event.offset)
        return
      } catch (err) {
        if (this.closed) return
        if (attempt >= sub.maxAttempts) {
          this.o.db.transaction(() => {
            this.o.deadLetters.add(sub.name, event, err, attempt)
            this.advance(sub, event.offset)
          })()
          this.o.deadLetters.announce()
          return
        }
      }
      await sleep(Math.min(MAX_BACKOFF_MS, sub.backoffMs * 2 ** (attempt - 1)))
      if (!this.active(sub)) return // not advanced: delivered again after the next register
    }
  }

  private advance(sub: Subscriber, offset: number): void {
    sql(this.o.db, 'UPDATE event_subscribers SET delivered_offset = ?, updated_at = ? WHERE name = ?').run(
      offset,
      new Date().toISOString(),
      sub.name
    )
    sub.offset = offset
  }

  private active(sub: Subscriber): boolean {
    return !sub.stopped && !this.closed
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref())
}
