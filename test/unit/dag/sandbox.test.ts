/**
 * The JavaScript sandbox (QuickJS in WebAssembly): no way out to the host, limits that stop
 * runaway code with a message a person can act on, and JSON in, JSON out.
 */
import { describe, expect, it } from 'vitest'
import { runJavaScript, type SandboxOptions } from '../../../src/main/core/dag/sandbox'

const LIMITS: SandboxOptions = { timeoutMs: 1_000, memoryMb: 32 }

function run(code: string, input: unknown = {}, options: Partial<SandboxOptions> = {}, signal?: AbortSignal): Promise<unknown> {
  return runJavaScript(code, input, { ...LIMITS, ...options }, signal)
}

describe('runJavaScript', () => {
  it('runs a function body over a copy of its input and returns JSON data', async () => {
    const input = { items: [1, 2, 3], name: 'ada' }
    const out = await run('input.items.push(4); return { total: input.items.reduce((a, b) => a + b, 0), upper: input.name.toUpperCase() }', input)
    expect(out).toEqual({ total: 10, upper: 'ADA' })
    expect(input.items).toEqual([1, 2, 3])
    expect(await run('return input * 2', 21)).toBe(42)
    expect(await run('const x = 1')).toBeNull()
    expect(await run('return [undefined, () => 1, new Date(0)]')).toEqual([null, null, '1970-01-01T00:00:00.000Z'])
  })

  it('has no require, process, fetch, timers or file system, and cannot reach the host through globalThis', async () => {
    const probe = `return {
      require: typeof require, process: typeof process, fetch: typeof fetch, setTimeout: typeof setTimeout,
      setInterval: typeof setInterval, XMLHttpRequest: typeof XMLHttpRequest, WebSocket: typeof WebSocket,
      std: typeof std, os: typeof os, Deno: typeof Deno, Bun: typeof Bun, module: typeof module,
      globals: Object.getOwnPropertyNames(globalThis).filter((n) => /^[a-z]/.test(n)).sort()
    }`
    const seen = (await run(probe)) as Record<string, unknown>
    for (const name of ['require', 'process', 'fetch', 'setTimeout', 'setInterval', 'XMLHttpRequest', 'WebSocket', 'std', 'os', 'Deno', 'Bun', 'module']) {
      expect(seen[name], name).toBe('undefined')
    }
    // Only ECMAScript's lower-case globals (and our console): nothing that does I/O.
    expect(seen.globals).toEqual(expect.arrayContaining(['console', 'globalThis']))
    for (const name of seen.globals as string[]) expect(['console', 'globalThis', 'decodeURI', 'decodeURIComponent', 'encodeURI', 'encodeURIComponent', 'escape', 'eval', 'isFinite', 'isNaN', 'parseFloat', 'parseInt', 'undefined', 'unescape']).toContain(name)

    await expect(run("return require('fs').readFileSync('/etc/passwd', 'utf8')")).rejects.toMatchObject({
      code: 'SANDBOX',
      message: expect.stringMatching(/^The transform threw: ReferenceError: .*require.* \(line 1\)$/)
    })
    await expect(run('return process.env')).rejects.toMatchObject({ code: 'SANDBOX', message: expect.stringContaining('process') })
    await expect(run("return fetch('http://127.0.0.1:9/')")).rejects.toMatchObject({ code: 'SANDBOX', message: expect.stringContaining('fetch') })
    // Escapes that work in node:vm do not work here: the constructor chain stays inside QuickJS.
    expect(await run("return this.constructor.constructor('return typeof process')()")).toBe('undefined')
    expect(await run("return (function () { return typeof this.process })()")).toBe('undefined')
    await expect(run("return import('fs')")).rejects.toMatchObject({ code: 'SANDBOX' })
  })

  it('stops an infinite loop at its time limit', async () => {
    const started = Date.now()
    await expect(run('while (true) {}', {}, { timeoutMs: 200 })).rejects.toMatchObject({
      code: 'SANDBOX',
      message: 'The transform ran longer than 200 ms and was stopped.'
    })
    expect(Date.now() - started).toBeLessThan(5_000)
    // The next call gets a fresh runtime.
    expect(await run('return 1 + 1')).toBe(2)
  })

  it('stops a memory bomb at its memory limit', async () => {
    await expect(run('const a = []; while (true) a.push({ n: a.length, s: "x".repeat(64) + a.length })', {}, { memoryMb: 16, timeoutMs: 10_000 })).rejects.toMatchObject({
      code: 'SANDBOX',
      message: 'The transform used more than 16 MB of memory and was stopped.'
    })
    await expect(run('return new Array(1e8).fill(1).length', {}, { memoryMb: 8, timeoutMs: 10_000 })).rejects.toMatchObject({
      message: 'The transform used more than 8 MB of memory and was stopped.'
    })
    expect(await run('return "ok"')).toBe('ok')
  })

  it('stops endless recursion, however deep it goes on the host', async () => {
    await expect(run('function f(n) { return f(n + 1) + 1 }\nreturn f(0)')).rejects.toMatchObject({
      code: 'SANDBOX',
      message: expect.stringContaining('nested too deeply')
    })
    // Natives that recurse (JSON.stringify of a deep object) overflow the host stack instead.
    await expect(run('let o = {}; const root = o; for (let i = 0; i < 200000; i++) { o.a = {}; o = o.a }\nreturn root')).rejects.toMatchObject({
      code: 'SANDBOX',
      message: expect.stringContaining('nested too deeply')
    })
    expect(await run('return input.n', { n: 5 })).toBe(5)
  })

  it('reports a throw with its message and line, and a syntax error', async () => {
    await expect(run('const a = 1\nconst b = null\nreturn b.x')).rejects.toMatchObject({
      code: 'SANDBOX',
      message: expect.stringMatching(/^The transform threw: TypeError: .*'x'.* \(line 3\)$/)
    })
    await expect(run('\n\nthrow new Error("no price for " + input.sku)', { sku: 'A-1' })).rejects.toMatchObject({
      message: 'The transform threw: Error: no price for A-1 (line 3)'
    })
    await expect(run('throw "plain text"')).rejects.toMatchObject({ message: 'The transform threw: plain text' })
    await expect(run('return {', {}, { label: 'The tool weather' })).rejects.toMatchObject({
      code: 'SANDBOX',
      message: expect.stringMatching(/^The tool weather has a syntax error: SyntaxError: .*\(line \d\)$/)
    })
  })

  it('refuses results that are not JSON data', async () => {
    await expect(run('return () => 1')).rejects.toMatchObject({ message: expect.stringContaining('returned a value that is not JSON data: TypeError: the code returned a function') })
    await expect(run('return 10n')).rejects.toMatchObject({ message: expect.stringContaining('bigint') })
    await expect(run('return Promise.resolve(1)')).rejects.toMatchObject({ message: expect.stringContaining('Promise') })
    await expect(run('const a = {}; a.self = a; return a')).rejects.toMatchObject({ message: expect.stringMatching(/not JSON data: TypeError: .*circular/) })
    await expect(runJavaScript('return 1', { n: 1n }, LIMITS)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('not JSON data') })
  })

  it('sends console output to the log, bounded', async () => {
    const lines: string[] = []
    const log = (level: string, message: string): void => void lines.push(`${level} ${message}`)
    await run('console.log("n =", input.n, { a: [1] }); console.warn("careful"); console.error(new Error("x").message); return null', { n: 3 }, { log })
    expect(lines).toEqual(['info n = 3 {"a":[1]}', 'warn careful', 'error x'])
    lines.length = 0
    // Values JSON cannot write are logged as text, never turned into a failure.
    expect(await run('const c = {}; c.c = c; console.log(c, 10n); return 1', {}, { log })).toBe(1)
    expect(lines).toEqual(['info [object Object] 10'])
    lines.length = 0
    await run('for (let i = 0; i < 1000; i++) console.log(i)', {}, { log })
    expect(lines).toHaveLength(201)
    expect(lines.at(-1)).toMatch(/^warn More than 200 lines/)
    expect(await run('console.log("nobody listens"); return 1')).toBe(1)
  })

  it('is stopped by its abort signal, before or while it runs', async () => {
    const before = new AbortController()
    before.abort()
    await expect(run('return 1', {}, {}, before.signal)).rejects.toMatchObject({ code: 'CANCELLED', message: 'The transform was cancelled.' })

    // The code runs on this thread; an abort made while it runs (here from its own console
    // output) stops it at QuickJS's next interrupt check, long before the deadline.
    const during = new AbortController()
    const started = Date.now()
    await expect(run('console.log("go"); while (true) {}', {}, { timeoutMs: 20_000, log: () => during.abort() }, during.signal)).rejects.toMatchObject({
      code: 'CANCELLED'
    })
    expect(Date.now() - started).toBeLessThan(10_000)
  })
})
