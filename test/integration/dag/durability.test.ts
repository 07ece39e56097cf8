/**
 * Durable runs across processes: a host killed with SIGKILL in the middle of a run leaves it
 * 'running'; the next host resumes it from its last completed node (the fake provider's request
 * log proves no completed node ran again), and a second process never steals a live run.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { WorkflowFileInput } from '../../../src/shared/schemas/workflows'
import { createCore } from '../../../src/main/core'
import { startOpenAIFixture, type OpenAIFixture } from '../../fixtures/providers/openai-server'
import { connectApi } from '../../e2e/support/api'
import { startHost, type RunningHost } from '../../e2e/support/host'

const KEY = 'sk-durable-test-0123456789abcdef'
const hosts: RunningHost[] = []
let fake: OpenAIFixture | undefined
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.stop()
  await fake?.close()
})

const WORKFLOW: WorkflowFileInput = {
  format: 'nexus.workflow',
  version: 1,
  name: 'Two steps',
  nodes: [
    { id: 'start', type: 'START', config: {} },
    { id: 'first', type: 'LLM', config: { model: 'openai/gpt-4o-mini', prompt: 'FIRST step' } },
    { id: 'second', type: 'LLM', config: { model: 'openai/gpt-4o-mini', prompt: 'SECOND step after {{first}}' } },
    { id: 'end', type: 'END', config: { output: '{{second}}' } }
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'first' },
    { id: 'e2', source: 'first', target: 'second' },
    { id: 'e3', source: 'second', target: 'end' }
  ]
}

const promptsSeen = (f: OpenAIFixture, marker: string): number =>
  f.chatRequests().filter((r) => JSON.stringify((r.body as { messages: unknown }).messages).includes(marker)).length

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const v = await read()
    if (ok(v)) return v
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`timed out waiting for ${what}`)
}

describe('durable workflow runs', () => {
  it('resumes a run after SIGKILL from its last completed node, never running a completed node again', async () => {
    fake = await startOpenAIFixture({ apiKey: KEY })
    const env = { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.baseUrl }
    // The first answer is quick; the second streams slowly, so the kill lands in the middle of it.
    fake.use({ text: 'alpha', deltaChars: 5 })
    const slow = { text: 'one two three four five six seven eight nine ten', deltaChars: 1, delayMs: 200 }
    fake.respond((body) => (JSON.stringify(body).includes('SECOND step') ? slow : null))
    const first = await startHost({ env })
    hosts.push(first)
    const api = connectApi(first)
    const saved = await api.client.call('workflows.save', { file: WORKFLOW })
    const run = await api.client.call('runs.start', { id: saved.id, inputs: {} })
    await until(() => api.client.call('runs.get', { runId: run.id }), (r) => r.nodes.find((n) => n.nodeId === 'first')?.status === 'succeeded', 'the first node')
    await until(async () => promptsSeen(fake!, 'SECOND step'), (n) => n === 1, 'the second request')
    api.close()
    await first.kill()

    fake.respond(null)
    fake.use({ text: 'omega', deltaChars: 5 })
    const second = await startHost({ dataDir: first.dataDir, env })
    hosts.push(second)
    const api2 = connectApi(second)
    const done = await until(() => api2.client.call('runs.get', { runId: run.id }), (r) => r.status !== 'running', 'the resumed run')
    api2.close()
    expect(done.status).toBe('succeeded')
    expect(done.output).toBe('omega')
    expect(done.nodes.find((n) => n.nodeId === 'first')).toMatchObject({ status: 'succeeded', output: 'alpha', attempt: 1 })
    expect(done.logs.map((l) => l.message)).toContain('Resumed after NEXUS stopped: completed nodes are kept, the others run again.')
    // The completed node was asked once, in the first process; the interrupted one again after.
    expect(promptsSeen(fake, 'FIRST step')).toBe(1)
    expect(promptsSeen(fake, 'SECOND step after alpha')).toBe(2)
  }, 60_000)

  it('leaves a run alone while the process that owns it is alive', async () => {
    fake = await startOpenAIFixture({ apiKey: KEY })
    fake.use({ text: 'slow answer that takes a while to stream', deltaChars: 2, delayMs: 60 })
    const owner = await startHost({ env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.baseUrl } })
    hosts.push(owner)
    const api = connectApi(owner)
    const saved = await api.client.call('workflows.save', { file: WORKFLOW })
    const run = await api.client.call('runs.start', { id: saved.id, inputs: {} })
    await until(async () => promptsSeen(fake!, 'FIRST step'), (n) => n === 1, 'the first request')

    // A second core on the same data dir (read-only tools skip the lock) looks for orphans.
    const other = createCore({ dataDir: owner.dataDir, mode: 'headless', version: 'test', lock: false })
    try {
      expect(await other.executions.recoverOrphans('resume')).toEqual([])
      expect(await other.executions.recoverOrphans('interrupt')).toEqual([])
    } finally {
      other.close()
    }
    const done = await until(() => api.client.call('runs.get', { runId: run.id }), (r) => r.status !== 'running', 'the run')
    api.close()
    expect(done.status).toBe('succeeded')
    expect(promptsSeen(fake, 'FIRST step')).toBe(1)
  }, 60_000)
})
