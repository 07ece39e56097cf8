/**
 * User feedback on answers (owner of `message_feedback`) and what it does to a model's observed
 * quality per intent: a bounded adjustment with a prior, so a handful of votes moves a score a
 * little and no amount of votes moves it more than `bound`.
 *
 * A message's model is its `model` column ("provider/model") and its intent is `routing.intent`
 * (RoutingInfo); answers not routed by "auto" count as GENERAL. A regenerate is a mild negative:
 * ChatService.regenerate stores the replaced answer's `{ ref, intent }` in the new answer's
 * `regenerated` column.
 */
import { INTENTS, type Intent } from '../../../shared/schemas/routing'
import type { Db } from '../db/connection'

export interface FeedbackCounts {
  up: number
  down: number
  regenerates: number
}

export interface AdjustmentOptions {
  /** Largest change either way (default 0.1). */
  bound?: number
  /** Weight of the prior of "no change", in votes (default 5). */
  prior?: number
  /** A regenerate counts as this share of a thumbs down (default 0.5). */
  regenerateWeight?: number
}

/** The change of quality in [-bound, bound] that these votes justify. */
export function feedbackAdjustment(counts: FeedbackCounts, options: AdjustmentOptions = {}): number {
  const bound = options.bound ?? 0.1
  const prior = options.prior ?? 5
  const regen = (options.regenerateWeight ?? 0.5) * Math.max(0, counts.regenerates || 0)
  const up = Math.max(0, counts.up || 0)
  const down = Math.max(0, counts.down || 0)
  const votes = up + down + regen
  if (votes === 0) return 0
  const value = (bound * (up - down - regen)) / (votes + prior)
  return Math.max(-bound, Math.min(bound, value))
}

/** Per model ref, per intent: the adjustment to add to the profile's quality score. */
export type QualityAdjustments = Map<string, Partial<Record<Intent, number>>>

const isIntent = (value: unknown): value is Intent => typeof value === 'string' && (INTENTS as readonly string[]).includes(value)

export class FeedbackStore {
  constructor(private readonly db: Db) {}

  /** Thumbs up (1), down (-1), or cleared (0). */
  set(messageId: string, rating: -1 | 0 | 1): void {
    if (rating === 0) {
      this.db.prepare('DELETE FROM message_feedback WHERE message_id = ?').run(messageId)
      return
    }
    this.db
      .prepare(
        `INSERT INTO message_feedback (message_id, rating, at) VALUES (?, ?, ?)
         ON CONFLICT (message_id) DO UPDATE SET rating = excluded.rating, at = excluded.at`
      )
      .run(messageId, rating, new Date().toISOString())
  }

  get(messageId: string): -1 | 0 | 1 {
    const row = this.db.prepare('SELECT rating FROM message_feedback WHERE message_id = ?').get(messageId) as { rating: -1 | 1 } | undefined
    return row?.rating ?? 0
  }

  /** Votes per model ref and intent. */
  counts(): Map<string, Map<Intent, FeedbackCounts>> {
    const result = new Map<string, Map<Intent, FeedbackCounts>>()
    const add = (ref: string | null, intent: unknown, field: keyof FeedbackCounts, n: number): void => {
      if (!ref) return
      const key: Intent = isIntent(intent) ? intent : 'GENERAL'
      let perIntent = result.get(ref)
      if (!perIntent) result.set(ref, (perIntent = new Map()))
      const counts = perIntent.get(key) ?? { up: 0, down: 0, regenerates: 0 }
      counts[field] += n
      perIntent.set(key, counts)
    }
    const votes = this.db
      .prepare(
        `SELECT m.model AS ref, json_extract(m.routing, '$.intent') AS intent, SUM(f.rating = 1) AS up, SUM(f.rating = -1) AS down
         FROM message_feedback f JOIN messages m ON m.id = f.message_id GROUP BY 1, 2`
      )
      .all() as { ref: string | null; intent: unknown; up: number; down: number }[]
    for (const v of votes) {
      add(v.ref, v.intent, 'up', v.up)
      add(v.ref, v.intent, 'down', v.down)
    }
    const regenerated = this.db
      .prepare(
        `SELECT json_extract(regenerated, '$.ref') AS ref, json_extract(regenerated, '$.intent') AS intent, COUNT(*) AS n
         FROM messages WHERE regenerated IS NOT NULL GROUP BY 1, 2`
      )
      .all() as { ref: string | null; intent: unknown; n: number }[]
    for (const r of regenerated) add(r.ref, r.intent, 'regenerates', r.n)
    return result
  }

  adjustments(options?: AdjustmentOptions): QualityAdjustments {
    const result: QualityAdjustments = new Map()
    for (const [ref, perIntent] of this.counts()) {
      const adjust: Partial<Record<Intent, number>> = {}
      for (const [intent, counts] of perIntent) adjust[intent] = feedbackAdjustment(counts, options)
      result.set(ref, adjust)
    }
    return result
  }
}
