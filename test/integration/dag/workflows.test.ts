/**
 * Workflows through the contract, on a real core and SQLite file: saving with versions, diff and
 * restore, import and export, runs with their records, re-run from a node, cancel, and bad input
 * that gets a clear error and changes nothing else.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../../src/main/core'
import type { RequestInput, RequestName, RequestOutput } from '../../../src/shared/contract'
import type { WorkflowFileInput, WorkflowNode } from '../../../src/shared/schemas/workflows'
import { startOpenAIFixture, type OpenAIFixture } from '../../fixtures/providers/openai-server'
import { memoryKeytar } from '../../helpers/fakes'
import { tempDir } from '../../helpers/tmp'

const KEY = 'sk-workflow-test-0123456789abcdef'
const cores: Core[] = []
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cores.splice(0)) c.close()
  for (const close of closers.splice(0)) await close()
})

async function setup(fake?: OpenAIFixture): Promise<Core & { call: <N extends RequestName>(name: N, input?: RequestInput<N>) => Promise<RequestOutput<N>> }> {
  const env = fake ? { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.baseUrl } : {}
  const core = createCore({ dataDir: tempDir(), mode: 'cli', version: 'test', env, keytar: memoryKeytar() })
  cores.push(core)
  const call = async <N extends RequestName>(name: N, input?: RequestInput<N>): Promise<RequestOutput<N>> => {
    const result = await core.dispatch(name, input)
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error)
    return result.value as RequestOutput<N>
  }
  return Object.assign(core, { call })
}

const node = (id: string, type: WorkflowNode['type'], config: Record<string, unknown> = {}): WorkflowNode => ({ id, type, config, position: { x: 0, y: 0 } })
function file(nodes: WorkflowNode[], chain = true, name = 'Test'): WorkflowFileInput {
  const edges = chain ? nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i]!.id, target: n.id })) : []
  return { format: 'nexus.workflow', version: 1, name, nodes, edges }
}
const js = (id: string, code: string): WorkflowNode => node(id, 'TRANSFORM', { language: 'javascript', code })

type TestCore = Awaited<ReturnType<typeof setup>>

async function finished(core: TestCore, runId: string): Promise<RequestOutput<'runs.get'>> {
  await core.executions.whenDone(runId)
  return core.call('runs.get', { runId })
}

const counts = (core: Core) => core.db.prepare('SELECT (SELECT count(*) FROM workflows) AS w, (SELECT count(*) FROM workflow_versions) AS v, (SELECT count(*) FROM workflow_runs) AS r').get() as { w: number; v: number; r: number }

describe('workflows', () => {
  it('keeps a version on every save, diffs two versions and restores an earlier one', async () => {
    const core = await setup()
    const v1 = await core.call('workflows.save', { file: file([node('start', 'START'), js('t', 'return 1'), node('end', 'END')]) })
    const changed = file([node('start', 'START'), js('t', 'return 2'), js('extra', 'return 3'), node('end', 'END')], true, 'Renamed')
    const v2 = await core.call('workflows.save', { id: v1.id, file: changed, note: 'two steps' })
    expect(v2.version).toBe(2)
    expect((await core.call('workflows.versions', { id: v1.id })).map((v) => [v.version, v.note])).toEqual([[2, 'two steps'], [1, '']])
    const diff = await core.call('workflows.diff', { id: v1.id, from: 1, to: 2 })
    expect(diff.nodes).toEqual([
      { id: 't', change: 'changed', fields: ['config.code'] },
      { id: 'extra', change: 'added', fields: [] }
    ])
    expect(diff.meta).toEqual(['name'])
    const restored = await core.call('workflows.restore', { id: v1.id, version: 1 })
    expect(restored).toMatchObject({ version: 3, name: 'Test', nodeCount: 3 })
  })

  it('runs a workflow, recording every node input and output, and re-runs from a node reusing upstream outputs', async () => {
    const core = await setup()
    const saved = await core.call('workflows.save', {
      file: { ...file([node('start', 'START', { inputs: [{ name: 'n', type: 'number' }] }), js('double', 'return input.input.n * 2'), js('square', 'return input.double ** 2'), node('end', 'END', { output: '{{square}}' })]) }
    })
    const run = await core.call('runs.start', { id: saved.id, inputs: { n: '3' } })
    const done = await finished(core, run.id)
    expect(done).toMatchObject({ status: 'succeeded', output: 36, inputs: { n: 3 } })
    expect(done.nodes.find((n) => n.nodeId === 'square')).toMatchObject({ status: 'succeeded', input: { double: 6 }, output: 36, attempt: 1 })
    const rerun = await core.call('runs.rerunFrom', { runId: run.id, nodeId: 'square' })
    const again = await finished(core, rerun.id)
    expect(again).toMatchObject({ status: 'succeeded', trigger: 'rerun', output: 36 })
    // Upstream of the chosen node was not run again: its record is carried over, attempt 0.
    expect(again.nodes.find((n) => n.nodeId === 'double')).toMatchObject({ status: 'succeeded', output: 6, attempt: 0 })
    expect(again.nodes.find((n) => n.nodeId === 'square')).toMatchObject({ attempt: 1 })
    expect((await core.call('runs.list', { workflowId: saved.id })).map((r) => r.id)).toEqual([rerun.id, run.id])
    // Runs are persisted on the event log.
    const logged = core.events.log.read({ pattern: 'workflow.run', limit: 100 })
    expect(logged.filter((e) => (e.payload as { id: string }).id === run.id).map((e) => (e.payload as { status: string }).status)).toEqual(['running', 'succeeded'])
  })

  it('cancels a running workflow: the run and its waiting nodes are cancelled', async () => {
    const core = await setup()
    const saved = await core.call('workflows.save', { file: file([node('start', 'START'), node('wait', 'DELAY', { ms: 60_000 }), node('end', 'END')]) })
    const run = await core.call('runs.start', { id: saved.id, inputs: {} })
    await new Promise((r) => setTimeout(r, 50))
    await core.call('runs.cancel', { runId: run.id })
    const done = await finished(core, run.id)
    expect(done.status).toBe('cancelled')
    expect(done.nodes.map((n) => [n.nodeId, n.status])).toEqual([['start', 'succeeded'], ['wait', 'cancelled'], ['end', 'cancelled']])
  })

  it('exports with secrets as references, never their values, and keeps them out of run records', async () => {
    const server = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ echoed: req.headers.authorization }))
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    closers.push(() => new Promise((r) => server.close(() => r())))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/echo`
    const core = await setup()
    const SECRET = 'tok-very-secret-value-42'
    await core.call('secrets.set', { name: 'API_TOKEN', value: SECRET })
    const saved = await core.call('workflows.save', {
      file: file([node('start', 'START'), node('call', 'API', { url, headers: { authorization: 'Bearer {{secret.API_TOKEN}}' } }), node('end', 'END', { output: '{{call}}' })])
    })
    const exported = await core.call('workflows.export', { id: saved.id })
    expect(exported.fileName).toBe('Test.nexus.json')
    expect(exported.text).toContain('{{secret.API_TOKEN}}')
    expect(exported.text).not.toContain(SECRET)
    const run = await core.call('runs.start', { id: saved.id, inputs: {} })
    const done = await finished(core, run.id)
    expect(done.status).toBe('succeeded')
    // The server saw the value; the record shows the name.
    expect(done.output).toEqual({ echoed: 'Bearer [secret API_TOKEN]' })
    const everything = JSON.stringify(core.db.prepare('SELECT * FROM workflow_runs').all()) + JSON.stringify(core.db.prepare('SELECT * FROM workflow_node_runs').all()) + JSON.stringify(core.db.prepare('SELECT * FROM workflow_run_logs').all()) + JSON.stringify(core.db.prepare('SELECT * FROM event_log').all())
    expect(everything).not.toContain(SECRET)
  })

  it('refuses bad input with a clear error and changes nothing else', async () => {
    const core = await setup()
    await core.call('workflows.save', { file: file([node('start', 'START'), node('end', 'END')]) })
    const before = counts(core)
    await expect(core.call('workflows.import', { text: '{"hello": "world"}' })).rejects.toMatchObject({ code: 'INVALID_WORKFLOW', message: expect.stringMatching(/is not a NEXUS workflow file/) })
    await expect(core.call('workflows.import', { text: 'not json at all' })).rejects.toMatchObject({ code: 'INVALID_WORKFLOW', message: expect.stringMatching(/^The imported file is not JSON/) })
    await expect(core.call('workflows.import', { text: JSON.stringify({ format: 'nexus.workflow', version: 1, name: 'x', nodes: [{ id: '1bad', type: 'NOPE' }], edges: [] }) })).rejects.toMatchObject({ code: 'INVALID_WORKFLOW' })
    expect(counts(core)).toEqual(before)

    // A cycle is saved as work in progress, but cannot run; the issue names the nodes.
    const cyclic = file([node('start', 'START'), js('a', 'return 1'), js('b', 'return 2'), node('end', 'END')])
    cyclic.edges.push({ id: 'back', source: 'b', target: 'a' })
    const saved = await core.call('workflows.save', { file: cyclic })
    expect(saved.issues.filter((i) => i.kind === 'cycle').map((i) => i.nodeId).sort()).toEqual(['a', 'b'])
    const runsBefore = counts(core).r
    await expect(core.call('runs.start', { id: saved.id, inputs: {} })).rejects.toMatchObject({ code: 'INVALID_WORKFLOW', message: expect.stringMatching(/is on a cycle/) })
    expect(counts(core).r).toBe(runsBefore)
  })

  it('reports failing nodes clearly in the run: a throwing transform, an endless one, a dead address, a provider that is gone', async () => {
    const fake = await startOpenAIFixture({ apiKey: KEY })
    closers.push(() => fake.close())
    const core = await setup(fake)
    const cases: [WorkflowNode, RegExp][] = [
      [js('t', 'throw new TypeError("bad shape")'), /^The transform threw: TypeError: bad shape/],
      [node('t', 'TRANSFORM', { language: 'javascript', code: 'while (true) {}', timeoutMs: 50 }), /ran longer than 50 ms and was stopped/],
      [node('t', 'API', { url: 'http://127.0.0.1:9/feed', timeoutMs: 2000 }), /^Could not reach http:\/\/127\.0\.0\.1:9\/feed/],
      [node('t', 'LLM', { model: 'gone/some-model', prompt: 'hi' }), /gone/]
    ]
    for (const [failing, message] of cases) {
      const saved = await core.call('workflows.save', { file: file([node('start', 'START'), failing, node('end', 'END')]) })
      const run = await core.call('runs.start', { id: saved.id, inputs: {} })
      const done = await finished(core, run.id)
      expect(done.status).toBe('failed')
      expect(done.error).toMatch(message)
      expect(done.nodes.find((n) => n.nodeId === 't')).toMatchObject({ status: 'failed', error: expect.stringMatching(message) })
      expect(done.nodes.find((n) => n.nodeId === 'end')?.status).toBe('cancelled')
      expect(done.logs).toContainEqual(expect.objectContaining({ nodeId: 't', level: 'error', message: expect.stringMatching(message) }))
    }
  })

  it('an LLM node through "auto" answers from the configured provider, a missing input is refused by name', async () => {
    const fake = await startOpenAIFixture({ apiKey: KEY })
    closers.push(() => fake.close())
    fake.use({ text: 'A haiku about rain.' })
    const core = await setup(fake)
    const saved = await core.call('workflows.save', {
      file: file([node('start', 'START', { inputs: [{ name: 'topic', type: 'string' }] }), node('ask', 'LLM', { model: 'auto', prompt: 'Write a haiku about {{input.topic}}' }), node('end', 'END', { output: '{{ask}}' })])
    })
    await expect(core.call('runs.start', { id: saved.id, inputs: {} })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'The workflow needs the input "topic".' })
    const run = await core.call('runs.start', { id: saved.id, inputs: { topic: 'rain' } })
    const done = await finished(core, run.id)
    expect(done).toMatchObject({ status: 'succeeded', output: 'A haiku about rain.' })
    expect(JSON.stringify(fake.chatRequests().at(-1)?.body)).toContain('Write a haiku about rain')
  })

  it('an AGENT calls a user tool in a loop until it answers; TOOL, SUBWORKFLOW and LOOP nodes compose', async () => {
    const fake = await startOpenAIFixture({ apiKey: KEY })
    closers.push(() => fake.close())
    fake.respond((body) => {
      const messages = (body as { messages: { role: string; content: unknown }[] }).messages
      const toolResult = messages.find((m) => m.role === 'tool')
      if (toolResult) return { text: `The sum is ${String(toolResult.content)}.` }
      return { toolCalls: [{ id: 'call_1', name: 'add', arguments: '{"a":2,"b":3}' }], finishReason: 'tool_calls' }
    })
    const core = await setup(fake)
    await core.call('tools.save', {
      name: 'add',
      description: 'Adds two numbers.',
      parameters: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } }, required: ['a', 'b'] },
      implementation: { kind: 'javascript', code: 'return input.a + input.b' }
    })
    const agent = await core.call('workflows.save', {
      file: file([node('start', 'START'), node('agent', 'AGENT', { model: 'openai/gpt-4o-mini', prompt: 'What is 2 + 3?', tools: ['add'], maxSteps: 3 }), node('end', 'END', { output: '{{agent}}' })])
    })
    const agentRun = await finished(core, (await core.call('runs.start', { id: agent.id, inputs: {} })).id)
    expect(agentRun).toMatchObject({ status: 'succeeded', output: 'The sum is 5.' })
    expect(agentRun.logs.map((l) => l.message)).toContain('Step 1: add({"a":2,"b":3})')

    // A child workflow doubling a number, called per item by a LOOP, then once by a TOOL node (run_workflow).
    const child = await core.call('workflows.save', {
      file: file([node('start', 'START', { inputs: [{ name: 'x', type: 'number' }] }), js('twice', 'return input.input.x * 2'), node('end', 'END', { output: '{{twice}}' })], true, 'Double')
    })
    const body = {
      nodes: [node('s', 'START'), node('call', 'SUBWORKFLOW', { workflowId: child.id, inputs: { x: '{{item}}' } }), node('e', 'END', { output: '{{call}}' })],
      edges: [{ id: 'b1', source: 's', target: 'call' }, { id: 'b2', source: 'call', target: 'e' }]
    }
    const parent = await core.call('workflows.save', {
      file: file([
        node('start', 'START', { inputs: [{ name: 'list', type: 'json' }] }),
        node('each', 'LOOP', { items: 'input.list', body, concurrency: 2 }),
        node('sum', 'TOOL', { tool: 'add', arguments: { a: '{{each.0}}', b: '{{each.2}}' } }),
        node('end', 'END', { output: '{{sum}}' })
      ])
    })
    const parentRun = await finished(core, (await core.call('runs.start', { id: parent.id, inputs: { list: '[1, 2, 3]' } })).id)
    expect(parentRun).toMatchObject({ status: 'succeeded', output: 8 })
    expect(parentRun.nodes.find((n) => n.nodeId === 'each')?.output).toEqual([2, 4, 6])
    // Each child run is kept in history, linked to its parent.
    const childRuns = await core.call('runs.list', { workflowId: child.id })
    expect(childRuns).toHaveLength(3)
    expect(childRuns.every((r) => r.trigger === 'subworkflow' && r.status === 'succeeded')).toBe(true)
  })

  it('a saved schedule is armed in a long-running process, with its next run; deleting the workflow disarms it', async () => {
    const core = createCore({ dataDir: tempDir(), mode: 'headless', version: 'test', keytar: memoryKeytar() })
    cores.push(core)
    const result = await core.dispatch('workflows.save', {
      file: { ...file([node('start', 'START'), node('end', 'END')]), triggers: { schedule: { cron: '0 8 * * *', missed: 'run-once' } } }
    })
    if (!result.ok) throw new Error(result.error.message)
    const saved = result.value as { id: string }
    const armed = await core.dispatch('workflows.triggers', undefined)
    expect(armed).toMatchObject({ ok: true, value: [{ workflowId: saved.id, kind: 'schedule', nextRunAt: expect.stringMatching(/T\d\d:00:00/) }] })
    await core.dispatch('workflows.delete', { id: saved.id })
    expect(await core.dispatch('workflows.triggers', undefined)).toEqual({ ok: true, value: [] })
  })
})
