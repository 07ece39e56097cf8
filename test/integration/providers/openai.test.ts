import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOpenAIAdapter } from '../../../src/main/core/providers/openai'
import type { ChatEvent, ChatRequest, ProviderEndpoint } from '../../../src/main/core/providers/types'
import { DEFAULT_MODELS, embeddingFor, startOpenAIFixture, type OpenAIFixture } from '../../fixtures/providers/openai-server'
import { collect, collectSlowly, stopWhileBusy, textOf as text, within } from '../../helpers/chat-events'

const KEY = 'sk-test-SENTINEL-0123456789abcdef'
let fx: OpenAIFixture

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
  timeoutMs: 10_000,
  ...over
})
const adapter = (over?: Partial<ProviderEndpoint>) => createOpenAIAdapter(endpoint(over))
const ask = (text = 'hi'): ChatRequest => ({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: [{ type: 'text', text }] }] })

const errorOf = (events: ChatEvent[]) => {
  const last = events.at(-1)
  if (last?.type !== 'error') throw new Error(`expected an error event, got ${JSON.stringify(last)}`)
  return last.error
}

describe('OpenAI adapter: streaming', () => {
  it('streams non-ASCII text exactly, then usage, then the finish reason', async () => {
    fx.use({ text: 'héllo 世界 🚀 — ünïcödé ✓', usage: { prompt_tokens: 21, completion_tokens: 9 } })
    const events = await collect(adapter().streamChat(ask()))
    expect(text(events)).toBe('héllo 世界 🚀 — ünïcödé ✓')
    expect(events.filter((e) => e.type === 'text').length).toBeGreaterThan(3)
    expect(events.slice(-2)).toEqual([
      { type: 'usage', usage: { inputTokens: 21, outputTokens: 9 } },
      { type: 'finish', reason: 'stop' }
    ])
  })

  it('assembles text exactly when the body is split inside UTF-8 characters and inside JSON', async () => {
    fx.use({ text: 'héllo 世界 🚀 ñ', cuts: 'mid-utf8-and-json' })
    const events = await collect(adapter().streamChat(ask()))
    expect(text(events)).toBe('héllo 世界 🚀 ñ')
    expect(events.at(-1)).toEqual({ type: 'finish', reason: 'stop' })
    // 8 SSE events written as 13 pieces (7 cuts inside JSON, 5 inside characters).
    expect(fx.responses.at(-1)!.pieces).toBe(13)
  })

  it('assembles a huge streamed answer exactly', async () => {
    const huge = 'lorem ipsum 🚀 dolor '.repeat(50_000)
    fx.use({ text: huge, deltaChars: 5000, delayMs: 0 })
    const events = await collect(adapter().streamChat(ask()))
    expect(text(events)).toBe(huge)
    expect(events.at(-1)).toEqual({ type: 'finish', reason: 'stop' })
  })

  it('assembles streamed tool-call fragments into complete calls, in order', async () => {
    const calls = [
      { id: 'call_a1', name: 'get_weather', arguments: '{"city":"Zürich","unit":"celsius"}' },
      { id: 'call_b2', name: 'search', arguments: '{"q":"世界 news","limit":3}' }
    ]
    fx.use({ text: 'Let me check.', toolCalls: calls })
    const events = await collect(adapter().streamChat(ask('weather?')))
    expect(text(events)).toBe('Let me check.')
    expect(events.filter((e) => e.type === 'tool_call')).toEqual(calls.map((call) => ({ type: 'tool_call', call })))
    expect(events.at(-1)).toEqual({ type: 'finish', reason: 'tool_calls' })
  })

  it('tool calls that end with "stop" (some local servers) still finish as tool_calls', async () => {
    fx.use({ toolCalls: [{ id: 'call_1', name: 'now', arguments: '{}' }], finishReason: 'stop' })
    const events = await collect(adapter().streamChat(ask()))
    expect(events.filter((e) => e.type === 'tool_call')).toHaveLength(1)
    expect(events.at(-1)).toEqual({ type: 'finish', reason: 'tool_calls' })
  })

  it.each([
    ['length', 'length'],
    ['content_filter', 'content_filter'],
    ['something_new', 'other']
  ] as const)('maps finish reason %s to %s', async (wire, reason) => {
    fx.use({ text: 'cut short', finishReason: wire })
    const events = await collect(adapter().streamChat(ask()))
    expect(events.at(-1)).toEqual({ type: 'finish', reason })
  })

  it('maps the request: system, images, tool calls and results, tools, temperature, stop, max tokens', async () => {
    fx.use({ text: 'ok' })
    const parameters = { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] }
    await collect(
      adapter().streamChat({
        model: 'gpt-4o',
        system: 'Be brief.',
        temperature: 0.2,
        maxTokens: 256,
        stop: ['END'],
        tools: [{ name: 'lookup', description: 'Look things up', parameters }],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', mediaType: 'image/png', data: 'iVBORw0KGgo=' }] },
          { role: 'assistant', content: [], toolCalls: [{ id: 'call_1', name: 'lookup', arguments: '{"q":"x"}' }] },
          { role: 'tool', toolCallId: 'call_1', content: '{"answer":42}' },
          { role: 'assistant', content: [{ type: 'text', text: 'It is 42.' }] },
          { role: 'user', content: [{ type: 'text', text: 'Thanks' }] }
        ]
      })
    )
    const sent = fx.chatRequests().at(-1)!
    expect(sent.headers.authorization).toBe(`Bearer ${KEY}`)
    expect(sent.body).toEqual({
      model: 'gpt-4o',
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.2,
      max_completion_tokens: 256,
      stop: ['END'],
      tools: [{ type: 'function', function: { name: 'lookup', description: 'Look things up', parameters } }],
      messages: [
        { role: 'system', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } }
          ]
        },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"q":"x"}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: '{"answer":42}' },
        { role: 'assistant', content: 'It is 42.' },
        { role: 'user', content: 'Thanks' }
      ]
    })
  })
})

