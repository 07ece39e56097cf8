import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  createOpenAICompatibleAdapter,
  OPENAI_COMPATIBLE_PRESETS,
  presetForBaseUrl,
  type OpenAICompatiblePresetId
} from '../../../src/main/core/providers/openai-compatible'
import type { ChatRequest, ProviderEndpoint } from '../../../src/main/core/providers/types'
import { embeddingFor, startOpenAIFixture, type OpenAIFixture } from '../../fixtures/providers/openai-server'
import { closedPort, collect } from '../../helpers/chat-events'

const ENV_KEY = 'sk-env-SENTINEL-0123456789abcdef'
const KEY = 'gsk_test_0123456789abcdef'
let local: OpenAIFixture // a keyless server, like LM Studio
let cloud: OpenAIFixture // a server that checks the key
const savedEnv = { ...process.env }

beforeAll(async () => {
  local = await startOpenAIFixture({
    models: [
      { id: 'qwen2.5-7b-instruct' },
      { id: 'meta-llama/llama-3.1-8b', name: 'Llama 3.1 8B', context_length: 131072 },
      { id: 'mistral-7b', object: 'model', max_model_len: 32768 },
      { id: 'nomic-embed-text' },
      { object: 'model' },
      'garbage'
    ]
  })
  cloud = await startOpenAIFixture({ apiKey: KEY, models: [{ id: 'mistral-small-latest', object: 'model', created: 1, owned_by: 'mistralai' }] })
})
afterAll(async () => {
  await local.close()
  await cloud.close()
})
afterEach(() => {
  process.env = { ...savedEnv }
})

const ask = (model: string, maxTokens?: number): ChatRequest => ({
  model,
  maxTokens,
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }]
})

function adapter(preset: OpenAICompatiblePresetId, over: Partial<ProviderEndpoint> = {}) {
  const name = OPENAI_COMPATIBLE_PRESETS.find((p) => p.id === preset)!.name
  const endpoint: ProviderEndpoint = { id: `${preset}-1`, kind: 'openai-compatible', name, timeoutMs: 5000, ...over }
  return createOpenAICompatibleAdapter(endpoint, preset)
}

describe('OpenAI-compatible presets', () => {
  it('lists every preset with its default address and key needs', () => {
    expect(OPENAI_COMPATIBLE_PRESETS.map((p) => [p.id, p.defaultBaseUrl, p.needsKey, p.defaultPort])).toEqual([
      ['lmstudio', 'http://127.0.0.1:1234/v1', false, 1234],
      ['llamacpp', 'http://127.0.0.1:8080/v1', false, 8080],
      ['vllm', 'http://127.0.0.1:8000/v1', false, 8000],
      ['groq', 'https://api.groq.com/openai/v1', true, undefined],
      ['openrouter', 'https://openrouter.ai/api/v1', true, undefined],
      ['mistral', 'https://api.mistral.ai/v1', true, undefined],
      ['deepseek', 'https://api.deepseek.com/v1', true, undefined],
      ['together', 'https://api.together.xyz/v1', true, undefined],
      ['custom', '', false, undefined]
    ])
    expect(OPENAI_COMPATIBLE_PRESETS.filter((p) => p.local).map((p) => p.name)).toEqual(['LM Studio', 'llama.cpp server', 'vLLM'])
  })

  it('recognises a preset from its base URL', () => {
    expect(presetForBaseUrl('http://localhost:1234/v1/').id).toBe('lmstudio')
    expect(presetForBaseUrl('https://api.groq.com/openai/v1').id).toBe('groq')
    expect(presetForBaseUrl('http://10.0.0.5:9999/v1').id).toBe('custom')
    expect(presetForBaseUrl('not a url').id).toBe('custom')
  })

  it('custom without a base URL is refused rather than sent to OpenAI', () => {
    expect(() => adapter('custom')).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }))
  })
})

