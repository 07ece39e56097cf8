import { randomUUID } from 'node:crypto'
import type { Job } from '../../../shared/contract'
import { NexusError } from '../../../shared/errors'

export interface JobContext {
  signal: AbortSignal
  /** Report progress: a fraction in [0, 1] (or null if unknown) and a short message. */
  progress: (fraction: number | null, message?: string) => void
}

export interface JobHandle<T> {
  job: Job
  result: Promise<T>
}

/** How many finished jobs stay listed after they end, newest first. */
const KEEP_FINISHED = 20

/**
 * Long work (a fusion, a workflow run, an index rebuild) runs as a job: it reports progress,
 * accepts cancellation through an AbortSignal, and is listed until it has long finished.
 */
export class JobTracker {
  private readonly jobs = new Map<string, { job: Job; controller: AbortController }>()
  /** Ids of finished jobs, oldest first. */
  private readonly finished: string[] = []

  constructor(private readonly onUpdate: (job: Job) => void) {}

  start<T>(kind: string, title: string, run: (ctx: JobContext) => Promise<T>): JobHandle<T> {
    const controller = new AbortController()
    const job: Job = {
      id: randomUUID(),
      kind,
      title,
      state: 'running',
      progress: null,
      message: '',
      startedAt: new Date().toISOString(),
      endedAt: null,
      error: null
    }
    this.jobs.set(job.id, { job, controller })
    this.update(job)

    const ctx: JobContext = {
      signal: controller.signal,
      progress: (fraction, message) => {
        if (job.state !== 'running') return
        job.progress = fraction === null ? null : Math.min(1, Math.max(0, fraction))
        if (message !== undefined) job.message = message
        this.update(job)
      }
    }
    const result = Promise.resolve()
      .then(() => run(ctx))
      .then(
        (value) => {
          this.finish(job, controller.signal.aborted ? 'cancelled' : 'succeeded', null)
          return value
        },
        (err: unknown) => {
          const cancelled = controller.signal.aborted
          this.finish(job, cancelled ? 'cancelled' : 'failed', cancelled ? null : message(err))
          throw err
        }
      )
    return { job: { ...job }, result }
  }

  /** Running jobs first, then finished ones; newest first within each group. */
  list(): Job[] {
    const newestFirst = [...this.jobs.values()].reverse().map(({ job }) => ({ ...job }))
    return [...newestFirst.filter((j) => j.state === 'running'), ...newestFirst.filter((j) => j.state !== 'running')]
  }

  cancel(id: string): Job {
    const entry = this.jobs.get(id)
    if (!entry) throw new NexusError('NOT_FOUND', `No job with id ${id}; it may have finished long ago.`)
    if (entry.job.state === 'running') entry.controller.abort()
    return { ...entry.job }
  }

  /** Cancels every running job and waits for none: used when the core closes. */
  cancelAll(): void {
    for (const { job, controller } of this.jobs.values()) {
      if (job.state === 'running') controller.abort()
    }
  }

  private finish(job: Job, state: Job['state'], error: string | null): void {
    job.state = state
    job.endedAt = new Date().toISOString()
    job.error = error
    if (state === 'succeeded') job.progress = 1
    this.update(job)
    this.finished.push(job.id)
    for (const id of this.finished.splice(0, Math.max(0, this.finished.length - KEEP_FINISHED))) {
      this.jobs.delete(id)
    }
  }

  private update(job: Job): void {
    this.onUpdate({ ...job })
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
