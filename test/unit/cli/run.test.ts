import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { NexusClient, type Transport } from '../../../src/shared/client'
import { topicMatches, type RequestName } from '../../../src/shared/contract'
import { toSerializedError } from '../../../src/shared/errors'
import { parseInputs, runWorkflow, type RunIO } from '../../../src/cli/run'
import { tempDir } from '../../helpers/tmp'

type Handler = (input: Record<string, unknown>, emit: (topic: string, payload: unknown) => void) => unknown

/** A core stand-in speaking the contract's requests and events, recording every request. */
function fakeCore(handlers: Partial<Record<RequestName, Handler>>): { client: NexusClient; requests: [string, unknown][] } {
  const listeners = new Set<{ topic: string; listener: (topic: string, payload: unknown) => void }>()
  const emit = (topic: string, payload: unknown): void => {
    for (const l of [...listeners]) if (topicMatches(l.topic, topic)) l.listener(topic, payload)
  }
  const requests: [string, unknown][] = []
  const transport: Transport = {
    async request(name, input) {
      requests.push([name, input])
      try {
        const handler = handlers[name]
        if (!handler) throw new Error(`no handler for ${name}`)
        return { ok: true, value: await handler(input as Record<string, unknown>, emit) }
      } catch (err) {
        return { ok: false, error: toSerializedError(err) }
      }
    },
    cancel: () => {},
    subscribe(topic, listener) {
      const entry = { topic, listener }
      listeners.add(entry)
      return () => listeners.delete(entry)
    }
  }
  return { client: new NexusClient(transport), requests }
}

function io(interrupted: Promise<void> = new Promise(() => {})): RunIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = []
  const stderr: string[] = []
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), interrupted }
}

const node = (runId: string, nodeId: string, status: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  runId,
  workflowId: 'w',
  nodeId,
  status,
  attempt: 1,
  traceId: 't',
  at: '',
  durationMs: null,
  error: null,
  ...extra
})
const run = (id: string, status: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ id, workflowId: 'w', status, error: null, ...extra })

const FILE = {
  nodes: [
    { id: 'start', type: 'START' },
    { id: 'summarize', type: 'LLM' },
    { id: 'fetch', type: 'API' }
  ]
}

function workflowFile(): string {
  const file = path.join(tempDir(), 'flow.json')
  fs.writeFileSync(file, JSON.stringify(FILE))
  return file
}

