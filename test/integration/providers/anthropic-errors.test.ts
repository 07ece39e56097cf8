import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAnthropicAdapter } from '../../../src/main/core/providers/anthropic'
import type { ChatEvent, ChatRequest, ProviderEndpoint } from '../../../src/main/core/providers/types'
import type { NexusError } from '../../../src/shared/errors'
import { startAnthropicServer, type AnthropicBehavior, type AnthropicFixture } from '../../fixtures/providers/anthropic-server'
import { closedPort, collect as collectEvents, collectSlowly, stopWhileBusy } from '../../helpers/chat-events'

const SENTINEL_KEY = 'sk-ant-SENTINEL-4f9c2e71'
let server: AnthropicFixture
let endpoint: ProviderEndpoint
/** Everything the adapter produced in this file, searched for the key at the end. */
const seen: unknown[] = []

beforeAll(async () => {
  server = await startAnthropicServer(SENTINEL_KEY)
  endpoint = { id: 'anthropic', kind: 'anthropic', name: 'Anthropic', baseUrl: server.url, apiKey: SENTINEL_KEY, timeoutMs: 5000 }
})
afterAll(async () => {
  await server.close()
  const dump = JSON.stringify(seen, (_k, v: unknown) => (v instanceof Error ? { ...v, message: v.message } : v))
  expect(dump).toContain('Anthropic')
  expect(dump).not.toContain(SENTINEL_KEY)
})

const hi: ChatRequest = { model: 'claude-sonnet-5-5', messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] }

async function collect(stream: AsyncIterable<ChatEvent>): Promise<ChatEvent[]> {
  const events = await collectEvents(stream)
  seen.push(events)
  return events
}

async function failure(behavior?: AnthropicBehavior, request = hi, ep = endpoint): Promise<NexusError> {
  if (behavior) server.next(behavior)
  const last = (await collect(createAnthropicAdapter(ep).streamChat(request))).at(-1)
  if (last?.type !== 'error') throw new Error(`expected an error event, got ${JSON.stringify(last)}`)
  return last.error
}

