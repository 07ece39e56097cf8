import { randomUUID } from 'node:crypto'
import { NexusError } from '../../../shared/errors'
import type { SagaView } from '../../../shared/schemas/events'
import { sql, type Db } from '../db/connection'

/**
 * One step of a saga. `run` returns the data the next steps see (or nothing to keep it);
 * `compensate` undoes the step with the data as it was when the saga stopped. Data is stored
 * as JSON after every step, so it must be plain JSON, and never a secret.
 */
export interface SagaStep<D> {
  name: string
  run(data: D, signal: AbortSignal): Promise<D | void> | D | void
  compensate(data: D): Promise<void> | void
}

export interface SagaOutcome {
  id: string
  /** succeeded; compensated (a step failed, the done ones were undone); failed (a compensation failed too). */
  status: 'succeeded' | 'compensated' | 'failed'
  error: string | null
}

interface Row {
  id: string
  name: string
  status: SagaView['status']
  data: string
  completed: string
  error: string | null
  startedAt: string
  updatedAt: string
}

const INTERRUPTED = 'NEXUS stopped while the saga was running'
/** Joins the cause of a compensation and the error of the compensation that failed. */
const UNDO_FAILED = '; then undoing '

/**
 * Sagas: sequences of steps that cannot share a transaction (a keychain write and a row, an
 * HTTP call and a row...), each with a compensation. Progress is stored (table sagas) after
 * every step, so when a step fails, or the process dies, the steps done are undone in
 * reverse order: at once, or by recover() at the next start.
 */
export class Sagas {
  private readonly definitions = new Map<string, SagaStep<never>[]>()
  /** Sagas this process is running or compensating: recover() leaves them alone. */
  private readonly active = new Set<string>()
  /** Aborts the steps in flight when the core closes. */
  private readonly closing = new AbortController()

  constructor(private readonly db: Db) {}

  define<D>(name: string, steps: SagaStep<D>[]): void {
    const names = new Set(steps.map((s) => s.name))
    if (names.size !== steps.length) throw new Error(`The steps of the saga "${name}" need distinct names.`)
    this.definitions.set(name, steps as SagaStep<never>[])
  }

  /**
   * Runs a saga to its end. A failing step has the completed ones compensated and resolves
   * 'compensated' (or 'failed' if a compensation throws); it rejects only when the core closes
   * meanwhile, leaving the saga to recover() at the next start.
   */
  async start<D>(name: string, data: D, signal?: AbortSignal): Promise<SagaOutcome> {
    const steps = this.steps<D>(name)
    this.checkOpen(name)
    const id = randomUUID()
    const now = new Date().toISOString()
    sql(
      this.db,
      `INSERT INTO sagas (id, name, status, data, completed, error, started_at, updated_at) VALUES (?, ?, 'running', ?, '[]', NULL, ?, ?)`
    ).run(id, name, toJson(data), now, now)
    const stop = signal ? AbortSignal.any([signal, this.closing.signal]) : this.closing.signal
    this.active.add(id)
    try {
      let current = data
      const completed: string[] = []
      for (const step of steps) {
        let result: D | void
        try {
          stop.throwIfAborted()
          result = await step.run(current, stop)
        } catch (err) {
          this.checkOpen(name)
          return await this.compensate(id, name, steps, current, completed, message(err))
        }
        this.checkOpen(name)
        if (result !== undefined) current = result
        completed.push(step.name)
        this.save(id, 'running', current, completed, null)
      }
      this.save(id, 'succeeded', current, completed, null)
      return { id, status: 'succeeded', error: null }
    } finally {
      this.active.delete(id)
    }
  }