describe('a local preset (LM Studio)', () => {
  it('streams with no key at all, even when OPENAI_* variables hold one, and sends max_tokens', async () => {
    process.env.OPENAI_API_KEY = ENV_KEY
    process.env.OPENAI_ADMIN_KEY = ENV_KEY
    process.env.OPENAI_ORG_ID = 'org-SENTINEL'
    process.env.OPENAI_BASE_URL = 'http://127.0.0.1:9/v1'
    local.use({ text: 'héllo 世界 🚀' })
    const events = await collect(adapter('lmstudio', { baseUrl: local.baseUrl }).streamChat(ask('qwen2.5-7b-instruct', 100)))
    expect(events.map((e) => (e.type === 'text' ? e.delta : '')).join('')).toBe('héllo 世界 🚀')
    expect(events.at(-1)).toEqual({ type: 'finish', reason: 'stop' })
    const sent = local.chatRequests().at(-1)!
    expect(sent.headers.authorization).toBeUndefined()
    expect(sent.headers['openai-organization']).toBeUndefined()
    expect(JSON.stringify(sent)).not.toContain('SENTINEL')
    expect(sent.body).toMatchObject({ max_tokens: 100, stream_options: { include_usage: true } })
    expect(sent.body).not.toHaveProperty('max_completion_tokens')
  })

  it('reads model lists that lack fields, skipping entries without an id', async () => {
    expect(await adapter('lmstudio', { baseUrl: local.baseUrl }).listModels()).toEqual([
      { id: 'qwen2.5-7b-instruct', name: 'qwen2.5-7b-instruct' },
      { id: 'meta-llama/llama-3.1-8b', name: 'Llama 3.1 8B', contextLength: 131072 },
      { id: 'mistral-7b', name: 'mistral-7b', contextLength: 32768 },
      { id: 'nomic-embed-text', name: 'nomic-embed-text', capabilities: { embedding: true } }
    ])
  })

  it('embeds with float encoding', async () => {
    expect(await adapter('vllm', { baseUrl: local.baseUrl }).embed!(['a', 'b c'], 'nomic-embed-text')).toEqual([
      embeddingFor('a'),
      embeddingFor('b c')
    ])
    expect(local.requests.at(-1)!.body).toMatchObject({ encoding_format: 'float' })
  })

  it('a 400 that says the model is missing ⇒ MODEL_NOT_FOUND', async () => {
    local.use({ error: { status: 400, message: 'model "phi-9" not found, try pulling it first', type: 'api_error' } })
    const last = (await collect(adapter('llamacpp', { baseUrl: local.baseUrl }).streamChat(ask('qwen2.5-7b-instruct')))).at(-1)
    expect(last).toMatchObject({ type: 'error', error: { code: 'MODEL_NOT_FOUND', details: { status: 400 } } })
  })

  it('not running ⇒ NETWORK naming the preset and its address', async () => {
    const port = await closedPort()
    const health = await adapter('lmstudio', { baseUrl: `http://127.0.0.1:${port}/v1` }).health()
    expect(health.ok).toBe(false)
    expect(health.detail).toContain(`Cannot reach LM Studio at http://127.0.0.1:${port}/v1`)
  })
})

describe('cloud presets', () => {
  it('Mistral: sends the key, no stream_options, and reads usage from the finish chunk', async () => {
    cloud.use({ text: 'Bonjour', usageWithFinish: true, usage: { prompt_tokens: 5, completion_tokens: 2 } })
    const events = await collect(adapter('mistral', { baseUrl: cloud.baseUrl, apiKey: KEY }).streamChat(ask('mistral-small-latest', 50)))
    expect(events.slice(-2)).toEqual([
      { type: 'usage', usage: { inputTokens: 5, outputTokens: 2 } },
      { type: 'finish', reason: 'stop' }
    ])
    const sent = cloud.chatRequests().at(-1)!
    expect(sent.headers.authorization).toBe(`Bearer ${KEY}`)
    expect(sent.body).not.toHaveProperty('stream_options')
    expect(sent.body).toMatchObject({ max_tokens: 50 })
  })

  it('a cloud preset without a key is refused before any request, naming the service', async () => {
    const before = cloud.requests.length
    const events = await collect(adapter('groq', { baseUrl: cloud.baseUrl }).streamChat(ask('mistral-small-latest')))
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      error: { code: 'PROVIDER_AUTH', message: 'Groq needs an API key: add one in Settings > Providers.' }
    })
    expect(cloud.requests.length).toBe(before)
  })

  it('errors name the preset: a wrong key on Together', async () => {
    const health = await adapter('together', { baseUrl: cloud.baseUrl, apiKey: 'sk-bad-0123456789' }).health()
    expect(health.detail).toContain('Together rejected the API key: check it in Settings > Providers')
    expect(health.detail).not.toContain('sk-bad-0123456789')
  })

  it('families without embeddings do not offer embed', () => {
    expect(adapter('groq', { apiKey: KEY }).embed).toBeUndefined()
    expect(adapter('together', { apiKey: KEY }).embed).toBeTypeOf('function')
  })
})
