/**
 * Retries with exponential backoff and full jitter. Honours RATE_LIMITED's retryAfterMs (waits
 * at least that long, or gives up when it would pass the caller's deadline), never retries what
 * cannot succeed (bad key, bad request, context too long, unknown model, cancelled), stops on
 * the AbortSignal, and never retries once output has reached the user: a streaming operation
 * calls `ctx.markOutputStarted()` on its first delta, and from then on any failure is final.
 */
import { systemClock, cancelledError, sleep, type Clock } from './clock'
import { errorCode, isRetryable, NEVER_RETRY_CODES, retryAfterMs } from './classify'
import { stripUndefined } from './util'

export interface RetryOptions {
  /** Attempts in all, the first included. Default 3. */
  maxAttempts: number
  /** Backoff cap before jitter for attempt n is min(maxDelayMs, baseDelayMs × 2^(n-1)). */
  baseDelayMs: number
  maxDelayMs: number
  /** A Retry-After longer than this gives up even without a deadline. Default 60 s. */
  maxRetryAfterMs: number
  /** Uniform in [0, 1); injectable for tests. */
  random: () => number
  /** Extra say on what is retryable; NEVER_RETRY_CODES are never retried whatever it says. */
  isRetryable: (err: unknown) => boolean
}

export const DEFAULT_RETRY_OPTIONS: RetryOptions = {
  maxAttempts: 3,
  baseDelayMs: 250,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000,
  random: Math.random,
  isRetryable
}

export function retryOptions(options: Partial<RetryOptions> = {}): RetryOptions {
  return { ...DEFAULT_RETRY_OPTIONS, ...stripUndefined(options) }
}

/** What every attempt of an operation is given. */
export interface AttemptContext {
  /** 1 for the first attempt. */
  readonly attempt: number
  /** Aborts when the caller cancels or this attempt times out. */
  readonly signal: AbortSignal | undefined
  readonly traceId: string | undefined
  /** Call when the first output reaches the user: later failures are not retried. */
  markOutputStarted(): void
  readonly outputStarted: boolean
}

export class Attempt implements AttemptContext {
  outputStarted = false
  /** Called once, when the operation marks its output as started. */
  onOutputStarted: (() => void) | undefined = undefined
  private own = false
  private controller: AbortController | undefined = undefined

  constructor(
    readonly attempt: number,
    readonly parentSignal: AbortSignal | undefined,
    readonly traceId: string | undefined
  ) {}

  /**
   * The caller's signal, or once `ownSignal()` was called (the timeout layer), a signal of this
   * attempt alone, created on first use so calls that never look at it pay nothing.
   */
  get signal(): AbortSignal | undefined {
    if (!this.own) return this.parentSignal
    if (!this.controller) {
      this.controller = new AbortController()
      if (this.parentSignal?.aborted) this.controller.abort(this.parentSignal.reason)
    }
    return this.controller.signal
  }

  ownSignal(): void {
    this.own = true
  }

  /** Aborts this attempt's own signal (after `ownSignal()`). */
  abort(reason: unknown): void {
    if (!this.own) return
    this.controller ??= new AbortController()
    this.controller.abort(reason)
  }

  markOutputStarted(): void {
    if (this.outputStarted) return
    this.outputStarted = true
    this.onOutputStarted?.()
  }
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason: string }

/** Full jitter: uniform in [0, min(maxDelayMs, baseDelayMs × 2^(attempt-1))). */
export function backoffDelay(attempt: number, options: RetryOptions): number {
  const cap = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1))
  return Math.floor(options.random() * cap)
}

export interface RetryState {
  /** Attempts made so far (1 after the first failure). */
  attempt: number
  now: number
  /** Absolute time (clock ms) after which the caller no longer wants an answer. */
  deadline?: number
  outputStarted: boolean
}

/** Whether to retry after `err`, and after how long. Pure: the tests call it directly. */
export function decideRetry(err: unknown, state: RetryState, options: RetryOptions): RetryDecision {
  const code = errorCode(err) ?? 'unknown error'
  if (state.outputStarted) return { retry: false, reason: 'output already reached the user' }
  if ((errorCode(err) && NEVER_RETRY_CODES.has(code as never)) || !options.isRetryable(err)) {
    return { retry: false, reason: `${code} cannot succeed on a retry` }
  }
  if (state.attempt >= options.maxAttempts) return { retry: false, reason: `gave up after ${state.attempt} attempts` }
  let delayMs = backoffDelay(state.attempt, options)
  const after = retryAfterMs(err)
  if (after !== undefined) {
    if (after > options.maxRetryAfterMs) return { retry: false, reason: `Retry-After of ${after} ms is too long` }
    delayMs = Math.max(delayMs, after)
  }
  if (state.deadline !== undefined && state.now + delayMs >= state.deadline) {
    return { retry: false, reason: `waiting ${delayMs} ms would pass the deadline` }
  }
  return { retry: true, delayMs }
}

export interface RetryRun {
  clock?: Clock
  signal?: AbortSignal
  deadline?: number
  traceId?: string
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void
  onGiveUp?: (info: { attempt: number; reason: string; error: unknown }) => void
}

/** Runs `operation` until it succeeds or `decideRetry` says stop; rethrows the last error. */
export function retry<T>(operation: (ctx: Attempt) => Promise<T>, options: RetryOptions, run: RetryRun = {}): Promise<T> {
  if (run.signal?.aborted) return Promise.reject(cancelledError())
  // The first attempt runs without an async frame of its own: the success path stays short.
  const first = new Attempt(1, run.signal, run.traceId)
  return operation(first).catch((err: unknown) => retryAfter(err, first, operation, options, run))
}

async function retryAfter<T>(err: unknown, ctx: Attempt, operation: (ctx: Attempt) => Promise<T>, options: RetryOptions, run: RetryRun): Promise<T> {
  const clock = run.clock ?? systemClock
  const signal = run.signal
  for (;;) {
    if (signal?.aborted) throw errorCode(err) === 'CANCELLED' ? err : cancelledError()
    const attempt = ctx.attempt
    const decision = decideRetry(err, { attempt, now: clock.now(), deadline: run.deadline, outputStarted: ctx.outputStarted }, options)
    if (!decision.retry) {
      run.onGiveUp?.({ attempt, reason: decision.reason, error: err })
      throw err
    }
    run.onRetry?.({ attempt, delayMs: decision.delayMs, error: err })
    await sleep(clock, decision.delayMs, signal)
    if (signal?.aborted) throw cancelledError()
    ctx = new Attempt(attempt + 1, signal, run.traceId)
    try {
      return await operation(ctx)
    } catch (next) {
      err = next
    }
  }
}
