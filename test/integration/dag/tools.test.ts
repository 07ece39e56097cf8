/**
 * Tools end to end against the real database, a real secret store and a local HTTP server:
 * saving and checking definitions, argument validation, javascript and http tools, the
 * built-ins, and secrets kept out of what comes back.
 */
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import type { ToolDefinition } from '../../../src/shared/schemas/workflows'
import { openDatabase, type Db } from '../../../src/main/core/db/connection'
import { WorkflowSecrets } from '../../../src/main/core/dag/secrets'
import type { RunWorkflow, ToolCallContext } from '../../../src/main/core/dag/tools/builtin'
import { toolHandlers } from '../../../src/main/core/dag/tools/handlers'
import { ToolRunner } from '../../../src/main/core/dag/tools/runner'
import { ToolStore } from '../../../src/main/core/dag/tools/store'
import { KeytarStore } from '../../../src/main/core/secrets'
import { memoryKeytar } from '../../helpers/fakes'
import { valueLeaks } from '../../helpers/leak-scan'
import { tempDir } from '../../helpers/tmp'
import { sendJson, startFixtureServer, type FixtureServer } from '../../fixtures/providers/server'

const KEY = 'wx-live-5f2c9a7e1d3b'
let server: FixtureServer
const open: Db[] = []

beforeAll(async () => {
  server = await startFixtureServer((req, res) => {
    const url = new URL(req.path, 'http://x')
    if (url.pathname === '/weather') {
      if (req.headers['x-api-key'] !== KEY) return sendJson(res, 401, { error: 'bad key' })
      // A careless API that echoes the key back.
      return sendJson(res, 200, { city: url.searchParams.get('q'), tempC: 21, echo: `key=${KEY}` })
    }
    if (url.pathname === '/orders') return sendJson(res, 201, { received: req.body, type: req.headers['content-type'] })
    return sendJson(res, 404, { error: `nothing at ${url.pathname}` })
  })
})
afterAll(() => server.close())
afterEach(() => {
  for (const db of open.splice(0)) db.close()
})

function setup(): { tools: ToolRunner; secrets: WorkflowSecrets } {
  const db = openDatabase(path.join(tempDir(), 'nexus.db'))
  open.push(db)
  const store = new KeytarStore({ keytar: memoryKeytar() })
  return { tools: new ToolRunner({ store: new ToolStore(db) }), secrets: new WorkflowSecrets(db, async () => store) }
}

const noWorkflows: RunWorkflow = async () => {
  throw new Error('no workflow expected')
}

function context(secrets: ReadonlyMap<string, string> = new Map(), runWorkflow: RunWorkflow = noWorkflows): ToolCallContext {
  return { signal: new AbortController().signal, secrets, runWorkflow }
}

const slugify: z.input<typeof ToolDefinition> = {
  name: 'slugify',
  description: 'Turn a title into a URL slug.',
  parameters: {
    type: 'object',
    properties: { title: { type: 'string', minLength: 1 }, max: { type: 'integer', minimum: 1, default: 20 } },
    required: ['title'],
    additionalProperties: false
  },
  implementation: { kind: 'javascript', code: 'return input.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").slice(0, input.max)' }
}

function weather(url: string): z.input<typeof ToolDefinition> {
  return {
    name: 'weather',
    description: 'Current weather of a city.',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    implementation: { kind: 'http', method: 'GET', url: `${url}/weather?q={{city}}`, headers: { 'X-Api-Key': '{{secret.WEATHER_KEY}}' } }
  }
}