describe('OpenAI adapter: cancellation and stalls', () => {
  it('a cancel mid-stream ends promptly with CANCELLED and closes the connection', async () => {
    fx.use({ text: 'abcdefghijkl', end: 'stall', endAfter: 3 })
    const controller = new AbortController()
    let abortedAt = 0
    const events = await within(
      collect(adapter().streamChat(ask(), { signal: controller.signal }), (event) => {
        if (event.type === 'text' && !abortedAt) {
          // Abort later, while the adapter waits on a server that sends nothing more.
          setTimeout(() => {
            abortedAt = Date.now()
            controller.abort()
          }, 50)
        }
      }),
      5000
    )
    expect(Date.now() - abortedAt).toBeLessThan(1000)
    expect(text(events)).toBe('abcdef')
    expect(errorOf(events)).toMatchObject({ code: 'CANCELLED', message: 'The request to OpenAI was cancelled.' })
    expect(await within(fx.responses.at(-1)!.closed, 2000)).toBe(false)
  })

  it('a cancel before the response headers ends with CANCELLED and closes the connection', async () => {
    fx.use({ hang: true })
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 100)
    const events = await within(collect(adapter().streamChat(ask(), { signal: controller.signal })), 2000)
    expect(errorOf(events).code).toBe('CANCELLED')
    expect(await within(fx.responses.at(-1)!.closed, 2000)).toBe(false)
  })

  it('Stop pressed while the consumer is busy and the whole body has arrived still ends promptly', async () => {
    fx.use({ text: 'abcdefghijkl' })
    const events = await stopWhileBusy((signal) => adapter().streamChat(ask(), { signal }))
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { code: 'CANCELLED', message: 'The request to OpenAI was cancelled.' } })
  })

  it('an already-aborted signal sends nothing', async () => {
    const before = fx.requests.length
    const events = await collect(adapter().streamChat(ask(), { signal: AbortSignal.abort() }))
    expect(errorOf(events).code).toBe('CANCELLED')
    expect(fx.requests.length).toBe(before)
  })

  it('a consumer that stops reading closes the HTTP request', async () => {
    fx.use({ text: 'abcdefghijkl', end: 'stall', endAfter: 3 })
    for await (const event of adapter().streamChat(ask())) if (event.type === 'text') break
    expect(await within(fx.responses.at(-1)!.closed, 2000)).toBe(false)
  })

  it('a stream that stalls mid-answer ends with TIMEOUT after timeoutMs, keeping the text', async () => {
    fx.use({ text: 'abcdefghijkl', end: 'stall', endAfter: 3 })
    const started = Date.now()
    const events = await within(collect(adapter({ timeoutMs: 300 }).streamChat(ask())), 5000)
    expect(Date.now() - started).toBeGreaterThanOrEqual(250)
    expect(text(events)).toBe('abcdef')
    expect(errorOf(events)).toMatchObject({ code: 'TIMEOUT' })
    expect(errorOf(events).message).toContain('OpenAI did not answer in time')
    expect(await within(fx.responses.at(-1)!.closed, 2000)).toBe(false)
  })

  it('a slow but steady stream, keep-alive comments, and a slow consumer are not stalls', async () => {
    // Keep-alive comments, then the answer, 100 ms apart: 900 ms in all, never 300 ms without a
    // byte. Comments carry no chunk, but they are bytes: the server is alive.
    fx.use({ text: 'abc', comments: 4, delayMs: 100 })
    expect((await collect(adapter({ timeoutMs: 300 }).streamChat(ask()))).at(-1)).toEqual({ type: 'finish', reason: 'stop' })
    fx.use({ text: 'abcdefghijkl' })
    const events = await collectSlowly(adapter({ timeoutMs: 300 }).streamChat(ask()), 600)
    expect(text(events)).toBe('abcdefghijkl')
    expect(events.at(-1)).toEqual({ type: 'finish', reason: 'stop' })
  })

  it('a server that never sends headers ends with TIMEOUT', async () => {
    fx.use({ hang: true })
    const events = await within(collect(adapter({ timeoutMs: 300 }).streamChat(ask())), 5000)
    expect(errorOf(events).code).toBe('TIMEOUT')
  })
})

