import { topicMatches } from '../../../shared/contract'
import type { LoggedEvent } from '../../../shared/schemas/events'
import { sql, type Db } from '../db/connection'
import type { EventBus } from './bus'

/** Topics worth keeping across restarts: run states, breaker transitions, fallbacks, alerts. */
export const PERSISTED_TOPICS: readonly string[] = ['workflow.run', 'breaker.transition', 'routing.fallback', 'alert.*']

export interface LogQuery {
  /** Events after this offset (exclusive); 0 or absent: from the first. */
  afterOffset?: number
  /** Events at or after this time (ISO 8601, any offset). */
  since?: string
  /** An exact topic, a `prefix.*` pattern or `*` (topicMatches). */
  pattern?: string
  /** At most this many events (default 100). */
  limit?: number
}

export interface Retention {
  /** Keep at most this many of the newest events. */
  maxEvents?: number
  /** Drop events older than this. */
  maxAgeDays?: number
}

interface Row {
  offset: number
  topic: string
  payload: string
  at: string
}

/**
 * The persisted event log (table event_log): append-only, each event numbered by an offset
 * that only grows, read back from an offset or a time for replay.
 */
export class EventLog {
  /** The topic patterns persistTopics appends (default PERSISTED_TOPICS). */
  readonly topics: readonly string[]
  private readonly listeners: ((offset: number, topic: string) => void)[] = []

  constructor(
    private readonly db: Db,
    options: { topics?: readonly string[] } = {}
  ) {
    this.topics = options.topics ?? PERSISTED_TOPICS
  }

  /** Appends one event (one INSERT) and returns its offset. */
  append(topic: string, payload: unknown): number {
    const offset = Number(
      sql(this.db, 'INSERT INTO event_log (topic, payload, at) VALUES (?, ?, ?)').run(
        topic,
        JSON.stringify(payload) ?? 'null',
        new Date().toISOString()
      ).lastInsertRowid
    )
    for (const listener of this.listeners) listener(offset, topic)
    return offset
  }

  /** Called after every append; durable subscribers use it to wake up. */
  onAppend(listener: (offset: number, topic: string) => void): () => void {
    this.listeners.push(listener)
    return () => {
      const i = this.listeners.indexOf(listener)
      if (i >= 0) this.listeners.splice(i, 1)
    }
  }

  /** Events in offset order, for replay: page with `afterOffset` = the last offset seen. */
  read(query: LogQuery = {}): LoggedEvent[] {
    const { where, params } = conditions(query)
    const rows = sql(this.db, `SELECT offset, topic, payload, at FROM event_log WHERE ${where} ORDER BY offset LIMIT ?`).all(
      ...params,
      query.limit ?? 100
    ) as Row[]
    return rows.map((r) => ({ offset: r.offset, topic: r.topic, payload: JSON.parse(r.payload) as unknown, at: r.at }))
  }

  /** How many events match, e.g. how far a subscriber lags. */
  count(query: Omit<LogQuery, 'limit'> = {}): number {
    const { where, params } = conditions(query)
    return (sql(this.db, `SELECT count(*) AS n FROM event_log WHERE ${where}`).get(...params) as { n: number }).n
  }

  /** The highest offset ever given, even when pruning removed that event; 0 when none. */
  lastOffset(): number {
    const row = sql(this.db, "SELECT seq FROM sqlite_sequence WHERE name = 'event_log'").get() as { seq: number } | undefined
    return row?.seq ?? 0
  }

  /**
   * Deletes events beyond the newest `maxEvents` or older than `maxAgeDays`, except those a
   * durable subscriber whose pattern matches them has not been delivered yet. Returns how many.
   */
  prune(retention: Retention): number {
    const old: string[] = []
    const params: (string | number)[] = []
    if (retention.maxEvents !== undefined) {
      const edge = sql(this.db, 'SELECT offset FROM event_log ORDER BY offset DESC LIMIT 1 OFFSET ?').get(retention.maxEvents) as
        | { offset: number }
        | undefined
      if (edge) {
        old.push('offset <= ?')
        params.push(edge.offset)
      }
    }
    if (retention.maxAgeDays !== undefined) {
      old.push('at < ?')
      params.push(new Date(Date.now() - retention.maxAgeDays * 86_400_000).toISOString())
    }
    if (old.length === 0) return 0
    // The SQL twin of topicMatches: '*', the exact topic, or a 'prefix.*' the topic starts with.
    const text = `DELETE FROM event_log WHERE (${old.join(' OR ')}) AND NOT EXISTS (
      SELECT 1 FROM event_subscribers s WHERE s.delivered_offset < event_log.offset AND (
        s.pattern = '*' OR s.pattern = event_log.topic OR (
          substr(s.pattern, -2) = '.*' AND substr(event_log.topic, 1, length(s.pattern) - 1) = substr(s.pattern, 1, length(s.pattern) - 1))))`
    return sql(this.db, text).run(...params).changes
  }
}

/**
 * WHERE clause of a query. Patterns are matched in SQL so the (topic, offset) index serves
 * them: a prefix `a.b.` is the range ['a.b.', 'a.b/'), '/' being the character after '.'.
 */
function conditions(query: Omit<LogQuery, 'limit'>): { where: string; params: (string | number)[] } {
  const where = ['offset > ?']
  const params: (string | number)[] = [query.afterOffset ?? 0]
  if (query.since !== undefined) {
    where.push('at >= ?')
    params.push(new Date(query.since).toISOString()) // stored times are UTC ISO: compare as text
  }
  const pattern = query.pattern
  if (pattern !== undefined && pattern !== '*') {
    if (pattern.endsWith('.*')) {
      const prefix = pattern.slice(0, -1)
      where.push('topic >= ? AND topic < ?')
      params.push(prefix, `${prefix.slice(0, -1)}/`)
    } else {
      where.push('topic = ?')
      params.push(pattern)
    }
  }
  return { where: where.join(' AND '), params }
}

/**
 * Appends every publish on a topic matching `patterns` to the log, synchronously within the
 * publish. One subscription per pattern, patterns covered by another dropped, so an event is
 * appended once and topics that are not persisted cost nothing. Returns the unsubscribe.
 */
export function persistTopics<M extends object>(bus: EventBus<M>, log: EventLog, patterns: readonly string[] = log.topics): () => void {
  const unique = [...new Set(patterns)]
  const kept = unique.filter((p) => !unique.some((q) => q !== p && topicMatches(q, p)))
  const offs = kept.map((pattern) => bus.subscribe(pattern, (payload, topic) => void log.append(topic, payload)))
  return () => offs.forEach((off) => off())
}
