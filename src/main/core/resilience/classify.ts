/** Which provider failures say "the provider is unwell" and which can succeed on a retry. */
import { isNexusError, type ErrorCode } from '../../../shared/errors'

/** Failures that count against a circuit breaker. A bad key or a bad request does not. */
export const TRIPPING_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['NETWORK', 'TIMEOUT', 'PROVIDER_SERVER', 'RATE_LIMITED'])

/** Failures that cannot succeed on a retry, whatever else is configured. */
export const NEVER_RETRY_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'PROVIDER_AUTH',
  'PROVIDER_BAD_REQUEST',
  'CONTEXT_TOO_LONG',
  'MODEL_NOT_FOUND',
  'CANCELLED'
])

export function errorCode(err: unknown): ErrorCode | undefined {
  return isNexusError(err) ? err.code : undefined
}

/** True when the error says the provider is unwell (it counts towards opening the breaker). */
export function isTripping(err: unknown): boolean {
  const code = errorCode(err)
  return code !== undefined && TRIPPING_CODES.has(code)
}

/** True when another attempt may succeed: transient provider failures only. */
export function isRetryable(err: unknown): boolean {
  const code = errorCode(err)
  return code !== undefined && !NEVER_RETRY_CODES.has(code) && TRIPPING_CODES.has(code)
}

/** The provider's Retry-After in ms, from a RATE_LIMITED error's details.retryAfterMs. */
export function retryAfterMs(err: unknown): number | undefined {
  if (!isNexusError(err) || err.code !== 'RATE_LIMITED') return undefined
  const value = (err.details as { retryAfterMs?: unknown } | undefined)?.retryAfterMs
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined
}