describe('ToolStore', () => {
  it('saves, lists, replaces and deletes user tools, next to the built-ins', () => {
    const { tools } = setup()
    const saved = tools.store.save(slugify)
    expect(saved).toMatchObject({ name: 'slugify', builtIn: false, updatedAt: expect.any(String), implementation: { kind: 'javascript', timeoutMs: 1_000 } })
    expect(tools.list().map((t) => [t.name, t.builtIn])).toEqual([
      ['http_request', true],
      ['run_workflow', true],
      ['slugify', false]
    ])
    tools.store.save({ ...slugify, description: 'Slugs.' })
    expect(tools.store.get('slugify')?.description).toBe('Slugs.')
    expect(tools.requiredArguments('slugify')).toEqual(['title'])
    expect(tools.requiredArguments('nope')).toBeNull()
    expect(tools.store.delete('slugify')).toBe(true)
    expect(tools.store.delete('slugify')).toBe(false)
  })

  it('refuses built-in names and parameters that are not an object schema', () => {
    const { tools } = setup()
    expect(() => tools.store.save({ ...slugify, name: 'http_request' })).toThrow('"http_request" is the name of a built-in tool')
    expect(() => tools.store.save({ ...slugify, name: 'Run_Workflow' })).toThrow('built-in tool')
    expect(() => tools.store.delete('run_workflow')).toThrow('cannot be deleted')
    expect(() => tools.store.save({ ...slugify, parameters: { type: 'string' } })).toThrow('must be a JSON schema of type "object"')
    expect(() => tools.store.save({ ...slugify, parameters: { type: 'object', properties: { a: { type: 'strnig' } } } })).toThrow(
      /The parameters of tool "slugify" are not a valid JSON schema: schema is invalid/
    )
    expect(() => tools.store.save({ ...slugify, name: '1bad' })).toThrow(/The tool is not valid/)
    expect(tools.store.list()).toEqual([])
  })
})

describe('ToolRunner', () => {
  it('gives models the spec of each tool, and names an unknown one', () => {
    const { tools } = setup()
    tools.store.save(slugify)
    expect(tools.specs(['slugify', 'run_workflow'])).toEqual([
      { name: 'slugify', description: 'Turn a title into a URL slug.', parameters: slugify.parameters },
      expect.objectContaining({ name: 'run_workflow' })
    ])
    expect(() => tools.specs(['slugify', 'translate'])).toThrow('There is no tool "translate" (tools: http_request, run_workflow, slugify). Add it in Settings > Workflows > Tools.')
  })

  it('checks arguments against the schema with a readable list of problems', async () => {
    const { tools } = setup()
    tools.store.save(slugify)
    await expect(tools.call('slugify', { max: 'many', extra: 1 }, context())).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'The arguments of tool "slugify" are not valid: the arguments must have required property \'title\'; the arguments must NOT have additional properties ("extra"); max must be integer.'
    })
    await expect(tools.call('slugify', ['x'], context())).rejects.toMatchObject({ message: 'The arguments of tool "slugify" must be an object of named values, not a list.' })
  })

  it('runs a javascript tool in the sandbox with the arguments as input (coerced, defaults filled)', async () => {
    const { tools } = setup()
    tools.store.save(slugify)
    expect(await tools.call('slugify', { title: 'Hello, Big World! And more words' }, context())).toBe('hello-big-world-and-')
    expect(await tools.call('slugify', { title: 'Hello World', max: '5' }, context())).toBe('hello')
    tools.store.save({ ...slugify, implementation: { kind: 'javascript', code: 'while (true) {}', timeoutMs: 100 } })
    await expect(tools.call('slugify', { title: 'x' }, context())).rejects.toMatchObject({ code: 'SANDBOX', message: 'The tool slugify ran longer than 100 ms and was stopped.' })
    tools.store.save({ ...slugify, implementation: { kind: 'javascript', code: 'return require("fs")' } })
    await expect(tools.call('slugify', { title: 'x' }, context())).rejects.toMatchObject({ code: 'SANDBOX', message: expect.stringMatching(/^The tool slugify threw: ReferenceError/) })
  })

  it('runs an http tool: arguments URL-encoded into the URL, secrets into headers, and the key redacted from the result', async () => {
    const { tools } = setup()
    tools.store.save(weather(server.url))
    const secrets = new Map([['WEATHER_KEY', KEY]])
    expect(tools.secretNames('weather')).toEqual(['WEATHER_KEY'])
    const result = await tools.call('weather', { city: 'Rio de Janeiro & co' }, context(secrets))
    expect(result).toEqual({ city: 'Rio de Janeiro & co', tempC: 21, echo: 'key=[secret WEATHER_KEY]' })
    expect(server.requests.at(-1)?.path).toBe('/weather?q=Rio%20de%20Janeiro%20%26%20co')
    await expect(tools.call('weather', { city: 'Oslo' }, context())).rejects.toMatchObject({ message: expect.stringContaining('{{secret.WEATHER_KEY}} is not set') })
  })

  it('sends the arguments as JSON when an http tool has no body template, and reports HTTP errors', async () => {
    const { tools } = setup()
    tools.store.save({
      name: 'order',
      description: 'Place an order.',
      parameters: { type: 'object', properties: { sku: { type: 'string' }, qty: { type: 'integer' } } },
      implementation: { kind: 'http', url: `${server.url}/orders` }
    })
    expect(await tools.call('order', { sku: 'A-1', qty: 2 }, context())).toEqual({ received: { sku: 'A-1', qty: 2 }, type: 'application/json' })
    tools.store.save({ ...weather(server.url), implementation: { kind: 'http', method: 'GET', url: `${server.url}/missing/{{city}}` } })
    await expect(tools.call('weather', { city: 'Oslo' }, context())).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: `The tool weather got HTTP 404 Not Found from ${server.url}/missing/Oslo: {"error":"nothing at /missing/Oslo"}`
    })
  })

  it('runs the built-ins: http_request literally, run_workflow through the injected function', async () => {
    const { tools } = setup()
    const res = await tools.call('http_request', { url: `${server.url}/orders`, method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } }, context())
    expect(res).toMatchObject({ status: 201, body: { received: { a: 1 } } })
    // Arguments are not templates: a model cannot make the tool reveal a secret.
    const secrets = new Map([['WEATHER_KEY', KEY]])
    await tools.call('http_request', { url: `${server.url}/orders`, method: 'POST', body: '{{secret.WEATHER_KEY}}' }, context(secrets))
    expect(server.requests.at(-1)?.body).toBe('{{secret.WEATHER_KEY}}')

    const calls: unknown[] = []
    const runWorkflow: RunWorkflow = async (id, inputs, signal) => {
      calls.push({ id, inputs, aborted: signal.aborted })
      return { summary: `ran ${id}` }
    }
    expect(await tools.call('run_workflow', { workflow_id: 'wf-1', inputs: { topic: 'tea' } }, context(new Map(), runWorkflow))).toEqual({ summary: 'ran wf-1' })
    expect(await tools.call('run_workflow', { workflow_id: 'wf-2' }, context(new Map(), runWorkflow))).toEqual({ summary: 'ran wf-2' })
    expect(calls).toEqual([
      { id: 'wf-1', inputs: { topic: 'tea' }, aborted: false },
      { id: 'wf-2', inputs: {}, aborted: false }
    ])
    await expect(tools.call('run_workflow', {}, context(new Map(), runWorkflow))).rejects.toMatchObject({ message: expect.stringContaining("required property 'workflow_id'") })
  })
})

