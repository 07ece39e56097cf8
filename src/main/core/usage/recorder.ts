import type { Db } from '../db/connection'

export interface UsageRecord {
  providerId: string
  model: string
  inputTokens: number
  outputTokens: number
  /** Time to first token; null when nothing streamed. */
  ttftMs: number | null
  totalMs: number
  costUsd: number | null
  /** 'ok' or the normalized error code (CANCELLED, RATE_LIMITED...). */
  outcome: string
  purpose?: 'chat' | 'embed' | 'test'
}

export interface ModelStats {
  providerId: string
  model: string
  calls: number
  errors: number
  inputTokens: number
  outputTokens: number
  costUsd: number
  avgTtftMs: number | null
  avgTotalMs: number
}

/**
 * Owner of `usage`: one row per provider call. Routing and monitoring read it through
 * `statsSince`, which the (provider_id, model, at) index keeps cheap.
 */
export class UsageRecorder {
  private readonly insert
  constructor(
    private readonly db: Db,
    /** Told of every call as it is recorded (metrics). */
    private readonly onRecord: (record: UsageRecord) => void = () => {}
  ) {
    this.insert = db.prepare(
      `INSERT INTO usage (at, provider_id, model, input_tokens, output_tokens, ttft_ms, total_ms, cost_usd, outcome, error_code, purpose)
       VALUES (@at, @providerId, @model, @inputTokens, @outputTokens, @ttftMs, @totalMs, @costUsd, @outcome, @errorCode, @purpose)`
    )
  }

  record(record: UsageRecord): void {
    this.insert.run({
      ...record,
      at: new Date().toISOString(),
      errorCode: record.outcome === 'ok' ? null : record.outcome,
      purpose: record.purpose ?? 'chat'
    })
    this.onRecord(record)
  }

  statsSince(since: Date): ModelStats[] {
    return this.db
      .prepare(
        `SELECT provider_id AS providerId, model, COUNT(*) AS calls,
           SUM(outcome <> 'ok') AS errors, SUM(input_tokens) AS inputTokens,
           SUM(output_tokens) AS outputTokens, COALESCE(SUM(cost_usd), 0) AS costUsd,
           AVG(ttft_ms) AS avgTtftMs, AVG(total_ms) AS avgTotalMs
         FROM usage WHERE at >= ? GROUP BY provider_id, model ORDER BY calls DESC`
      )
      .all(since.toISOString()) as ModelStats[]
  }
}
