import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { NexusError } from '../../../src/shared/errors'
import { createOpenAIAdapter } from '../../../src/main/core/providers/openai'
import type { ChatEvent, ChatRequest, ProviderEndpoint } from '../../../src/main/core/providers/types'
import { startOpenAIFixture, type ChatScenario, type OpenAIFixture } from '../../fixtures/providers/openai-server'
import { closedPort, collect as collectEvents, textOf as text } from '../../helpers/chat-events'

const KEY = 'sk-test-SENTINEL-0123456789abcdef'
const WRONG_KEY = 'sk-wrong-SENTINEL-fedcba9876543210'
let fx: OpenAIFixture
/** Everything the adapter handed back in this file, searched for keys at the end. */
const seen: unknown[] = []

beforeAll(async () => {
  fx = await startOpenAIFixture({ apiKey: KEY })
})
afterAll(() => fx.close())

const endpoint = (over: Partial<ProviderEndpoint> = {}): ProviderEndpoint => ({
  id: 'openai',
  kind: 'openai',
  name: 'OpenAI',
  baseUrl: fx.baseUrl,
  apiKey: KEY,
  timeoutMs: 5000,
  ...over
})
const adapter = (over?: Partial<ProviderEndpoint>) => createOpenAIAdapter(endpoint(over))
const ask = (model = 'gpt-4o-mini'): ChatRequest => ({ model, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] })

async function collect(stream: AsyncIterable<ChatEvent>): Promise<ChatEvent[]> {
  const events = await collectEvents(stream)
  seen.push(...events)
  return events
}

async function failure(stream: AsyncIterable<ChatEvent>): Promise<NexusError> {
  const last = (await collect(stream)).at(-1)
  if (last?.type !== 'error') throw new Error(`expected an error event, got ${JSON.stringify(last)}`)
  return last.error
}

async function rejection(promise: Promise<unknown>): Promise<NexusError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (err: NexusError) => err
  )
  seen.push(error)
  return error
}

describe('OpenAI adapter: HTTP errors are normalized', () => {
  const cases: [string, ChatScenario, string, string][] = [
    ['400', { error: { status: 400, message: "Invalid value for 'temperature'." } }, 'PROVIDER_BAD_REQUEST', "OpenAI refused the request (400) (OpenAI said: Invalid value for 'temperature'.)"],
    [
      '400 context',
      { error: { status: 400, message: "This model's maximum context length is 128000 tokens.", code: 'context_length_exceeded' } },
      'CONTEXT_TOO_LONG',
      'The conversation is too long for gpt-4o-mini on OpenAI'
    ],
    ['403', { error: { status: 403, message: 'Project does not have access.' } }, 'PROVIDER_AUTH', 'OpenAI rejected the API key: check it in Settings > Providers'],
    ['500', { error: { status: 500, message: 'The server had an error.', type: 'server_error' } }, 'PROVIDER_SERVER', 'OpenAI had a server error (500)'],
    ['502 HTML', { raw: { status: 502, body: `<html>${'<p>Bad gateway</p>'.repeat(100_000)}</html>` } }, 'PROVIDER_SERVER', 'OpenAI had a server error (502)']
  ]
  it.each(cases)('%s', async (_label, scenario, code, message) => {
    fx.use(scenario)
    const error = await failure(adapter().streamChat(ask()))
    expect(error.code).toBe(code)
    expect(error.message).toContain(message)
    // A huge body stays a short message.
    expect(error.message.length).toBeLessThan(400)
  })

  it('429 ⇒ RATE_LIMITED carrying retryAfterMs from Retry-After', async () => {
    fx.use({ error: { status: 429, message: 'Rate limit reached for requests.', type: 'requests', headers: { 'retry-after': '7' } } })
    const error = await failure(adapter().streamChat(ask()))
    expect(error.code).toBe('RATE_LIMITED')
    expect(error.details).toMatchObject({ provider: 'openai', status: 429, retryAfterMs: 7000 })
    expect(error.message).toContain('OpenAI is rate limiting requests. Retry in 7 s')
  })

  it('a wrong key ⇒ PROVIDER_AUTH, and the echoed key is scrubbed from the message', async () => {
    const error = await failure(adapter({ apiKey: WRONG_KEY }).streamChat(ask()))
    expect(error.code).toBe('PROVIDER_AUTH')
    expect(error.message).toContain('OpenAI rejected the API key: check it in Settings > Providers')
    expect(error.message).toContain('Incorrect API key provided: [key]')
    const listing = await rejection(adapter({ apiKey: WRONG_KEY }).listModels())
    expect(listing.code).toBe('PROVIDER_AUTH')
  })

  it('a model that does not exist ⇒ MODEL_NOT_FOUND naming it', async () => {
    fx.use({ text: 'unused' })
    const error = await failure(adapter().streamChat(ask('gpt-nope')))
    expect(error.code).toBe('MODEL_NOT_FOUND')
    expect(error.message).toContain('OpenAI has no model "gpt-nope": pick one from the model list')
  })

  it('a wrong base URL (404 on the path) points at the base URL, not the model', async () => {
    const error = await failure(adapter({ baseUrl: `${fx.url}/v2` }).streamChat(ask()))
    expect(error.message).toContain(`OpenAI answered 404 at ${fx.url}/v2: check the base URL`)
  })

  it('no key configured ⇒ PROVIDER_AUTH before any request', async () => {
    const before = fx.requests.length
    const error = await failure(adapter({ apiKey: undefined }).streamChat(ask()))
    expect(error).toMatchObject({ code: 'PROVIDER_AUTH', message: 'OpenAI needs an API key: add one in Settings > Providers.' })
    await expect(adapter({ apiKey: '' }).listModels()).rejects.toMatchObject({ code: 'PROVIDER_AUTH' })
    expect(fx.requests.length).toBe(before)
  })
})