describe('tools.test', () => {
  it('resolves the tool secrets, times the call, and never returns a secret value', async () => {
    const { tools, secrets } = setup()
    const handlers = toolHandlers({ tools, secrets, runWorkflow: noWorkflows })
    const ctx = { signal: new AbortController().signal }
    await handlers['tools.save'](weather(server.url) as z.output<typeof ToolDefinition>, ctx)
    await expect(handlers['tools.test']({ name: 'weather', arguments: { city: 'Oslo' } }, ctx)).rejects.toMatchObject({
      message: 'The secret {{secret.WEATHER_KEY}} is not set: add it in Settings > Workflows > Secrets.'
    })
    await secrets.set('WEATHER_KEY', KEY)
    const reply = await handlers['tools.test']({ name: 'weather', arguments: { city: 'Oslo' } }, ctx)
    expect(reply).toEqual({ result: { city: 'Oslo', tempC: 21, echo: 'key=[secret WEATHER_KEY]' }, durationMs: expect.any(Number) })
    expect(valueLeaks(reply, KEY)).toEqual([])

    // An error that would carry the key (here, in the URL path) is redacted too.
    await handlers['tools.save']({ ...weather(server.url), implementation: { kind: 'http', method: 'GET', url: `${server.url}/k/{{secret.WEATHER_KEY}}`, timeoutMs: 5_000 } } as z.output<typeof ToolDefinition>, ctx)
    const failure = await Promise.resolve(handlers['tools.test']({ name: 'weather', arguments: { city: 'Oslo' } }, ctx)).catch((err: unknown) => err)
    expect(failure).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('/k/[secret WEATHER_KEY]') })
    expect(valueLeaks((failure as Error).message, KEY)).toEqual([])

    expect(await handlers['tools.delete']({ name: 'weather' }, ctx)).toEqual({ deleted: true })
    expect((await handlers['tools.list'](undefined, ctx)).map((t) => t.name)).toEqual(['http_request', 'run_workflow'])
  })
})