  /**
   * Compensates the sagas a previous process left running or compensating, and retries those
   * whose compensation failed. Call it at startup, once every saga is defined.
   */
  async recover(): Promise<SagaOutcome[]> {
    const rows = sql(this.db, `SELECT ${COLUMNS} FROM sagas WHERE status IN ('running', 'compensating', 'failed') ORDER BY started_at`).all() as Row[]
    const outcomes: SagaOutcome[] = []
    for (const row of rows) {
      if (this.active.has(row.id) || !this.definitions.has(row.name)) continue // unknown: kept until defined
      this.active.add(row.id)
      try {
        // The first cause, without what a failed compensation appended to it.
        const reason = row.status === 'running' ? INTERRUPTED : (row.error?.split(UNDO_FAILED)[0] ?? INTERRUPTED)
        const data = JSON.parse(row.data) as unknown
        outcomes.push(await this.compensate(row.id, row.name, this.steps(row.name), data, JSON.parse(row.completed) as string[], reason))
      } finally {
        this.active.delete(row.id)
      }
    }
    return outcomes
  }

  /** Newest first. */
  list(limit = 100): SagaView[] {
    const rows = sql(this.db, `SELECT ${COLUMNS} FROM sagas ORDER BY started_at DESC, rowid DESC LIMIT ?`).all(limit) as Row[]
    return rows.map(({ data: _data, completed, ...r }) => ({ ...r, completed: JSON.parse(completed) as string[] }))
  }

  /** Deletes finished sagas (succeeded or compensated) older than this; returns how many. */
  prune(maxAgeDays: number): number {
    const before = new Date(Date.now() - maxAgeDays * 86_400_000).toISOString()
    return sql(this.db, "DELETE FROM sagas WHERE status IN ('succeeded', 'compensated') AND updated_at < ?").run(before).changes
  }

  /** Aborts running steps; nothing is written afterwards: recover() finishes their sagas. */
  close(): void {
    this.closing.abort(new NexusError('UNAVAILABLE', 'NEXUS is closing.'))
  }

  /** Undoes the completed steps from the last, storing progress after each. */
  private async compensate<D>(id: string, name: string, steps: SagaStep<D>[], data: D, completed: string[], reason: string): Promise<SagaOutcome> {
    const left = [...completed]
    this.save(id, 'compensating', data, left, reason)
    while (left.length > 0) {
      const stepName = left.at(-1)!
      try {
        const step = steps.find((s) => s.name === stepName)
        if (!step) throw new Error(`the saga "${name}" has no step "${stepName}" any more`)
        await step.compensate(data)
      } catch (err) {
        this.checkOpen(name)
        const error = `${reason}${UNDO_FAILED}"${stepName}" failed: ${message(err)}`
        this.save(id, 'failed', data, left, error)
        return { id, status: 'failed', error }
      }
      this.checkOpen(name)
      left.pop()
      this.save(id, 'compensating', data, left, reason)
    }
    this.save(id, 'compensated', data, left, reason)
    return { id, status: 'compensated', error: reason }
  }

  /** One UPDATE: the step's data, the steps done and the status change together or not at all. */
  private save(id: string, status: SagaView['status'], data: unknown, completed: string[], error: string | null): void {
    sql(this.db, 'UPDATE sagas SET status = ?, data = ?, completed = ?, error = ?, updated_at = ? WHERE id = ?').run(
      status,
      toJson(data),
      JSON.stringify(completed),
      error,
      new Date().toISOString(),
      id
    )
  }

  private steps<D>(name: string): SagaStep<D>[] {
    const steps = this.definitions.get(name)
    if (!steps) throw new NexusError('NOT_FOUND', `No saga named "${name}" is defined.`)
    return steps as SagaStep<D>[]
  }

  private checkOpen(name: string): void {
    if (this.closing.signal.aborted) {
      throw new NexusError('UNAVAILABLE', `NEXUS closed while the saga "${name}" was running; it is undone at the next start.`)
    }
  }
}

const COLUMNS = 'id, name, status, data, completed, error, started_at AS startedAt, updated_at AS updatedAt'

function toJson(data: unknown): string {
  return JSON.stringify(data) ?? 'null'
}

function message(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)) || 'failed without a message'
}