describe('Anthropic adapter: errors', () => {
  it.each([
    [400, 'invalid_request_error', 'messages.0: bad block', 'PROVIDER_BAD_REQUEST', /Anthropic refused the request \(400\)/],
    [400, 'invalid_request_error', 'prompt is too long: 208310 tokens > 200000 maximum', 'CONTEXT_TOO_LONG', /too long for claude-sonnet-5-5 on Anthropic: start a new chat/],
    [403, 'permission_error', 'Your API key does not have permission', 'PROVIDER_AUTH', /check it in Settings > Providers/],
    [500, 'api_error', 'Internal server error', 'PROVIDER_SERVER', /Anthropic had a server error \(500\)\. Try again later/],
    [529, 'overloaded_error', 'Overloaded', 'PROVIDER_SERVER', /Anthropic had a server error \(529\).*Overloaded/]
  ])('normalizes HTTP %i %s', async (status, errorType, message, code, text) => {
    const error = await failure({ type: 'status', status, errorType, message })
    expect(error.code).toBe(code)
    expect(error.message).toMatch(text)
    expect(error.details).toMatchObject({ provider: 'anthropic', status })
  })

  it('turns 401 into PROVIDER_AUTH and never repeats the key, even when the server echoes it', async () => {
    const wrong = await failure(undefined, hi, { ...endpoint, apiKey: 'sk-ant-wrong' })
    expect(wrong.code).toBe('PROVIDER_AUTH')
    expect(wrong.message).toMatch(/^Anthropic rejected the API key: check it in Settings > Providers/)
    const echoed = await failure({ type: 'status', status: 401, errorType: 'authentication_error', message: `invalid x-api-key ${SENTINEL_KEY}` })
    expect(echoed.code).toBe('PROVIDER_AUTH')
    expect(echoed.message).toContain('invalid x-api-key [key]')
  })

  it('gives RATE_LIMITED with retryAfterMs from Retry-After', async () => {
    const error = await failure({
      type: 'status', status: 429, errorType: 'rate_limit_error', message: 'Number of request tokens has exceeded your per-minute rate limit',
      headers: { 'retry-after': '7' }
    })
    expect(error.code).toBe('RATE_LIMITED')
    expect(error.details).toMatchObject({ retryAfterMs: 7000 })
    expect(error.message).toMatch(/Anthropic is rate limiting requests\. Retry in 7 s, or add another key/)
  })

  it('gives MODEL_NOT_FOUND for an unknown model', async () => {
    const error = await failure(undefined, { ...hi, model: 'claude-nope' })
    expect(error.code).toBe('MODEL_NOT_FOUND')
    expect(error.message).toMatch(/Anthropic has no model "claude-nope": pick one from the model list/)
  })

  it('maps an error event in the middle of a stream after the text that came before it', async () => {
    server.next({ type: 'stream_error', afterEvents: 4, errorType: 'overloaded_error', message: 'Overloaded' })
    const events = await collect(createAnthropicAdapter(endpoint).streamChat(hi))
    expect(events.filter((e) => e.type === 'text').length).toBeGreaterThan(0)
    const last = events.at(-1)
    expect(last?.type === 'error' && last.error.code).toBe('PROVIDER_SERVER')
    expect(last?.type === 'error' && last.error.message).toMatch(/\(529\).*Overloaded/)
  })

  it.each([
    ['cut', 'The connection to Anthropic was cut before the answer finished; what arrived is kept. Try again.'],
    ['end', 'Anthropic sent a response NEXUS cannot read (the stream ended before the answer was complete). Try again; if it persists, check the base URL.'],
    ['invalid_json', 'Anthropic sent a response NEXUS cannot read (an event of the stream is not valid JSON). Try again; if it persists, check the base URL.']
  ] as const)('reports a %s stream as an error event, never a throw or a hang', async (type, message) => {
    const error = await failure({ type, afterEvents: 4 })
    expect(error.code).toBe('PROVIDER_SERVER')
    expect(error.message).toBe(message)
  })

  it('ends a stalled stream with TIMEOUT after timeoutMs without bytes', async () => {
    server.next({ type: 'stall', afterEvents: 3 })
    const started = Date.now()
    const closed = server.clientClosed()
    const events = await collect(createAnthropicAdapter({ ...endpoint, timeoutMs: 300 }).streamChat(hi))
    const last = events.at(-1)
    expect(last?.type === 'error' && last.error.code).toBe('TIMEOUT')
    expect(last?.type === 'error' && last.error.message).toMatch(/^Anthropic did not answer in time/)
    expect(Date.now() - started).toBeLessThan(3000)
    await closed
  })

  it('lets a slow but steady stream, and a slow consumer, run longer than timeoutMs: only silence times out', async () => {
    server.next({ type: 'reply', chunkBytes: 150, delayMs: 80 })
    const started = Date.now()
    const events = await collect(createAnthropicAdapter({ ...endpoint, timeoutMs: 250 }).streamChat(hi))
    expect(events.at(-1)).toEqual({ type: 'finish', reason: 'stop' })
    expect(Date.now() - started).toBeGreaterThan(500)
    const slowly = await collectSlowly(createAnthropicAdapter({ ...endpoint, timeoutMs: 250 }).streamChat(hi), 500)
    expect(slowly.at(-1)).toEqual({ type: 'finish', reason: 'stop' })
  })

  it('cancels mid-stream promptly with CANCELLED, and the server sees the connection close', async () => {
    server.next({ type: 'stall', afterEvents: 4 })
    const controller = new AbortController()
    const closed = server.clientClosed()
    const events: ChatEvent[] = []
    let cancelledAt = 0
    for await (const event of createAnthropicAdapter(endpoint).streamChat(hi, { signal: controller.signal })) {
      events.push(event)
      if (event.type === 'text' && !cancelledAt) {
        cancelledAt = Date.now()
        setTimeout(() => controller.abort(), 20)
      }
    }
    seen.push(events)
    expect(Date.now() - cancelledAt).toBeLessThan(1000)
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { code: 'CANCELLED', message: 'The request to Anthropic was cancelled.' } })
    await closed
  })

  it('Stop pressed while the consumer is busy and the whole body has arrived still ends promptly', async () => {
    server.next({ type: 'reply', chunkBytes: 40 })
    const events = await stopWhileBusy((signal) => createAnthropicAdapter(endpoint).streamChat(hi, { signal }))
    seen.push(events)
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { code: 'CANCELLED', message: 'The request to Anthropic was cancelled.' } })
  })

  it('closes the request when the consumer stops reading early', async () => {
    server.next({ type: 'stall', afterEvents: 4 })
    const closed = server.clientClosed()
    for await (const event of createAnthropicAdapter(endpoint).streamChat(hi)) if (event.type === 'text') break
    await closed
  })

  it('cancels before any request with an already aborted signal', async () => {
    const count = server.requests.length
    const events = await collect(createAnthropicAdapter(endpoint).streamChat(hi, { signal: AbortSignal.abort() }))
    expect(events).toEqual([{ type: 'error', error: expect.objectContaining({ code: 'CANCELLED' }) }])
    expect(server.requests.length).toBe(count)
  })

  it('gives NETWORK when nothing listens, and PROVIDER_AUTH without a key', async () => {
    const port = await closedPort()
    const down = await failure(undefined, hi, { ...endpoint, baseUrl: `http://127.0.0.1:${port}` })
    expect(down.code).toBe('NETWORK')
    expect(down.message).toMatch(new RegExp(`^Cannot reach Anthropic at http://127.0.0.1:${port}\\. Check your connection`))
    const keyless = await failure(undefined, hi, { ...endpoint, apiKey: undefined })
    expect(keyless.code).toBe('PROVIDER_AUTH')
    expect(keyless.message).toBe('Anthropic has no API key: add one in Settings > Providers.')
    const listError = await createAnthropicAdapter({ ...endpoint, baseUrl: `http://127.0.0.1:${port}` }).listModels().catch((e: unknown) => e)
    seen.push(listError)
    expect(listError).toMatchObject({ code: 'NETWORK' })
  })
})
