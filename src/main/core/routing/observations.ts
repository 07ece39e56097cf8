/**
 * Observed figures per (provider, model) from real calls: latency percentiles of time to first
 * token and total time, tokens per second, error rate, calls and cost over a window. Snapshots
 * go to `model_observations` (this module owns that table) as history for trends.
 *
 * The raw rows come from `usage` (owned by usage/recorder.ts) through one read-only query,
 * `usageSamples`, which should move into UsageRecorder when that file is next touched.
 */
import type { Db } from '../db/connection'

export interface Observation {
  providerId: string
  model: string
  calls: number
  errors: number
  /** errors / calls, 0 with no calls. */
  errorRate: number
  ttftP50: number | null
  ttftP95: number | null
  totalP50: number | null
  totalP95: number | null
  /** Output tokens per second of generation (after the first token), over successful calls. */
  tokensPerSecond: number | null
  costUsd: number
}

export interface ObservationPoint {
  t: string
  calls: number
  errors: number
  totalP95: number | null
  costUsd: number
}

interface Sample {
  providerId: string
  model: string
  at: string
  ttft: number | null
  total: number
  outputTokens: number
  ok: number
  cost: number | null
}

/** Calls between `since` (inclusive) and `until` (exclusive), chat calls only. */
export function usageSamples(db: Db, since: Date, until: Date): Sample[] {
  return db
    .prepare(
      `SELECT provider_id AS providerId, model, at, ttft_ms AS ttft, total_ms AS total, output_tokens AS outputTokens,
         outcome = 'ok' AS ok, cost_usd AS cost
       FROM usage WHERE at >= ? AND at < ? AND purpose = 'chat' ORDER BY provider_id, model`
    )
    .all(since.toISOString(), until.toISOString()) as Sample[]
}

/** Nearest-rank percentile of an ascending array; null when empty. */
export function percentile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null
  const rank = Math.ceil(q * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!
}

const ascending = (a: number, b: number): number => a - b

/** Aggregates samples of one model. */
export function summarise(providerId: string, model: string, samples: readonly Sample[]): Observation {
  const ttft: number[] = []
  const total: number[] = []
  let errors = 0
  let tokens = 0
  let seconds = 0
  let cost = 0
  for (const s of samples) {
    cost += s.cost ?? 0
    if (!s.ok) {
      errors++
      continue
    }
    if (s.ttft !== null && Number.isFinite(s.ttft)) ttft.push(s.ttft)
    if (Number.isFinite(s.total)) total.push(s.total)
    const generating = s.ttft !== null && s.total > s.ttft ? s.total - s.ttft : s.total
    if (s.outputTokens > 0 && generating > 0) {
      tokens += s.outputTokens
      seconds += generating / 1000
    }
  }
  ttft.sort(ascending)
  total.sort(ascending)
  return {
    providerId,
    model,
    calls: samples.length,
    errors,
    errorRate: samples.length ? errors / samples.length : 0,
    ttftP50: percentile(ttft, 0.5),
    ttftP95: percentile(ttft, 0.95),
    totalP50: percentile(total, 0.5),
    totalP95: percentile(total, 0.95),
    tokensPerSecond: seconds > 0 ? tokens / seconds : null,
    costUsd: cost
  }
}

function groupByModel(samples: readonly Sample[]): Map<string, Sample[]> {
  const groups = new Map<string, Sample[]>()
  for (const s of samples) {
    const key = `${s.providerId}/${s.model}`
    let group = groups.get(key)
    if (!group) groups.set(key, (group = []))
    group.push(s)
  }
  return groups
}

interface SnapshotRow {
  provider_id: string
  model: string
  window_end: string
  calls: number
  errors: number
  ttft_p50: number | null
  ttft_p95: number | null
  total_p50: number | null
  total_p95: number | null
  tokens_per_s: number | null
}

export class ObservationStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now
  ) {}

  /** Per model, over the last `windowMs` (or between two dates). */
  compute(windowMs: number, until = new Date(this.now())): Observation[] {
    const since = new Date(until.getTime() - windowMs)
    const result: Observation[] = []
    for (const group of groupByModel(usageSamples(this.db, since, until)).values()) {
      result.push(summarise(group[0]!.providerId, group[0]!.model, group))
    }
    return result
  }

  /** Points per model, one per `bucketMs` over the window, oldest first (for charts). */
  series(windowMs: number, bucketMs: number, until = new Date(this.now())): { ref: string; points: ObservationPoint[] }[] {
    const start = until.getTime() - windowMs
    const buckets = Math.max(1, Math.ceil(windowMs / bucketMs))
    const out: { ref: string; points: ObservationPoint[] }[] = []
    for (const [ref, samples] of groupByModel(usageSamples(this.db, new Date(start), until))) {
      const perBucket: Sample[][] = Array.from({ length: buckets }, () => [])
      for (const s of samples) {
        const i = Math.min(buckets - 1, Math.floor((Date.parse(s.at) - start) / bucketMs))
        if (i >= 0) perBucket[i]!.push(s)
      }
      out.push({
        ref,
        points: perBucket.map((bucket, i) => {
          const o = summarise('', '', bucket)
          return { t: new Date(start + i * bucketMs).toISOString(), calls: o.calls, errors: o.errors, totalP95: o.totalP95, costUsd: o.costUsd }
        })
      })
    }
    return out
  }

  /** Persists the figures of the window ending now; returns what was written. */
  snapshot(windowMs: number, until = new Date(this.now())): Observation[] {
    const observations = this.compute(windowMs, until)
    const insert = this.db.prepare(
      `INSERT OR REPLACE INTO model_observations
         (provider_id, model, window_end, calls, errors, ttft_p50, ttft_p95, total_p50, total_p95, tokens_per_s)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    )
    const windowEnd = until.toISOString()
    this.db.transaction(() => {
      for (const o of observations) {
        insert.run(o.providerId, o.model, windowEnd, o.calls, o.errors, o.ttftP50, o.ttftP95, o.totalP50, o.totalP95, o.tokensPerSecond)
      }
    })()
    return observations
  }

  /** Snapshots of one model since a date, oldest first. */
  history(providerId: string, model: string, since: Date): (Omit<Observation, 'costUsd'> & { windowEnd: string })[] {
    const rows = this.db
      .prepare('SELECT * FROM model_observations WHERE provider_id = ? AND model = ? AND window_end >= ? ORDER BY window_end')
      .all(providerId, model, since.toISOString()) as SnapshotRow[]
    return rows.map((r) => ({
      providerId: r.provider_id,
      model: r.model,
      windowEnd: r.window_end,
      calls: r.calls,
      errors: r.errors,
      errorRate: r.calls ? r.errors / r.calls : 0,
      ttftP50: r.ttft_p50,
      ttftP95: r.ttft_p95,
      totalP50: r.total_p50,
      totalP95: r.total_p95,
      tokensPerSecond: r.tokens_per_s
    }))
  }

  /** Drops snapshots older than a date (history is kept for trends, not forever). */
  prune(before: Date): number {
    return this.db.prepare('DELETE FROM model_observations WHERE window_end < ?').run(before.toISOString()).changes
  }
}
