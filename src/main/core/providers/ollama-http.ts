/**
 * The HTTP side of the Ollama family, shared by chat and model management: a per-request
 * `Ollama` client whose fetch carries the request's StreamGuard (caller's AbortSignal, stall
 * watchdog), and the mapping of the library's errors to the normalized set.
 *
 * Why a custom fetch: the library's only cancellation is `abort()` on a stream iterator or on
 * the whole client (every request at once), and its non-streaming calls take no signal at all.
 */
import { Ollama } from 'ollama'
import { NexusError } from '../../../shared/errors'
import { connectionCut, endedEarly, fromHttpFailure, garbled, isConnectionCut, streamError, timedOut, unreachable } from './errors'
import { StreamGuard } from './stream-guard'
import type { ProviderEndpoint } from './types'

export const DEFAULT_OLLAMA_URL = 'http://127.0.0.1:11434'

/** The endpoint with its address filled in, so messages name the address actually called. */
export function withAddress(endpoint: ProviderEndpoint): ProviderEndpoint {
  return endpoint.baseUrl ? endpoint : { ...endpoint, baseUrl: DEFAULT_OLLAMA_URL }
}

/** A line of an NDJSON stream that does not parse. */
class InvalidLine extends Error {}

/**
 * Passes bytes through unchanged, checking that each complete line is JSON. The library skips
 * bad lines with a console warning, which would silently drop part of an answer.
 */
function ndjsonCheck(response: Response): TransformStream<Uint8Array, Uint8Array> | undefined {
  // Streams only: the library reads plain JSON answers with response.json().
  if (response.headers.get('content-type')?.includes('application/json')) return undefined
  const decoder = new TextDecoder()
  let pending = ''
  const check = (text: string): void => {
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue
      try {
        JSON.parse(line)
      } catch {
        throw new InvalidLine('invalid NDJSON line')
      }
    }
  }
  return new TransformStream({
    transform(chunk, out) {
      pending += decoder.decode(chunk, { stream: true })
      const end = pending.lastIndexOf('\n')
      if (end >= 0) {
        check(pending.slice(0, end))
        pending = pending.slice(end + 1)
      }
      out.enqueue(chunk)
    },
    flush() {
      check(pending + decoder.decode())
    }
  })
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT'])

/** One request: its client, its abort wiring (StreamGuard), and how its failures read. */
export class OllamaRun extends StreamGuard {
  /** `stallMs`: abort when no byte arrives for this long; undefined waits as long as it takes. */
  constructor(endpoint: ProviderEndpoint, caller: AbortSignal | undefined, stallMs: number | undefined) {
    super(withAddress(endpoint), caller, stallMs)
  }

  client(): Ollama {
    const key = this.endpoint.apiKey
    // A key only matters behind an authenticating proxy or on ollama.com.
    return new Ollama({ host: this.endpoint.baseUrl, fetch: this.fetch(ndjsonCheck), ...(key ? { headers: { Authorization: `Bearer ${key}` } } : {}) })
  }

  /** Maps anything the library threw; `model` turns a 404 into MODEL_NOT_FOUND. */
  error(err: unknown, model?: string): NexusError {
    const ep = this.endpoint
    const ours = this.outcome()
    if (ours) return ours
    if (err instanceof NexusError) return err
    if (err instanceof InvalidLine) return garbled(ep, 'a line of the stream is not valid JSON')
    if (err instanceof SyntaxError) return garbled(ep, 'the answer is not valid JSON')
    const e = err as { name?: string; message?: string; status_code?: number; error?: string; cause?: { code?: string } }
    // The library's ResponseError: an HTTP error status with Ollama's {"error": "..."} text.
    if (e?.name === 'ResponseError') return fromHttpFailure(ep, { status: e.status_code, message: e.error }, model)
    if (err instanceof TypeError && e.message === 'fetch failed') {
      return e.cause?.code && TIMEOUT_CODES.has(e.cause.code) ? timedOut(ep) : unreachable(ep)
    }
    const said = this.saidInStream(err)
    if (said !== undefined) return streamError(ep, said, model)
    if (isConnectionCut(err)) return connectionCut(ep)
    // The library noticing the stream ended without done/success.
    return endedEarly(ep)
  }

  /** The text of an {"error": "..."} line inside a 200 stream (the library throws it as a plain Error). */
  saidInStream(err: unknown): string | undefined {
    if (this.outcome() || !(err instanceof Error) || err.constructor !== Error) return undefined
    return err.message === 'Did not receive done or success response in stream.' ? undefined : err.message
  }
}
