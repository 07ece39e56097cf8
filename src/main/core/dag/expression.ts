/**
 * JSONata expressions (CONDITION, LOOP items, API mapping, TRANSFORM in jsonata). JSONata has no
 * I/O, but a recursive function can run or nest forever: jsonata's own guardrails (timeout and
 * stack options) stop it, and an entry callback stops it when the run is cancelled.
 */
import jsonata from 'jsonata'
import { NexusError } from '../../../shared/errors'

export interface ExpressionOptions {
  /** Default 1 s. */
  timeoutMs?: number
}

const DEFAULT_TIMEOUT_MS = 1_000
/** Nested evaluations (jsonata's "stack"): deep enough for real expressions, far below Node's stack. */
const MAX_DEPTH = 5_000

interface JsonataError {
  code?: string
  position?: number
  token?: string
  message?: string
}

function where(err: JsonataError): string {
  if (typeof err.position !== 'number') return ''
  return err.token && err.token !== '(end)' ? ` at position ${err.position} (near "${err.token}")` : ` at position ${err.position}`
}

/** jsonata's message as a sentence. */
function said(err: unknown): string {
  const message = ((err as JsonataError).message ?? String(err)).trim()
  return /[.!?]$/.test(message) ? message : `${message}.`
}

function compile(expr: string, options?: jsonata.JsonataOptions): jsonata.Expression {
  try {
    return jsonata(expr, options)
  } catch (err) {
    const e = err as JsonataError
    throw new NexusError('BAD_REQUEST', `The JSONata expression is not valid${where(e)}: ${said(e)}`, { position: e.position ?? null })
  }
}

/** Why an expression does not parse, or null when it does (validation shows it on the node). */
export function expressionError(expr: string): string | null {
  try {
    compile(expr)
    return null
  } catch (err) {
    return (err as Error).message
  }
}

/** JSONata results as plain JSON: sequences become arrays, nothing becomes null; a function is refused. */
function toJson(value: unknown): unknown {
  if (value === undefined) return null
  const text = JSON.stringify(value, (_key, v: unknown) => {
    const lambda = v !== null && typeof v === 'object' && ('_jsonata_lambda' in v || '_jsonata_function' in v)
    if (typeof v === 'function' || lambda) {
      throw new NexusError('SANDBOX', 'The JSONata expression returned a function, not data: call it, e.g. $f(x).')
    }
    return v
  })
  return text === undefined ? null : (JSON.parse(text) as unknown)
}

/** Evaluates an expression over the data, stopped after the time limit or when the signal fires. */
export async function evaluateExpression(expr: string, data: unknown, signal?: AbortSignal, options: ExpressionOptions = {}): Promise<unknown> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const compiled = compile(expr, { timeout: timeoutMs, stack: MAX_DEPTH })
  const cancelled = new NexusError('CANCELLED', 'The expression was cancelled.')
  if (signal?.aborted) throw cancelled
  // The documented hook is keyed by this symbol; the typings only name string keys.
  compiled.assign(Symbol.for('jsonata.__evaluate_entry') as unknown as string, () => {
    if (signal?.aborted) throw cancelled
  })
  let result: unknown
  try {
    result = await compiled.evaluate(data)
  } catch (err) {
    if (err instanceof NexusError) throw err
    const e = err as JsonataError
    if (e.code === 'D1012') {
      throw new NexusError('SANDBOX', `The JSONata expression ran longer than ${timeoutMs} ms and was stopped: check for endless recursion.`)
    }
    if (e.code === 'D1011') {
      throw new NexusError('SANDBOX', 'The JSONata expression nested too deeply and was stopped: check for a recursion that never ends, or make it tail-recursive.')
    }
    throw new NexusError('SANDBOX', `The JSONata expression failed${where(e)}: ${said(e)}`, { position: e.position ?? null, code: e.code ?? null })
  }
  return toJson(result)
}
