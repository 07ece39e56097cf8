/** Every failure that crosses a boundary (IPC, WebSocket, CLI) is one of these codes. */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'UNKNOWN_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'CANCELLED',
  'NOT_FOUND',
  'UNAVAILABLE',
  'DATA_DIR_LOCKED',
  'DATABASE_CORRUPT',
  'DATABASE_TOO_NEW',
  // Provider failures, normalized across SDKs (src/main/core/providers/errors.ts).
  'PROVIDER_AUTH',
  'RATE_LIMITED',
  'CONTEXT_TOO_LONG',
  'TIMEOUT',
  'NETWORK',
  'PROVIDER_SERVER',
  'PROVIDER_BAD_REQUEST',
  'MODEL_NOT_FOUND',
  // Workflows: a graph that does not validate, user code that failed or hit a limit, a run owned by another process.
  'INVALID_WORKFLOW',
  'SANDBOX',
  'CONFLICT',
  'INTERNAL'
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface SerializedError {
  code: ErrorCode
  message: string
  details?: unknown
}

/** A typed error whose message is written for the person who will read it. */
export class NexusError extends Error {
  readonly code: ErrorCode
  readonly details?: unknown

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message)
    this.name = 'NexusError'
    this.code = code
    this.details = details
  }

  toJSON(): SerializedError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details }
  }

  static from(serialized: SerializedError): NexusError {
    return new NexusError(serialized.code, serialized.message, serialized.details)
  }
}

export function isNexusError(value: unknown): value is NexusError {
  return value instanceof NexusError
}

/** Turns anything thrown into a serializable error without leaking stack traces. */
export function toSerializedError(err: unknown): SerializedError {
  if (err instanceof NexusError) return err.toJSON()
  if (err instanceof Error && err.name === 'AbortError') {
    return { code: 'CANCELLED', message: 'The request was cancelled.' }
  }
  const message = err instanceof Error ? err.message : String(err)
  return { code: 'INTERNAL', message: `Unexpected error: ${message}` }
}
