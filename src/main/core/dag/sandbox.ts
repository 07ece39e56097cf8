/**
 * User JavaScript (TRANSFORM nodes, javascript tools) in QuickJS compiled to WebAssembly: a
 * separate heap with only the ECMAScript built-ins, so there is no require, process, fetch,
 * file system or timer to reach. Each call gets a fresh runtime with a memory cap, a stack cap
 * and a deadline, and sees its input as a JSON copy.
 *
 * The sync build runs on the calling thread: a call blocks it for at most its time limit, and a
 * cancel is noticed when QuickJS polls its interrupt handler (or before the call starts).
 */
import variant from '@jitl/quickjs-wasmfile-release-sync'
import {
  newQuickJSWASMModuleFromVariant,
  Scope,
  shouldInterruptAfterDeadline,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSWASMModule,
  type VmCallResult
} from 'quickjs-emscripten-core'
import { NexusError } from '../../../shared/errors'

export interface SandboxLimits {
  timeoutMs: number
  memoryMb: number
}

export interface SandboxOptions extends SandboxLimits {
  /** Receives console.log/info/debug (info), console.warn and console.error from inside. */
  log?: (level: 'info' | 'warn' | 'error', message: string) => void
  /** How messages name the code: "The transform" (default), "The tool weather"... */
  label?: string
}

/** Where the user's code is compiled from, as stack traces name it. */
const FILE = 'transform.js'
/**
 * QuickJS's own stack check (about 1,000 nested calls). Its frames also use the host's stack,
 * and a higher cap lets deep recursion overflow Node's stack before QuickJS notices.
 */
const MAX_STACK_BYTES = 256 * 1024
const MAX_LOG_LINES = 200
const MAX_LOG_CHARS = 2_000

let modulePromise: Promise<QuickJSWASMModule> | null = null

/** The WebAssembly module is compiled once; runtimes made from it share nothing. */
function quickjs(): Promise<QuickJSWASMModule> {
  modulePromise ??= newQuickJSWASMModuleFromVariant(variant).catch((err: unknown) => {
    modulePromise = null
    throw err
  })
  return modulePromise
}

type Stage = 'compile' | 'input' | 'run' | 'result'
type Stop = 'deadline' | 'cancelled' | null

interface GuestError {
  name?: string
  message?: string
  stack?: string
  lineNumber?: number
}

/** Thrown inside execute() with the guest's error, turned into a message once we know why it stopped. */
class GuestFailure {
  constructor(
    readonly stage: Stage,
    readonly value: unknown
  ) {}
}

function lineOf(error: GuestError): number | null {
  if (typeof error.lineNumber === 'number') return error.lineNumber
  const match = typeof error.stack === 'string' ? /transform\.js:(\d+)/.exec(error.stack) : null
  return match ? Number(match[1]) : null
}

