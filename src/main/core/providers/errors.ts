/**
 * One typed set of provider errors, whatever the SDK. Each message says what happened and what
 * the person can do about it. Adapters map their SDK's errors with `normalizeProviderError`.
 */
import { NexusError, type ErrorCode } from '../../../shared/errors'
import type { ProviderEndpoint } from './types'

export interface ProviderErrorDetails {
  provider: string
  status?: number
  /** Milliseconds to wait before retrying, from Retry-After (or the provider's own header). */
  retryAfterMs?: number
}

export function providerError(
  code: ErrorCode,
  message: string,
  details: ProviderErrorDetails
): NexusError {
  return new NexusError(code, message, details)
}

/** Parses Retry-After (seconds or an HTTP date) and retry-after-ms into milliseconds. */
export function retryAfterMs(headers: { get(name: string): string | null } | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined
  const ms = Number(headers.get('retry-after-ms'))
  if (headers.get('retry-after-ms') !== null && Number.isFinite(ms) && ms >= 0) return ms
  const value = headers.get('retry-after')
  if (value === null) return undefined
  const seconds = Number(value)
  if (value.trim() !== '' && Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

const CONTEXT_HINTS = /context.?length|context window|too many tokens|maximum context|prompt is too long|num_ctx|exceeds? the (model'?s )?(max|limit)/i

export interface HttpFailure {
  status?: number
  /** The provider's own error message, if any. */
  message?: string
  headers?: { get(name: string): string | null }
}

/** Maps an HTTP failure to the typed set, with a message a person can act on. */
export function fromHttpFailure(endpoint: ProviderEndpoint, failure: HttpFailure, model?: string): NexusError {
  const name = endpoint.name
  const status = failure.status
  const said = failure.message ? ` (${name} said: ${truncate(failure.message)})` : ''
  const details: ProviderErrorDetails = { provider: endpoint.id, status }
  if (status === 401 || status === 403) {
    return providerError('PROVIDER_AUTH', `${name} rejected the API key: check it in Settings > Providers${said}.`, details)
  }
  if (status === 429) {
    const wait = retryAfterMs(failure.headers)
    const when = wait === undefined ? 'Wait a moment' : `Retry in ${Math.ceil(wait / 1000)} s`
    return providerError('RATE_LIMITED', `${name} is rate limiting requests. ${when}, or add another key${said}.`, {
      ...details,
      retryAfterMs: wait
    })
  }
  if (status === 413 || (failure.message && CONTEXT_HINTS.test(failure.message))) {
    return providerError(
      'CONTEXT_TOO_LONG',
      `The conversation is too long for ${model ?? 'this model'} on ${name}: start a new chat or pick a model with a larger context${said}.`,
      details
    )
  }
  if (status === 404) {
    return providerError(
      'MODEL_NOT_FOUND',
      model
        ? `${name} has no model "${model}": pick one from the model list${said}.`
        : `${name} answered 404 at ${endpoint.baseUrl ?? 'its default address'}: check the base URL${said}.`,
      details
    )
  }
  if (status === 408 || status === 504) {
    return providerError('TIMEOUT', `${name} took too long to answer. Try again${said}.`, details)
  }
  if (status !== undefined && status >= 500) {
    return providerError('PROVIDER_SERVER', `${name} had a server error (${status}). Try again later${said}.`, details)
  }
  return providerError('PROVIDER_BAD_REQUEST', `${name} refused the request (${status ?? 'no status'})${said}.`, details)
}

export function cancelled(endpoint: ProviderEndpoint): NexusError {
  return providerError('CANCELLED', `The request to ${endpoint.name} was cancelled.`, { provider: endpoint.id })
}

export function timedOut(endpoint: ProviderEndpoint): NexusError {
  return providerError('TIMEOUT', `${endpoint.name} did not answer in time. Check that it is running, then try again.`, {
    provider: endpoint.id
  })
}

export function unreachable(endpoint: ProviderEndpoint, reason?: string): NexusError {
  const where = endpoint.baseUrl ?? 'its default address'
  const hint =
    endpoint.kind === 'ollama'
      ? 'Start Ollama, or set its address in Settings > Providers'
      : 'Check your connection and the base URL in Settings > Providers'
  return providerError('NETWORK', `Cannot reach ${endpoint.name} at ${where}. ${hint}${reason ? ` (${truncate(reason)})` : ''}.`, {
    provider: endpoint.id
  })
}

/** A response the SDK could not make sense of: invalid JSON, a cut stream, a wrong shape. */
export function garbled(endpoint: ProviderEndpoint, reason: string): NexusError {
  return providerError('PROVIDER_SERVER', `${endpoint.name} sent a response NEXUS cannot read (${truncate(reason)}). Try again; if it persists, check the base URL.`, {
    provider: endpoint.id
  })
}

/** An error the provider reported inside a stream, where there is no HTTP status (`status`: one its type implies). */
export function streamError(endpoint: ProviderEndpoint, said: string | undefined, model?: string, status?: number): NexusError {
  if (status !== undefined || (said !== undefined && CONTEXT_HINTS.test(said))) return fromHttpFailure(endpoint, { status, message: said }, model)
  const name = endpoint.name
  return providerError('PROVIDER_SERVER', `${name} stopped the answer with an error. Try again${said ? ` (${name} said: ${truncate(said)})` : ''}.`, {
    provider: endpoint.id
  })
}

/** The connection dropped mid-answer. The text that streamed before stays with the caller. */
export function connectionCut(endpoint: ProviderEndpoint): NexusError {
  return providerError('PROVIDER_SERVER', `The connection to ${endpoint.name} was cut before the answer finished; what arrived is kept. Try again.`, {
    provider: endpoint.id
  })
}

/** undici reports a socket closed mid-body as "TypeError: terminated" (the cause names the socket). */
export function isConnectionCut(err: unknown): boolean {
  return err instanceof TypeError && /terminated|socket|closed/i.test(`${err.message} ${String(err.cause)}`)
}

/** The stream ended cleanly, but before the provider said the answer was complete. */
export function endedEarly(endpoint: ProviderEndpoint): NexusError {
  return garbled(endpoint, 'the stream ended before the answer was complete')
}

function truncate(text: string, max = 200): string {
  const oneLine = text.replace(/\s+/g, ' ').trim()
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine
}
