/**
 * Stream plumbing for the OpenAI adapter: stall detection measured in bytes, and abort handling
 * that does not depend on the fetch implementation noticing the abort.
 */

export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>

/** Fires `onStall` after `ms` without a byte from the server (the SDK's timeout ends at headers). */
export class StallWatch {
  fired = false
  private timer?: NodeJS.Timeout

  constructor(
    private readonly ms: number,
    private readonly onStall: () => void
  ) {
    this.resume()
  }

  touch(): void {
    this.timer?.refresh()
  }

  /** While the consumer handles events, silence is not the server's fault. */
  pause(): void {
    clearTimeout(this.timer)
    this.timer = undefined
  }

  resume(): void {
    this.timer ??= setTimeout(() => {
      this.fired = true
      this.onStall()
    }, this.ms)
  }
}

/** A fetch that reports every body chunk, so SSE keep-alive comments also count as life. */
export function watchBytes(onBytes: () => void): Fetch {
  return async (input, init) => {
    const response = await fetch(input, init)
    onBytes()
    if (!response.ok || !response.body) return response
    const watched = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, out) {
          onBytes()
          out.enqueue(chunk)
        }
      })
    )
    return new Response(watched, { status: response.status, statusText: response.statusText, headers: response.headers })
  }
}

/**
 * Iterates `source` until it ends or `signal` aborts, whichever comes first. Node 20's fetch
 * leaves a read pending forever when the request is aborted after the whole body has arrived
 * but before it was read (a slow consumer, then Stop), so each read also races the abort.
 */
export async function* untilAborted<T>(source: AsyncIterable<T>, signal: AbortSignal): AsyncGenerator<T> {
  if (signal.aborted) return
  const iterator = source[Symbol.asyncIterator]()
  let onAbort = (): void => undefined
  const aborted = new Promise<'aborted'>((resolve) => {
    onAbort = () => resolve('aborted')
  })
  signal.addEventListener('abort', onAbort, { once: true })
  try {
    for (;;) {
      const step = await Promise.race([iterator.next(), aborted])
      if (step === 'aborted' || step.done) return
      yield step.value
    }
  } finally {
    signal.removeEventListener('abort', onAbort)
    // Let the SDK release its reader; never wait on it (it may be the read that hangs).
    void Promise.resolve(iterator.return?.()).catch(() => undefined)
  }
}

/** `promise`, or a rejection with `onAbort()` as soon as `signal` aborts (same fetch trap). */
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