/** A guest value as text (strings as they are, else JSON); never throws, so reporting cannot fail. */
function asText(value: unknown): string {
  if (typeof value === 'string') return value
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

function describeThrown(value: unknown): string {
  if (value !== null && typeof value === 'object' && 'message' in value) {
    const error = value as GuestError
    const line = lineOf(error)
    return `${error.name ?? 'Error'}: ${String(error.message)}${line === null ? '' : ` (line ${line})`}`
  }
  return asText(value)
}

function isGuestError(value: unknown, name: string, message: string): boolean {
  return value !== null && typeof value === 'object' && (value as GuestError).name === name && (value as GuestError).message === message
}

function toNexusError(failure: GuestFailure, stop: Stop, options: SandboxOptions, label: string): NexusError {
  const { stage, value } = failure
  if (stop === 'cancelled') return new NexusError('CANCELLED', `${label} was cancelled.`)
  if (stop === 'deadline' || isGuestError(value, 'InternalError', 'interrupted')) {
    return new NexusError('SANDBOX', `${label} ran longer than ${options.timeoutMs} ms and was stopped.`)
  }
  if (isGuestError(value, 'InternalError', 'out of memory')) {
    return new NexusError('SANDBOX', `${label} used more than ${options.memoryMb} MB of memory and was stopped.`)
  }
  if (isGuestError(value, 'InternalError', 'stack overflow')) return tooDeep(label)
  const what = describeThrown(value)
  switch (stage) {
    case 'compile':
      return new NexusError('SANDBOX', `${label} has a syntax error: ${what}`)
    case 'input':
      return new NexusError('SANDBOX', `${label} could not receive its input: ${what}`)
    case 'run':
      return new NexusError('SANDBOX', `${label} threw: ${what}`)
    case 'result':
      return new NexusError('SANDBOX', `${label} returned a value that is not JSON data: ${what}`)
  }
}

function tooDeep(label: string): NexusError {
  return new NexusError('SANDBOX', `${label} nested too deeply (stack overflow) and was stopped: check for a recursion that never ends.`)
}

/** The guest error of a failed call, read and released; a value the guest cannot even dump counts as out of memory. */
function unwrap(context: QuickJSContext, result: VmCallResult<QuickJSHandle>, stage: Stage): QuickJSHandle {
  if (!result.error) return result.value
  let value: unknown
  try {
    value = context.dump(result.error)
  } catch {
    value = { name: 'InternalError', message: 'out of memory' }
  } finally {
    result.error.dispose()
  }
  throw new GuestFailure(stage, value)
}

/** A console whose output goes to the caller's log, a bounded number of lines. */
function installConsole(context: QuickJSContext, scope: Scope, log: SandboxOptions['log']): void {
  const target = scope.manage(context.newObject())
  let lines = 0
  const levels = { log: 'info', info: 'info', debug: 'info', warn: 'warn', error: 'error' } as const
  for (const [method, level] of Object.entries(levels)) {
    const fn = scope.manage(
      context.newFunction(method, (...args) => {
        lines++
        if (!log || lines > MAX_LOG_LINES + 1) return
        if (lines > MAX_LOG_LINES) return log('warn', `More than ${MAX_LOG_LINES} lines of console output: the rest is dropped.`)
        const text = args.map((arg) => asText(context.dump(arg))).join(' ')
        log(level, text.length > MAX_LOG_CHARS ? `${text.slice(0, MAX_LOG_CHARS)}…` : text)
      })
    )
    context.setProp(target, method, fn)
  }
  context.setProp(context.global, 'console', target)
}

/** Compiles and calls the user's function body with the input; returns the result's JSON text. */
function execute(context: QuickJSContext, code: string, inputJson: string, options: SandboxOptions): string {
  return Scope.withScope((scope) => {
    installConsole(context, scope, options.log)
    const json = scope.manage(context.getProp(context.global, 'JSON'))
    // Taken before the user's code runs, so replacing JSON.parse/stringify inside changes nothing here.
    const parse = scope.manage(context.getProp(json, 'parse'))
    const stringify = scope.manage(context.getProp(json, 'stringify'))
    // On the first line, so the user's line numbers are the file's.
    const fn = scope.manage(unwrap(context, context.evalCode(`(function (input) {${code}\n})`, FILE), 'compile'))
    const text = scope.manage(context.newString(inputJson))
    const input = scope.manage(unwrap(context, context.callFunction(parse, json, text), 'input'))
    const result = scope.manage(unwrap(context, context.callFunction(fn, context.undefined, input), 'run'))
    const type = context.typeof(result)
    if (type === 'function' || type === 'symbol' || type === 'bigint') {
      throw new GuestFailure('result', { name: 'TypeError', message: `the code returned a ${type}` })
    }
    const state = context.getPromiseState(result)
    if (state.type !== 'fulfilled' || !state.notAPromise) {
      if (state.type === 'fulfilled') state.value.dispose()
      if (state.type === 'rejected') state.error.dispose()
      throw new GuestFailure('result', { name: 'TypeError', message: 'the code returned a Promise; return the value itself (nothing in the sandbox is asynchronous)' })
    }
    const out = scope.manage(unwrap(context, context.callFunction(stringify, json, result), 'result'))
    // undefined (and values JSON.stringify skips) become null.
    return context.typeof(out) === 'string' ? context.getString(out) : 'null'
  })
}

function inputText(input: unknown, label: string): string {
  try {
    return JSON.stringify(input ?? null) ?? 'null'
  } catch (err) {
    throw new NexusError('BAD_REQUEST', `${label} cannot receive its input: it is not JSON data (${(err as Error).message}).`)
  }
}

/**
 * Runs `code`, the body of a function receiving `input`, and returns what it returns (as JSON
 * data; undefined becomes null). Failures are NexusErrors written for the person who wrote the code.
 */
export async function runJavaScript(code: string, input: unknown, options: SandboxOptions, signal?: AbortSignal): Promise<unknown> {
  const label = options.label ?? 'The transform'
  const cancelled = (): NexusError => new NexusError('CANCELLED', `${label} was cancelled.`)
  if (signal?.aborted) throw cancelled()
  const inputJson = inputText(input, label)
  const module = await quickjs()
  if (signal?.aborted) throw cancelled()

  const runtime = module.newRuntime()
  let context: QuickJSContext | null = null
  let stop: Stop = null
  let healthy = true
  try {
    runtime.setMemoryLimit(options.memoryMb * 1024 * 1024)
    runtime.setMaxStackSize(MAX_STACK_BYTES)
    const late = shouldInterruptAfterDeadline(Date.now() + options.timeoutMs)
    runtime.setInterruptHandler((rt) => {
      stop ??= signal?.aborted ? 'cancelled' : late(rt) ? 'deadline' : null
      return stop !== null
    })
    context = runtime.newContext()
    return JSON.parse(execute(context, code, inputJson, options)) as unknown
  } catch (err) {
    if (err instanceof GuestFailure) throw toNexusError(err, stop, options, label)
    // The host failed inside WebAssembly (typically Node's own stack overflowing under deep
    // recursion): the module's memory is in an unknown state, so it is dropped, not reused.
    healthy = false
    modulePromise = null
    if (err instanceof RangeError) throw tooDeep(label)
    throw new NexusError('INTERNAL', `The JavaScript sandbox failed: ${err instanceof Error ? err.message : String(err)}`)
  } finally {
    if (healthy) {
      context?.dispose()
      runtime.dispose()
    }
  }
}
