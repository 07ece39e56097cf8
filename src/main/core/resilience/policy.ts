/**
 * The resilience stack around every provider call:
 *   bulkhead (per provider) → circuit breaker (per key) → retry → timeout (per attempt).
 * `execute` runs an operation through it; `stream` (stream.ts) wraps a streaming chat call.
 * Every event (retry scheduled, breaker transition, call rejected, call failed) goes through
 * `onEvent` with the call's trace id.
 */
import { NexusError, toSerializedError, type SerializedError } from '../../../shared/errors'
import type { BreakerState } from '../../../shared/schemas/routing'
import { BreakerRegistry, type BreakerOptions, type BreakerSnapshot, type CircuitBreaker } from './breaker'
import { BulkheadRegistry, DEFAULT_BULKHEAD_LIMITS, type Bulkhead, type BulkheadLimits, type Priority } from './bulkhead'
import { systemClock, type Clock } from './clock'
import { errorCode } from './classify'
import { retry, retryOptions, type Attempt, type AttemptContext, type RetryOptions } from './retry'
import { AdaptiveTimeouts, withTimeout, type AdaptiveTimeoutOptions } from './timeout'

export interface ResilienceOptions {
  clock?: Clock
  breaker?: Partial<BreakerOptions>
  retry?: Partial<RetryOptions>
  timeouts?: Partial<AdaptiveTimeoutOptions>
  /** Limits for every provider, or per provider id. */
  bulkhead?: Partial<BulkheadLimits> | ((providerId: string) => BulkheadLimits)
  /** Provider id of a key; default: the part before the first "/". */
  providerOf?: (key: string) => string
  /** Human name of a key for messages ("OpenAI gpt-4o"); default: the key. */
  describe?: (key: string) => string
  onEvent?: (event: ResilienceEvent) => void
}

interface EventBase {
  key: string
  traceId?: string
  at: number
}

export type ResilienceEvent =
  | (EventBase & { type: 'retry'; attempt: number; delayMs: number; error: SerializedError })
  | (EventBase & { type: 'breaker'; from: BreakerState; to: BreakerState; reason: string; retryAt?: number; snapshot: BreakerSnapshot })
  | (EventBase & { type: 'rejected'; reason: 'circuit-open' | 'queue-full' | 'deadline'; error: SerializedError })
  | (EventBase & { type: 'failed'; attempts: number; reason: string; error: SerializedError })

export interface ExecuteOptions {
  signal?: AbortSignal
  /** Absolute time (clock ms) after which the caller no longer wants an answer. */
  deadline?: number
  traceId?: string
  /** False for calls that do not stream: no time-to-first-token limit. Default true. */
  streaming?: boolean
}

export type Operation<T> = (ctx: AttemptContext) => Promise<T>

export interface Resilience {
  execute<T>(key: string, priority: Priority, operation: Operation<T>, options?: ExecuteOptions): Promise<T>
  readonly breakers: BreakerRegistry
  readonly bulkheads: BulkheadRegistry
  readonly timeouts: AdaptiveTimeouts
  readonly clock: Clock
}

export function createResilience(options: ResilienceOptions = {}): Resilience {
  const clock = options.clock ?? systemClock
  const onEvent = options.onEvent
  const describe = options.describe ?? ((key: string) => key)
  const providerOf = options.providerOf ?? ((key: string) => (key.includes('/') ? key.slice(0, key.indexOf('/')) : key))
  const retryOpts = retryOptions(options.retry)
  const breakers = new BreakerRegistry({
    ...options.breaker,
    clock,
    describe,
    onTransition: onEvent && ((t) => onEvent({ type: 'breaker', ...t }))
  })
  const limits = options.bulkhead
  const bulkheads = new BulkheadRegistry(
    typeof limits === 'function' ? limits : () => ({ ...DEFAULT_BULKHEAD_LIMITS, ...limits })
  )
  const timeouts = new AdaptiveTimeouts(options.timeouts)

  const reject = (key: string, traceId: string | undefined, err: unknown): never => {
    const reason = (err as NexusError).details as { reason?: string } | undefined
    const kind = errorCode(err) === 'TIMEOUT' ? 'deadline' : reason?.reason === 'queue-full' ? 'queue-full' : 'circuit-open'
    if (errorCode(err) !== 'CANCELLED') onEvent?.({ type: 'rejected', key, traceId, at: clock.now(), reason: kind, error: toSerializedError(err) })
    throw err
  }

  // Per key: its breaker, its provider's bulkhead and its name, looked up once.
  const perKey = new Map<string, { breaker: CircuitBreaker; bulkhead: Bulkhead; name: string }>()
  const lookup = (key: string): { breaker: CircuitBreaker; bulkhead: Bulkhead; name: string } => {
    let entry = perKey.get(key)
    if (!entry) perKey.set(key, (entry = { breaker: breakers.get(key), bulkhead: bulkheads.get(providerOf(key)), name: describe(key) }))
    return entry
  }

  async function execute<T>(key: string, priority: Priority, operation: Operation<T>, opts: ExecuteOptions = {}): Promise<T> {
    const { signal, deadline, traceId } = opts
    const streaming = opts.streaming ?? true
    const { breaker, bulkhead, name } = lookup(key)
    // An open breaker fails fast, before taking a place in the queue.
    if (breaker.state !== 'closed' && !breaker.isAvailable()) {
      try {
        breaker.acquire(traceId)
      } catch (err) {
        reject(key, traceId, err)
      }
    }
    const wait = bulkhead.acquire(priority, signal)
    if (wait) await wait.catch((err: unknown) => reject(key, traceId, err))
    let permit: number
    try {
      permit = breaker.acquire(traceId)
    } catch (err) {
      bulkhead.release()
      return reject(key, traceId, err)
    }
    let attempts = 0
    let start = 0
    let ttftMs: number | undefined
    const markFirstOutput = (): void => void (ttftMs = clock.now() - start)
    const attempt = (ctx: Attempt): Promise<T> => {
      attempts = ctx.attempt
      const limits = timeouts.deadlines(key)
      start = clock.now()
      ttftMs = undefined
      const remaining = deadline === undefined ? Infinity : deadline - start
      if (remaining <= 0) {
        return Promise.reject(new NexusError('TIMEOUT', `The time allowed for this request ran out before ${name} answered.`, { kind: 'deadline' }))
      }
      ctx.onOutputStarted = markFirstOutput
      const ttftLimit = streaming ? limits.ttftMs : Infinity
      return withTimeout(clock, ctx, { ttftMs: ttftLimit, totalMs: Math.min(limits.totalMs, remaining) }, name, operation, start)
    }
    try {
      const value = await retry(attempt, retryOpts, {
        clock,
        signal,
        deadline,
        traceId,
        onRetry: onEvent && ((r) => onEvent({ type: 'retry', key, traceId, at: clock.now(), attempt: r.attempt, delayMs: r.delayMs, error: toSerializedError(r.error) })),
        onGiveUp: onEvent && ((g) => onEvent({ type: 'failed', key, traceId, at: clock.now(), attempts: g.attempt, reason: g.reason, error: toSerializedError(g.error) }))
      })
      const end = clock.now()
      timeouts.observe(key, { ttftMs, totalMs: end - start })
      breaker.success(permit, traceId, end)
      return value
    } catch (err) {
      breaker.failure(err, permit, traceId)
      if (signal?.aborted) onEvent?.({ type: 'failed', key, traceId, at: clock.now(), attempts, reason: 'cancelled', error: toSerializedError(err) })
      throw err
    } finally {
      bulkhead.release()
    }
  }

  return { execute, breakers, bulkheads, timeouts, clock }
}
