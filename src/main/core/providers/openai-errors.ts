/**
 * Maps whatever the `openai` SDK (or the fetch under it) throws to the normalized provider errors,
 * and scrubs API keys out of anything a server echoed back before it reaches a message.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai'
import { NexusError } from '../../../shared/errors'
import { cancelled, connectionCut, fromHttpFailure, garbled, isConnectionCut, streamError, timedOut, unreachable } from './errors'
import type { ProviderEndpoint } from './types'

/** Key-like tokens ("sk-...", "gsk_...") a server may echo back, even ones we never sent. */
const KEY_LIKE = /\b(?:sk|gsk|pk|rk)[-_][A-Za-z0-9_*.-]{8,}/g

/** Removes the endpoint's key, and anything shaped like a key, from text a server sent. */
export function scrub(text: string, apiKey?: string): string {
  const withoutKey = apiKey ? text.split(apiKey).join('[key]') : text
  return withoutKey.replace(KEY_LIKE, '[key]')
}

const MISSING_MODEL = /\bmodel\b.{0,120}\b(not found|does not exist|not exist)\b|\b(unknown|no such|invalid) model\b/i

/** Any failure from the SDK ⇒ one NexusError with a message naming the provider. Never throws. */
export function normalizeOpenAIError(endpoint: ProviderEndpoint, err: unknown, model?: string): NexusError {
  if (err instanceof NexusError) return err
  // Order matters: the abort/timeout/connection classes all extend APIError.
  if (err instanceof APIUserAbortError) return cancelled(endpoint)
  if (err instanceof APIConnectionTimeoutError) return timedOut(endpoint)
  if (err instanceof APIConnectionError) return unreachable(endpoint, connectionReason(err))
  if (err instanceof APIError) return fromApiError(endpoint, err, model)
  if (err instanceof Error && err.name === 'AbortError') return cancelled(endpoint)
  if (err instanceof SyntaxError) return garbled(endpoint, 'invalid JSON')
  if (isConnectionCut(err)) return connectionCut(endpoint)
  const message = err instanceof Error ? err.message : String(err)
  return garbled(endpoint, scrub(message, endpoint.apiKey))
}

function fromApiError(endpoint: ProviderEndpoint, err: APIError, model?: string): NexusError {
  const body = (err.error ?? undefined) as { message?: unknown; code?: unknown } | undefined
  const said = providerMessage(err, body)
  const message = said === undefined ? undefined : scrub(said, endpoint.apiKey)
  // An error event inside a stream has no HTTP status; some servers put one in `code`.
  const status = err.status ?? (typeof body?.code === 'number' ? body.code : undefined)
  if (status === undefined) return streamError(endpoint, message, model)
  const missingModel = err.code === 'model_not_found' || (message !== undefined && MISSING_MODEL.test(message))
  // Some compatible servers answer 400 for an unknown model; say what it is.
  if (missingModel && status !== 404) {
    const asMissing = fromHttpFailure(endpoint, { status: 404, message, headers: err.headers }, model)
    return new NexusError(asMissing.code, asMissing.message, { provider: endpoint.id, status })
  }
  // Any other 404 is a wrong path, so the message points at the base URL instead of the model.
  return fromHttpFailure(endpoint, { status, message, headers: err.headers }, status === 404 && !missingModel ? undefined : model)
}

function providerMessage(err: APIError, body: { message?: unknown } | undefined): string | undefined {
  if (typeof body?.message === 'string' && body.message) return body.message
  // Without a JSON error body the SDK puts "<status> <raw text>" in its message.
  const raw = err.message.replace(/^\d{3}\s*/, '')
  return raw && !/^status code \(no body\)$/.test(raw) ? raw : undefined
}

/** "connection refused" etc. from the fetch failure's cause chain. */
function connectionReason(err: APIConnectionError): string | undefined {
  let current: unknown = err.cause
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code
    if (code === 'ECONNREFUSED') return 'connection refused'
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found'
    if (typeof code === 'string' && code) return code
    current = current.cause
  }
  return undefined
}