describe('OpenAI adapter: broken streams end with an error event, never a throw or a hang', () => {
  it('a stream cut in the middle keeps the text and ends with PROVIDER_SERVER', async () => {
    fx.use({ text: 'abcdefghi', end: 'cut', endAfter: 3 })
    const events = await collect(adapter().streamChat(ask()))
    expect(text(events)).toBe('abcdef')
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { code: 'PROVIDER_SERVER' } })
    expect((events.at(-1) as { error: NexusError }).error.message).toBe('The connection to OpenAI was cut before the answer finished; what arrived is kept. Try again.')
  })

  it('invalid JSON in a data line ⇒ PROVIDER_SERVER "cannot read"', async () => {
    fx.use({ text: 'abcdefghi', end: 'invalid-json', endAfter: 2 })
    const events = await collect(adapter().streamChat(ask()))
    expect(text(events)).toBe('abc')
    const error = (events.at(-1) as { error: NexusError }).error
    expect(error.code).toBe('PROVIDER_SERVER')
    expect(error.message).toContain('OpenAI sent a response NEXUS cannot read (invalid JSON)')
  })

  it('a response that ends without a finish reason ⇒ PROVIDER_SERVER', async () => {
    fx.use({ text: 'abcdefghi', end: 'eof', endAfter: 3 })
    const error = await failure(adapter().streamChat(ask()))
    expect(error.code).toBe('PROVIDER_SERVER')
    expect(error.message).toContain('the stream ended before the answer was complete')
  })

  it('an error object inside the stream ⇒ PROVIDER_SERVER with the provider message', async () => {
    fx.use({ text: 'abcdefghi', end: 'error-event', endAfter: 3 })
    const error = await failure(adapter().streamChat(ask()))
    expect(error.code).toBe('PROVIDER_SERVER')
    expect(error.message).toContain('OpenAI stopped the answer with an error. Try again (OpenAI said: The server had an error')
  })

  it('a cut in the middle of a tool call emits no half call', async () => {
    // role, call header, two argument fragments | the rest is lost
    fx.use({ toolCalls: [{ id: 'call_1', name: 'delete_files', arguments: '{"path":"/tmp/x","recursive":true}' }], end: 'cut', endAfter: 4 })
    const events = await collect(adapter().streamChat(ask()))
    expect(events.filter((e) => e.type === 'tool_call')).toEqual([])
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { code: 'PROVIDER_SERVER' } })
  })

  it('a cut after the finish reason still finishes: the answer was whole', async () => {
    // role, "Hel", "lo!", finish | usage, [DONE] are lost
    fx.use({ text: 'Hello!', end: 'cut', endAfter: 4 })
    const events = await collect(adapter().streamChat(ask()))
    expect(text(events)).toBe('Hello!')
    expect(events.at(-1)).toEqual({ type: 'finish', reason: 'stop' })
  })
})

describe('OpenAI adapter: unreachable server', () => {
  it('a closed port ⇒ NETWORK with an actionable message, from every call', async () => {
    const port = await closedPort()
    const offline = adapter({ baseUrl: `http://127.0.0.1:${port}/v1` })
    const error = await failure(offline.streamChat(ask()))
    expect(error.code).toBe('NETWORK')
    expect(error.message).toBe(
      `Cannot reach OpenAI at http://127.0.0.1:${port}/v1. Check your connection and the base URL in Settings > Providers (connection refused).`
    )
    expect((await rejection(offline.listModels())).code).toBe('NETWORK')
    expect((await rejection(offline.embed!(['a'], 'text-embedding-3-small'))).code).toBe('NETWORK')
    const health = await offline.health()
    expect(health.ok).toBe(false)
    expect(health.detail).toContain('Cannot reach OpenAI')
  })
})

describe('OpenAI adapter: keys never leak', () => {
  it('no event, error or health detail contains a key', async () => {
    fx.use({ error: { status: 400, message: `Bad key in header: Bearer ${KEY}` } })
    const echoed = await failure(adapter().streamChat(ask()))
    expect(echoed.message).toContain('Bearer [key]')
    seen.push(await adapter({ apiKey: WRONG_KEY }).health())
    const everything = JSON.stringify(seen) + seen.map((s) => (s instanceof Error ? s.message : '')).join('\n')
    expect(seen.length).toBeGreaterThan(20)
    expect(everything).not.toContain(KEY)
    expect(everything).not.toContain(WRONG_KEY)
    expect(everything).not.toContain('SENTINEL')
  })
})