describe('nexus run', () => {
  it('shows the run’s own node changes, including those before the start answered, then the stored output', async () => {
    const stored = { summary: 'short', words: 2 }
    const { client, requests } = fakeCore({
      'runs.startFile': (_input, emit) => {
        emit('workflow.node', node('r1', 'start', 'queued'))
        emit('workflow.node', node('r1', 'start', 'succeeded', { durationMs: 3 }))
        emit('workflow.node', node('other', 'start', 'succeeded', { durationMs: 1 }))
        setTimeout(() => {
          // No durationMs: the time between its running and succeeded events.
          emit('workflow.node', node('r1', 'summarize', 'running', { at: '2025-01-01T00:00:00.000Z' }))
          emit('workflow.log', { runId: 'r1', at: '', nodeId: 'summarize', level: 'warn', message: 'long prompt' })
          emit('workflow.node', node('r1', 'summarize', 'succeeded', { at: '2025-01-01T00:00:01.234Z' }))
          emit('workflow.run', run('other', 'failed'))
          emit('workflow.run', run('r1', 'succeeded'))
        }, 1)
        return run('r1', 'running')
      },
      'runs.get': () => run('r1', 'succeeded', { output: stored })
    })
    const out = io()
    const code = await runWorkflow(client, workflowFile(), { input: ['topic=cats'] }, out)
    expect(code).toBe(0)
    expect(out.stdout).toEqual([
      '✓ start (START) 3 ms',
      '… summarize (LLM) running',
      '  summarize: warn: long prompt',
      '✓ summarize (LLM) 1.2 s',
      JSON.stringify(stored, null, 2)
    ])
    expect(out.stderr).toEqual([])
    expect(requests[0]).toEqual(['runs.startFile', { file: FILE, inputs: { topic: 'cats' }, trigger: 'cli' }])
  })

  it('prints a string output as it is, or as JSON with --json (progress then goes to stderr)', async () => {
    const handlers = {
      'runs.startFile': (_i: unknown, emit: (t: string, p: unknown) => void) => {
        emit('workflow.node', node('r1', 'start', 'succeeded', { durationMs: 3 }))
        return run('r1', 'succeeded')
      },
      'runs.get': () => run('r1', 'succeeded', { output: 'Hello\nworld' })
    }
    const plain = io()
    expect(await runWorkflow(fakeCore(handlers).client, workflowFile(), { input: [] }, plain)).toBe(0)
    expect(plain.stdout.at(-1)).toBe('Hello\nworld')
    const json = io()
    expect(await runWorkflow(fakeCore(handlers).client, workflowFile(), { input: [], json: true }, json)).toBe(0)
    expect(json.stdout).toEqual(['"Hello\\nworld"'])
    expect(json.stderr).toEqual(['✓ start (START) 3 ms'])
  })

  it('exits 1 with the run’s error when it fails', async () => {
    const { client } = fakeCore({
      'runs.startFile': (_i, emit) => {
        setTimeout(() => {
          emit('workflow.node', node('r1', 'fetch', 'failed', { error: 'Could not reach example.invalid' }))
          emit('workflow.run', run('r1', 'failed'))
        }, 1)
        return run('r1', 'running')
      },
      'runs.get': () => run('r1', 'failed', { error: 'fetch: Could not reach example.invalid', output: null })
    })
    const out = io()
    expect(await runWorkflow(client, workflowFile(), { input: [] }, out)).toBe(1)
    expect(out.stdout).toEqual(['✗ fetch (API): Could not reach example.invalid'])
    expect(out.stderr).toEqual(['nexus: the run failed: fetch: Could not reach example.invalid'])
  })

  it('finds a saved workflow by name and starts it', async () => {
    const { client, requests } = fakeCore({
      'workflows.list': () => [
        { id: 'w1', name: 'Digest' },
        { id: 'w2', name: 'Other' }
      ],
      'workflows.get': () => ({ file: FILE }),
      'runs.start': (_i, emit) => {
        emit('workflow.node', node('r1', 'summarize', 'running'))
        return run('r1', 'succeeded')
      },
      'runs.get': () => run('r1', 'succeeded', { output: 1 })
    })
    const out = io()
    expect(await runWorkflow(client, 'digest', { input: ['n=2'] }, out)).toBe(0)
    expect(requests.find(([name]) => name === 'runs.start')).toEqual(['runs.start', { id: 'w1', inputs: { n: '2' } }])
    expect(out.stdout).toEqual(['… summarize (LLM) running', '1'])
  })

  it('refuses an ambiguous or unknown name', async () => {
    const { client } = fakeCore({
      'workflows.list': () => [
        { id: 'w1', name: 'Digest' },
        { id: 'w2', name: 'Digest' }
      ]
    })
    await expect(runWorkflow(client, 'Digest', { input: [] }, io())).rejects.toThrow('Several saved workflows are named "Digest" (ids w1, w2): pass the id.')
    await expect(runWorkflow(client, 'nope', { input: [] }, io())).rejects.toThrow(/"nope" is neither a workflow file nor the id or name of a saved workflow/)
    await expect(runWorkflow(client, 'missing/flow.json', { input: [] }, io())).rejects.toThrow('No such file: missing/flow.json')
  })

  it('cancels the run on Ctrl+C and exits 130', async () => {
    let interrupt: () => void = () => {}
    const { client, requests } = fakeCore({
      'runs.startFile': () => run('r1', 'running'),
      'runs.cancel': (_i, emit) => {
        emit('workflow.run', run('r1', 'cancelled'))
        return run('r1', 'cancelled')
      },
      'runs.get': () => run('r1', 'cancelled', { error: 'Cancelled.' })
    })
    const out = io(new Promise((resolve) => (interrupt = resolve)))
    const done = runWorkflow(client, workflowFile(), { input: [] }, out)
    // Pressed while the run is still starting: it is cancelled once it has an id.
    interrupt()
    expect(await done).toBe(130)
    expect(requests.map(([name]) => name)).toContain('runs.cancel')
    expect(out.stderr.at(-1)).toBe('nexus: the run was cancelled: Cancelled.')
  })
})

describe('--input', () => {
  it('keeps values as strings, reads key=@path, and refuses a pair without a key', () => {
    const file = path.join(tempDir(), 'body.txt')
    fs.writeFileSync(file, 'line 1\nline 2\n')
    expect(parseInputs(['a=1', 'b=x=y', `c=@${file}`, 'd='])).toEqual({ a: '1', b: 'x=y', c: 'line 1\nline 2\n', d: '' })
    expect(() => parseInputs(['=1'])).toThrow('--input "=1" is not key=value (or key=@file).')
    expect(() => parseInputs(['nokey'])).toThrow(/is not key=value/)
    expect(() => parseInputs(['x=@/no/such/file'])).toThrow(/--input x=@\/no\/such\/file: cannot read/)
  })
})