describe('OpenAI adapter: models, embeddings, health', () => {
  it('lists models', async () => {
    const models = await adapter().listModels()
    expect(models.map((m) => m.id)).toEqual(DEFAULT_MODELS)
    expect(models[0]).toEqual({ id: 'gpt-4o-mini', name: 'gpt-4o-mini' })
    expect(models.find((m) => m.id === 'text-embedding-3-small')?.capabilities).toEqual({ embedding: true })
  })

  it('embeds texts in input order (base64 on the wire, decoded)', async () => {
    const texts = ['a', 'héllo', '世界']
    expect(await adapter().embed!(texts, 'text-embedding-3-small')).toEqual(texts.map(embeddingFor))
    const sent = fx.requests.at(-1)!
    expect(sent.body).toEqual({ model: 'text-embedding-3-small', input: texts, encoding_format: 'base64' })
    expect(await adapter().embed!([], 'text-embedding-3-small')).toEqual([])
  })

  it('embedding with a model that does not exist ⇒ MODEL_NOT_FOUND', async () => {
    await expect(adapter().embed!(['a'], 'no-such-embedder')).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' })
  })

  it('health reports the model count, and a failure without throwing', async () => {
    const good = await adapter().health()
    expect(good).toMatchObject({ ok: true, detail: '3 models' })
    expect(good.latencyMs).toBeGreaterThanOrEqual(0)
    const bad = await adapter({ apiKey: 'sk-wrong-key-000000000' }).health()
    expect(bad.ok).toBe(false)
    expect(bad.detail).toContain('OpenAI rejected the API key: check it in Settings > Providers')
  })

  it('the fixture also answers non-streamed completions as the SDK expects', async () => {
    fx.use({ text: 'héllo', usage: { prompt_tokens: 3, completion_tokens: 2 } })
    const sdk = new OpenAI({ apiKey: KEY, baseURL: fx.baseUrl, maxRetries: 0 })
    const completion = await sdk.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
    expect(completion.choices[0]?.message.content).toBe('héllo')
    expect(completion.usage).toMatchObject({ prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 })
  })
})
