/**
 * Bulkheads, one per provider: at most `maxConcurrent` calls run at once; the rest wait in a
 * bounded queue served by priority (chat > gateway > workflow > background), first come first
 * served within a priority. A full queue rejects at once; an aborted caller leaves the queue.
 */
import { NexusError } from '../../../shared/errors'
import { cancelledError } from './clock'

export const PRIORITIES = ['chat', 'gateway', 'workflow', 'background'] as const
export type Priority = (typeof PRIORITIES)[number]
const RANK: Record<Priority, number> = { chat: 0, gateway: 1, workflow: 2, background: 3 }

export interface BulkheadLimits {
  /** Calls running at once. Default 8. */
  maxConcurrent: number
  /** Calls waiting; 0 means none wait. Default 64. */
  maxQueue: number
}

export const DEFAULT_BULKHEAD_LIMITS: BulkheadLimits = { maxConcurrent: 8, maxQueue: 64 }

interface Waiter {
  resolve: () => void
  reject: (err: unknown) => void
  signal: AbortSignal | undefined
  onAbort: (() => void) | undefined
}

export class Bulkhead {
  private active = 0
  private queued = 0
  private readonly queues: Waiter[][] = [[], [], [], []]

  constructor(
    readonly name: string,
    readonly limits: BulkheadLimits = DEFAULT_BULKHEAD_LIMITS
  ) {}

  get running(): number {
    return this.active
  }

  get waiting(): number {
    return this.queued
  }

  /**
   * Resolves when a slot is free; the caller must call `release()` exactly once afterwards.
   * Returns undefined when a slot was free at once (no promise on the fast path).
   */
  acquire(priority: Priority, signal?: AbortSignal): Promise<void> | undefined {
    if (signal?.aborted) return Promise.reject(cancelledError())
    if (this.active < this.limits.maxConcurrent && this.queued === 0) {
      this.active++
      return undefined
    }
    if (this.queued >= this.limits.maxQueue) {
      return Promise.reject(
        new NexusError(
          'UNAVAILABLE',
          `${this.name} is busy: ${this.active} calls are running and ${this.queued} are waiting, the most allowed. Try again shortly.`,
          { reason: 'queue-full', provider: this.name, running: this.active, waiting: this.queued }
        )
      )
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onAbort: undefined }
      const queue = this.queues[RANK[priority] ?? 3]!
      if (signal) {
        waiter.onAbort = () => {
          const index = queue.indexOf(waiter)
          if (index < 0) return
          queue.splice(index, 1)
          this.queued--
          reject(cancelledError())
        }
        signal.addEventListener('abort', waiter.onAbort, { once: true })
      }
      queue.push(waiter)
      this.queued++
    })
  }

  release(): void {
    if (this.queued > 0) {
      for (const queue of this.queues) {
        const next = queue.shift()
        if (!next) continue
        this.queued--
        if (next.onAbort) next.signal?.removeEventListener('abort', next.onAbort)
        next.resolve() // the slot passes straight to the waiter: `active` is unchanged
        return
      }
    }
    if (this.active > 0) this.active--
  }

  /** Runs `fn` in a slot. */
  async run<T>(priority: Priority, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const wait = this.acquire(priority, signal)
    if (wait) await wait
    try {
      return await fn()
    } finally {
      this.release()
    }
  }
}

/** One bulkhead per provider id, created on first use. */
export class BulkheadRegistry {
  private readonly bulkheads = new Map<string, Bulkhead>()

  constructor(private readonly limitsFor: (providerId: string) => BulkheadLimits = () => DEFAULT_BULKHEAD_LIMITS) {}

  get(providerId: string): Bulkhead {
    let bulkhead = this.bulkheads.get(providerId)
    if (!bulkhead) this.bulkheads.set(providerId, (bulkhead = new Bulkhead(providerId, this.limitsFor(providerId))))
    return bulkhead
  }

  /** Gauges for metrics and the Monitor page. */
  stats(): { provider: string; running: number; waiting: number }[] {
    return [...this.bulkheads.values()].map((b) => ({ provider: b.name, running: b.running, waiting: b.waiting }))
  }
}
