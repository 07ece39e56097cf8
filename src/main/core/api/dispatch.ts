import { z } from 'zod'
import {
  MAX_REQUEST_BYTES,
  REQUEST_NAMES,
  isRequestName,
  requests,
  type ParsedInput,
  type RequestName,
  type RequestOutput,
  type Result
} from '../../../shared/contract'
import { NexusError, toSerializedError } from '../../../shared/errors'

export interface RequestContext {
  signal: AbortSignal
}

export type Handlers = {
  [N in RequestName]: (
    input: ParsedInput<N>,
    ctx: RequestContext
  ) => RequestOutput<N> | Promise<RequestOutput<N>>
}

export type Dispatch = (name: unknown, input: unknown, signal?: AbortSignal) => Promise<Result<unknown>>

function byteLength(input: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(input ?? null) ?? '')
  } catch {
    throw new NexusError('BAD_REQUEST', 'The request input is not plain JSON data.')
  }
}

/**
 * The single entry point every transport (IPC, WebSocket, CLI) goes through: checks the name,
 * the size and the input schema, runs the handler, and turns every failure into a typed error.
 * It never throws.
 */
export function createDispatch(handlers: Handlers): Dispatch {
  return async (name, input, signal = new AbortController().signal) => {
    try {
      if (!isRequestName(name)) {
        throw new NexusError(
          'UNKNOWN_REQUEST',
          `Unknown request ${JSON.stringify(name)}. Known requests: ${REQUEST_NAMES.join(', ')}.`
        )
      }
      const size = byteLength(input)
      if (size > MAX_REQUEST_BYTES) {
        throw new NexusError(
          'PAYLOAD_TOO_LARGE',
          `The input of "${name}" is ${size} bytes; the limit is ${MAX_REQUEST_BYTES} bytes.`
        )
      }
      const parsed = requests[name].input.safeParse(input)
      if (!parsed.success) {
        throw new NexusError(
          'BAD_REQUEST',
          `Invalid input for "${name}": ${z.prettifyError(parsed.error)}`,
          { issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) }
        )
      }
      if (signal.aborted) throw new NexusError('CANCELLED', `"${name}" was cancelled.`)
      const handler = handlers[name] as (input: unknown, ctx: RequestContext) => unknown
      const value = await raceAbort(Promise.resolve(handler(parsed.data, { signal })), signal, name)
      return { ok: true, value }
    } catch (err) {
      return { ok: false, error: toSerializedError(err) }
    }
  }
}

/** Settles with CANCELLED as soon as the signal fires, even if the handler ignores it. */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal, name: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new NexusError('CANCELLED', `"${name}" was cancelled.`))
    signal.addEventListener('abort', onAbort, { once: true })
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}
