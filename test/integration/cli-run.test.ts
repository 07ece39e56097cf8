import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { WorkflowFileInput } from '../../src/shared/schemas/workflows'
import { tempDir } from '../helpers/tmp'

const BIN = path.resolve(__dirname, '../../bin/nexus.js')

interface Result {
  code: number | null
  stdout: string
  stderr: string
}

const children: ChildProcessWithoutNullStreams[] = []
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode !== null || child.signalCode !== null) continue
    child.kill('SIGTERM')
    await new Promise((resolve) => child.once('exit', resolve))
  }
})

function nexus(dataDir: string, args: string[], onStdout?: (all: string, child: ChildProcessWithoutNullStreams) => void): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, '--data-dir', dataDir, ...args], {
      env: { PATH: process.env.PATH, HOME: tempDir() },
      stdio: ['pipe', 'pipe', 'pipe']
    })
    children.push(child)
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => {
      stdout += String(d)
      onStdout?.(stdout, child)
    })
    child.stderr.on('data', (d) => (stderr += String(d)))
    child.stdin.end()
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** START (name, times) -> TRANSFORM (javascript) -> END. */
function greeter(code: string): WorkflowFileInput {
  return {
    format: 'nexus.workflow',
    version: 1,
    name: 'Greeter',
    nodes: [
      {
        id: 'start',
        type: 'START',
        config: { inputs: [{ name: 'name', type: 'string' }, { name: 'times', type: 'number' }] }
      },
      { id: 'shape', type: 'TRANSFORM', config: { language: 'javascript', code } },
      { id: 'finish', type: 'END', config: {} }
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'shape' },
      { id: 'e2', source: 'shape', target: 'finish' }
    ]
  }
}

const GREET = "return { greeting: 'Hello, ' + input.input.name, twice: input.input.times * 2 }"
const EXPECTED = { greeting: 'Hello, Ada', twice: 6 }

function writeJson(value: unknown): string {
  const file = path.join(tempDir(), 'workflow.json')
  fs.writeFileSync(file, JSON.stringify(value, null, 2))
  return file
}

/** The input `name` comes from a file, to exercise key=@path. */
function nameFile(): string {
  const file = path.join(tempDir(), 'name.txt')
  fs.writeFileSync(file, 'Ada')
  return file
}

function expectSucceeded(result: Result): void {
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  const lines = result.stdout.split('\n')
  const at = (pattern: RegExp): number => lines.findIndex((l) => pattern.test(l))
  const started = at(/^✓ start \(START\) [\d.]+ m?s$/)
  const running = at(/^… shape \(TRANSFORM\) running$/)
  const shaped = at(/^✓ shape \(TRANSFORM\) [\d.]+ m?s$/)
  const finished = at(/^✓ finish \(END\) [\d.]+ m?s$/)
  expect([started, running, shaped, finished].every((i) => i >= 0)).toBe(true)
  expect(started).toBeLessThan(running)
  expect(running).toBeLessThan(shaped)
  expect(shaped).toBeLessThan(finished)
  expect(result.stdout.endsWith(`${JSON.stringify(EXPECTED, null, 2)}\n`)).toBe(true)
}

/** Starts `nexus serve` on the data dir; the afterEach hook stops it. */
function serve(dataDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    void nexus(dataDir, ['serve', '--port', '0'], (out) => {
      if (/NEXUS is running at http/.test(out)) resolve()
    }).then((r) => reject(new Error(`the host exited with ${r.code}: ${r.stderr}`)))
  })
}

describe('nexus run with its own core', { timeout: 60_000 }, () => {
  it('prints node progress and the output, exiting 0', async () => {
    const result = await nexus(tempDir(), ['run', writeJson(greeter(GREET)), '--input', `name=@${nameFile()}`, '--input', 'times=3'])
    expectSucceeded(result)
  })

  it('prints only the output with --json', async () => {
    const result = await nexus(tempDir(), ['run', writeJson(greeter(GREET)), '--input', 'name=Ada', '--input', 'times=3', '--json'])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual(EXPECTED)
    expect(result.stderr).toMatch(/^✓ shape \(TRANSFORM\)/m)
  })

  it('exits 1 with the error on stderr when a node fails', async () => {
    const result = await nexus(tempDir(), ['run', writeJson(greeter("throw new Error('no greeting today')")), '--input', 'name=Ada', '--input', 'times=1'])
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/^✗ shape \(TRANSFORM\): .*no greeting today/m)
    expect(result.stdout).not.toMatch(/finish \(END\) [\d.]/)
    expect(result.stderr).toMatch(/the run failed: .*no greeting today/)
  })

  it('explains bad arguments', async () => {
    const dir = tempDir()
    const pair = await nexus(dir, ['run', writeJson(greeter(GREET)), '--input', 'name'])
    expect(pair.code).toBe(1)
    expect(pair.stderr).toMatch(/--input "name" is not key=value/)
    const missing = await nexus(dir, ['run', 'No such workflow'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/"No such workflow" is neither a workflow file nor the id or name of a saved workflow .*\[NOT_FOUND\]/)
  })

  it('cancels the run on Ctrl+C', async () => {
    const file: WorkflowFileInput = {
      ...greeter(GREET),
      nodes: [
        { id: 'start', type: 'START', config: {} },
        { id: 'wait', type: 'DELAY', config: { ms: 600_000 } },
        { id: 'finish', type: 'END', config: {} }
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'wait' },
        { id: 'e2', source: 'wait', target: 'finish' }
      ]
    }
    let interrupted = false
    const result = await nexus(tempDir(), ['run', writeJson(file)], (out, child) => {
      if (!interrupted && /^… wait \(DELAY\) running$/m.test(out)) {
        interrupted = true
        child.kill('SIGINT')
      }
    })
    expect(result.code).toBe(130)
    expect(result.stderr).toMatch(/the run was cancelled/)
  })
})

describe('nexus run against a running host', { timeout: 90_000 }, () => {
  it('runs a file and a saved workflow through the host', async () => {
    const dir = tempDir()
    await serve(dir)
    expectSucceeded(await nexus(dir, ['run', writeJson(greeter(GREET)), '--input', `name=@${nameFile()}`, '--input', 'times=3']))

    const saved = await nexus(dir, ['call', 'workflows.save', '--json', JSON.stringify({ file: greeter(GREET) })])
    expect(saved.code).toBe(0)
    expectSucceeded(await nexus(dir, ['run', 'Greeter', '--input', 'name=Ada', '--input', 'times=3']))

    const failed = await nexus(dir, ['run', writeJson(greeter("throw new Error('no greeting today')")), '--input', 'name=Ada', '--input', 'times=1'])
    expect(failed.code).toBe(1)
    expect(failed.stderr).toMatch(/the run failed: .*no greeting today/)
  })
})
