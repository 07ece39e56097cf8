import Anthropic from '@anthropic-ai/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAnthropicAdapter, DEFAULT_MAX_TOKENS } from '../../../src/main/core/providers/anthropic'
import type { ChatRequest, ProviderEndpoint } from '../../../src/main/core/providers/types'
import { startAnthropicServer, type AnthropicFixture } from '../../fixtures/providers/anthropic-server'
import { collect, textOf as text } from '../../helpers/chat-events'

let server: AnthropicFixture
let endpoint: ProviderEndpoint

beforeAll(async () => {
  server = await startAnthropicServer()
  endpoint = { id: 'anthropic', kind: 'anthropic', name: 'Anthropic', baseUrl: server.url, apiKey: server.apiKey, timeoutMs: 5000 }
})
afterAll(() => server.close())

const hi: ChatRequest = { model: 'claude-sonnet-5-5', messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] }

describe('Anthropic adapter: streaming', () => {
  it('assembles text exactly when chunks split UTF-8 characters and JSON, with usage and finish', async () => {
    const pieces = ['hé', 'llo 世', '界 🚀', '!']
    server.next({ type: 'reply', reply: { text: pieces, usage: { input: 33, output: 12 } }, chunkBytes: 3 })
    const events = await collect(createAnthropicAdapter(endpoint).streamChat(hi))
    expect(text(events)).toBe('héllo 世界 🚀!')
    expect(events.slice(-2)).toEqual([
      { type: 'usage', usage: { inputTokens: 33, outputTokens: 12 } },
      { type: 'finish', reason: 'stop' }
    ])
  })

  it('maps the request: system, images, tools, tool results, stop, max tokens; no temperature', async () => {
    const image = Buffer.from('89504e470d0a1a0a', 'hex').toString('base64')
    await collect(
      createAnthropicAdapter(endpoint).streamChat({
        model: 'claude-sonnet-5-5',
        system: 'Be brief.',
        temperature: 0.2,
        maxTokens: 321,
        stop: ['END'],
        tools: [{ name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } } } }],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', mediaType: 'image/png', data: image }] },
          { role: 'assistant', content: [{ type: 'text', text: 'Checking.' }], toolCalls: [{ id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Paris"}' }] },
          { role: 'tool', toolCallId: 'toolu_1', content: '18°C' },
          { role: 'user', content: [{ type: 'text', text: 'Thanks' }] }
        ]
      })
    )
    const sent = server.requests.at(-1)!
    expect(sent.headers['authorization']).toBe(`Bearer ${server.apiKey}`)
    expect(sent.headers['anthropic-version']).toBe('2026-10-21')
    expect(sent.body).toEqual({
      model: 'claude-sonnet-5-5',
      max_tokens: 321,
      stream: true,
      system: 'Be brief.',
      stop_sequences: ['END'],
      tools: [{ name: 'get_weather', description: 'Weather for a city', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
      messages: [
        {
          role: 'user',
          content: [{ type: 'text', text: 'What is this?' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: image } }]
        },
        {
          role: 'assistant',
          content: [{ type: 'text', text: 'Checking.' }, { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } }]
        },
        // The tool result and the next user text share one user turn, the result first.
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '18°C' }, { type: 'text', text: 'Thanks' }] }
      ]
    })
  })

  it('defaults max_tokens, which Anthropic requires', async () => {
    await collect(createAnthropicAdapter(endpoint).streamChat(hi))
    expect(server.requests.at(-1)!.body).toMatchObject({ max_tokens: DEFAULT_MAX_TOKENS })
  })

  it('assembles tool calls from input_json_delta fragments and finishes with tool_calls', async () => {
    server.next({
      type: 'reply',
      reply: {
        text: ['Let me check.'],
        toolUses: [
          { id: 'toolu_01A', name: 'get_weather', input: { city: 'Zürich', days: [1, 2] } },
          { id: 'toolu_01B', name: 'get_time', input: { tz: 'Europe/Zurich' } }
        ],
        stopReason: 'tool_use',
        usage: { input: 50, output: 40 }
      },
      chunkBytes: 17
    })
    const events = await collect(createAnthropicAdapter(endpoint).streamChat(hi))
    expect(text(events)).toBe('Let me check.')
    expect(events.filter((e) => e.type === 'tool_call')).toEqual([
      { type: 'tool_call', call: { id: 'toolu_01A', name: 'get_weather', arguments: '{"city":"Zürich","days":[1,2]}' } },
      { type: 'tool_call', call: { id: 'toolu_01B', name: 'get_time', arguments: '{"tz":"Europe/Zurich"}' } }
    ])
    expect(events.at(-1)).toEqual({ type: 'finish', reason: 'tool_calls' })
  })

  it.each([
    ['max_tokens', 'length'],
    ['stop_sequence', 'stop'],
    ['refusal', 'content_filter'],
    ['pause_turn', 'other']
  ])('maps stop_reason %s to %s', async (stopReason, reason) => {
    server.next({ type: 'reply', reply: { stopReason } })
    const events = await collect(createAnthropicAdapter(endpoint).streamChat(hi))
    expect(events.at(-1)).toEqual({ type: 'finish', reason })
  })

  it('lists models with context length and vision, and reports health', async () => {
    const adapter = createAnthropicAdapter(endpoint)
    const models = await adapter.listModels()
    expect(models.map((m) => m.id)).toEqual(['claude-sonnet-5-5', 'claude-haiku-5-5', 'claude-opus-5-5'])
    expect(models[2]).toEqual({
      id: 'claude-opus-5-5',
      name: 'Claude Opus 5.5',
      contextLength: 1_000_000,
      capabilities: { vision: false, tools: true, embedding: false }
    })
    expect(adapter.embed).toBeUndefined()
    const health = await adapter.health()
    expect(health).toMatchObject({ ok: true, detail: '3 models' })
    const bad = await createAnthropicAdapter({ ...endpoint, apiKey: 'sk-ant-wrong' }).health()
    expect(bad.ok).toBe(false)
    expect(bad.detail).toMatch(/Anthropic rejected the API key: check it in Settings > Providers/)
  })
})

describe('Anthropic fixture fidelity', () => {
  it("streams an event sequence the SDK's own MessageStream accumulates, and answers JSON", async () => {
    const client = new Anthropic({ apiKey: server.apiKey, baseURL: server.url, maxRetries: 0 })
    server.next({ type: 'reply', reply: { text: ['Hi ', 'there'], toolUses: [{ id: 'toolu_9', name: 'f', input: { a: [1, 'ü'] } }], stopReason: 'tool_use' } })
    const params = { model: 'claude-haiku-5-5', max_tokens: 50, messages: [{ role: 'user' as const, content: 'hi' }] }
    const message = await client.messages.stream(params).finalMessage()
    expect(message.content).toEqual([
      { type: 'text', text: 'Hi there' },
      { type: 'tool_use', id: 'toolu_9', name: 'f', input: { a: [1, 'ü'] } }
    ])
    expect(message).toMatchObject({ stop_reason: 'tool_use', usage: { input_tokens: 21, output_tokens: 7 } })
    const json = await client.messages.create(params)
    expect(json.content).toEqual([{ type: 'text', text: 'Hello from the fixture.' }])
  })
})
