/**
 * One request's abort wiring, shared by every adapter: the caller's AbortSignal, a stall watchdog
 * measured in bytes (the SDKs' own timeouts stop counting once the headers are in), and reads
 * that never wait on a fetch that will not settle.
 *
 * The fetch trap: Node 20's fetch leaves a read pending forever when the request is aborted after
 * the whole body has arrived but before it was read (the consumer is busy with an event, then
 * the user presses Stop). So every wait on the SDK also races the abort.
 */
import type { NexusError } from '../../../shared/errors'
import { cancelled, timedOut } from './errors'
import type { ProviderEndpoint } from './types'

export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>

/** `promise`, or a rejection with `onAbort()` as soon as `signal` aborts (see the fetch trap). */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined, onAbort: () => Error): Promise<T> {
  if (!signal) return promise
  let listener = (): void => undefined
  const aborted = new Promise<never>((_, reject) => {
    listener = () => reject(onAbort())
    if (signal.aborted) listener()
    else signal.addEventListener('abort', listener, { once: true })
  })
  // Racing also marks a later rejection of `promise` as handled.
  return Promise.race([promise, aborted]).finally(() => signal.removeEventListener('abort', listener))
}

export class StreamGuard {
  readonly endpoint: ProviderEndpoint
  private readonly controller = new AbortController()
  private stalled = false
  private timer?: NodeJS.Timeout
  private readonly onCallerAbort = (): void => this.controller.abort()

  /** `stallMs`: abort when no byte arrives for this long; undefined waits as long as it takes. */
  constructor(
    endpoint: ProviderEndpoint,
    private readonly caller: AbortSignal | undefined,
    private readonly stallMs: number | undefined
  ) {
    this.endpoint = endpoint
    caller?.addEventListener('abort', this.onCallerAbort, { once: true })
    if (caller?.aborted) this.controller.abort()
    this.resume()
  }

  /** Aborts on the caller's Stop, on a stall, and at dispose(). Give it to the SDK. */
  get signal(): AbortSignal {
    return this.controller.signal
  }

  /** Why the request stopped, when the caller or the watchdog stopped it. */
  outcome(): NexusError | undefined {
    if (this.caller?.aborted) return cancelled(this.endpoint)
    if (this.stalled) return timedOut(this.endpoint)
    return undefined
  }

  /** A byte arrived: the server is alive. */
  touch(): void {
    this.timer?.refresh()
  }

  /** While the consumer handles an event, silence is not the server's fault. */
  pause(): void {
    clearTimeout(this.timer)
    this.timer = undefined
  }

  resume(): void {
    if (this.stallMs === undefined || this.controller.signal.aborted) return
    this.timer ??= setTimeout(() => {
      this.stalled = true
      this.controller.abort()
    }, this.stallMs)
  }

  /**
   * A fetch for the SDK: it carries this guard's signal, and every chunk of a successful body
   * (SSE keep-alive comments too) pushes the stall deadline back. `check` may add a transform
   * that inspects the body on its way to the SDK.
   */
  fetch(check?: (response: Response) => TransformStream<Uint8Array, Uint8Array> | undefined): Fetch {
    return async (input, init) => {
      const signal = init?.signal ? AbortSignal.any([init.signal, this.signal]) : this.signal
      const response = await fetch(input, { ...init, signal })
      this.touch()
      if (!response.ok || !response.body) return response
      const touch = (): void => this.touch()
      let body = response.body.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, out) {
            touch()
            out.enqueue(chunk)
          }
        })
      )
      const checker = check?.(response)
      if (checker) body = body.pipeThrough(checker)
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers })
    }
  }

  /** `promise`, or the reason this request stopped as soon as it stops. */
  race<T>(promise: Promise<T>): Promise<T> {
    return raceAbort(promise, this.signal, () => this.outcome() ?? cancelled(this.endpoint))
  }

  /**
   * Iterates `source` until it ends, or throws the reason (CANCELLED, TIMEOUT) as soon as the
   * request stops, even with more items buffered. The watchdog sleeps while the consumer works
   * on an item: a slow consumer is not a stalled server.
   */
  async *iterate<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
    const iterator = source[Symbol.asyncIterator]()
    try {
      for (;;) {
        const step = await this.race(iterator.next())
        if (step.done) return
        if (this.signal.aborted) break
        this.pause()
        yield step.value
        this.resume()
      }
    } finally {
      // Let the SDK release its reader; never wait on it (it may be the read that hangs).
      void Promise.resolve(iterator.return?.()).catch(() => undefined)
    }
    throw this.outcome() ?? cancelled(this.endpoint)
  }

  dispose(): void {
    this.pause()
    this.caller?.removeEventListener('abort', this.onCallerAbort)
    // Closes the HTTP request if a consumer stopped reading before the end.
    this.controller.abort()
  }
}
