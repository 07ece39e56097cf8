import type { EventMap } from '../../../shared/contract'
import type { DeadLetter, LoggedEvent } from '../../../shared/schemas/events'
import { sql, type Db } from '../db/connection'
import type { EventBus } from './bus'
import type { DurableHandler } from './durable'

/** One dead letter by id, or all of them (of one subscriber) when id is absent. */
export interface DeadLetterSelection {
  id?: number
  subscriber?: string
}

export interface RetryResult {
  retried: number
  delivered: number
  failed: number
}

interface Row {
  id: number
  subscriber: string
  offset: number
  topic: string
  payload: string
  error: string
  attempts: number
  failedAt: string
}

const COLUMNS = 'id, subscriber, event_offset AS offset, topic, payload, error, attempts, failed_at AS failedAt'

/**
 * The dead letters (table dead_letters): events a durable subscriber failed to handle after
 * every attempt, kept with the last error until retried or purged. Every change is announced
 * as 'deadLetters.changed' with the new count.
 */
export class DeadLetters {
  /** Ids being retried, so a double click does not hand one event over twice at once. */
  private readonly retrying = new Set<number>()

  constructor(
    private readonly o: {
      db: Db
      bus: EventBus<EventMap>
      /** The handler a subscriber registered in this process. */
      handlerOf: (subscriber: string) => DurableHandler | undefined
    }
  ) {}

  /** Oldest first, as they failed. */
  list(subscriber?: string): DeadLetter[] {
    const rows = (
      subscriber === undefined
        ? sql(this.o.db, `SELECT ${COLUMNS} FROM dead_letters ORDER BY id`).all()
        : sql(this.o.db, `SELECT ${COLUMNS} FROM dead_letters WHERE subscriber = ? ORDER BY id`).all(subscriber)
    ) as Row[]
    return rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) as unknown }))
  }

  count(): number {
    return (sql(this.o.db, 'SELECT count(*) AS n FROM dead_letters').get() as { n: number }).n
  }

  /** Records a failed event; the durable subscriber calls it in the transaction that moves its offset. */
  add(subscriber: string, event: LoggedEvent, err: unknown, attempts: number): void {
    sql(
      this.o.db,
      `INSERT INTO dead_letters (subscriber, event_offset, topic, payload, error, attempts, failed_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (subscriber, event_offset) DO UPDATE SET
         error = excluded.error, attempts = dead_letters.attempts + excluded.attempts, failed_at = excluded.failed_at`
    ).run(subscriber, event.offset, event.topic, JSON.stringify(event.payload) ?? 'null', errorText(err), attempts, new Date().toISOString())
  }

  announce(): void {
    this.o.bus.publish('deadLetters.changed', { count: this.count() })
  }

  /**
   * Hands the selected dead letters to their subscriber's handler once more, oldest first:
   * delivered ones leave the queue, failed ones stay with the new error and one more attempt.
   */
  async retry(selection: DeadLetterSelection = {}): Promise<RetryResult> {
    const result: RetryResult = { retried: 0, delivered: 0, failed: 0 }
    for (const letter of this.select(selection)) {
      if (this.retrying.has(letter.id)) continue
      this.retrying.add(letter.id)
      result.retried++
      try {
        const handler = this.o.handlerOf(letter.subscriber)
        if (!handler) {
          result.failed++
          this.fail(letter.id, `No subscriber named "${letter.subscriber}" is running now, so nothing could handle the event.`, 0)
          continue
        }
        try {
          await handler({ offset: letter.offset, topic: letter.topic, payload: JSON.parse(letter.payload) as unknown, at: letter.at })
          sql(this.o.db, 'DELETE FROM dead_letters WHERE id = ?').run(letter.id)
          result.delivered++
        } catch (err) {
          result.failed++
          this.fail(letter.id, errorText(err), 1)
        }
      } finally {
        this.retrying.delete(letter.id)
      }
    }
    if (result.retried > 0) this.announce()
    return result
  }

  purge(selection: DeadLetterSelection = {}): { purged: number } {
    const { where, params } = filter(selection)
    const purged = sql(this.o.db, `DELETE FROM dead_letters WHERE ${where}`).run(...params).changes
    if (purged > 0) this.announce()
    return { purged }
  }

  /** With the event's own time, while the log still holds it. */
  private select(selection: DeadLetterSelection): (Row & { at: string })[] {
    const { where, params } = filter(selection)
    return sql(
      this.o.db,
      `SELECT ${COLUMNS}, coalesce((SELECT e.at FROM event_log e WHERE e.offset = event_offset), failed_at) AS at
       FROM dead_letters WHERE ${where} ORDER BY id`
    ).all(...params) as (Row & { at: string })[]
  }

  private fail(id: number, error: string, attempts: number): void {
    sql(this.o.db, 'UPDATE dead_letters SET error = ?, attempts = attempts + ?, failed_at = ? WHERE id = ?').run(
      error,
      attempts,
      new Date().toISOString(),
      id
    )
  }
}

function filter(selection: DeadLetterSelection): { where: string; params: (string | number)[] } {
  const where: string[] = []
  const params: (string | number)[] = []
  if (selection.id !== undefined) {
    where.push('id = ?')
    params.push(selection.id)
  }
  if (selection.subscriber !== undefined) {
    where.push('subscriber = ?')
    params.push(selection.subscriber)
  }
  return { where: where.length ? where.join(' AND ') : '1', params }
}

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)) || 'The handler failed without a message.'
}
