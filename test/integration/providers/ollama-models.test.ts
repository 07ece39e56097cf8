import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOllamaAdapter } from '../../../src/main/core/providers/ollama'
import { OllamaRun } from '../../../src/main/core/providers/ollama-http'
import { createOllamaModels, type PullProgress } from '../../../src/main/core/providers/ollama-models'
import type { ChatEvent, ProviderEndpoint } from '../../../src/main/core/providers/types'
import { startOllamaServer, type OllamaFixture } from '../../fixtures/providers/ollama-server'
import { closedPort } from '../../helpers/chat-events'

let server: OllamaFixture
let endpoint: ProviderEndpoint

beforeAll(async () => {
  server = await startOllamaServer()
  endpoint = { id: 'ollama', kind: 'ollama', name: 'Ollama', baseUrl: server.url, timeoutMs: 5000 }
})
afterAll(() => server.close())

describe('Ollama: models, embeddings, health', () => {
  it('lists local models from /api/tags and reports health', async () => {
    const adapter = createOllamaAdapter(endpoint)
    const models = await adapter.listModels()
    expect(models.map((m) => m.id)).toEqual(['llama3.2:latest', 'llava:7b', 'qwen2.5:0.5b', 'all-minilm:latest'])
    expect(models[1]).toEqual({ id: 'llava:7b', name: 'llava:7b', capabilities: { vision: true } })
    expect(await adapter.health()).toMatchObject({ ok: true, detail: '4 models' })
    // A key is only for an authenticating proxy in front of Ollama; it goes as a bearer token.
    await createOllamaAdapter({ ...endpoint, apiKey: 'proxy-key-1' }).listModels()
    expect(server.requests.at(-1)!.headers['authorization']).toBe('Bearer proxy-key-1')
  })

  it('embeds texts through /api/embed', async () => {
    const vectors = await createOllamaAdapter(endpoint).embed!(['a', 'bb'], 'all-minilm')
    expect(vectors).toEqual([[0.01, 0.5, -0.25], [0.02, 0.5, -0.25]])
    expect(server.requests.at(-1)!.body).toEqual({ model: 'all-minilm', input: ['a', 'bb'] })
    await expect(createOllamaAdapter(endpoint).embed!(['a'], 'nomic-embed-text')).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' })
  })

  it.each([
    ['llama3.2', 131_072, { vision: false, tools: true, embedding: false }, 'llama', 2_019_393_189],
    // No `capabilities` in the answer: inferred from the projector and the template.
    ['llava:7b', 32_768, { vision: true, tools: false, embedding: false }, 'llama', 4_733_363_377],
    ['qwen2.5:0.5b', 32_768, { vision: false, tools: true, embedding: false }, 'qwen2', 397_821_319],
    ['all-minilm', 512, { vision: false, tools: false, embedding: true }, 'bert', 45_960_996]
  ])('shows %s with its context length and capabilities', async (model, contextLength, capabilities, family, sizeBytes) => {
    const details = await createOllamaModels(endpoint).show(model)
    expect(details).toEqual({ model, contextLength, capabilities, family, parameterSize: expect.any(String), quantization: expect.any(String), sizeBytes })
  })

  it('gives MODEL_NOT_FOUND when showing or deleting a model that is not there', async () => {
    const models = createOllamaModels(endpoint)
    await expect(models.show('nope')).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND', message: expect.stringContaining('Ollama has no model "nope"') })
    await expect(models.delete('nope:1b')).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' })
  })

  it('deletes a model, which then leaves the list', async () => {
    await createOllamaModels(endpoint).delete('qwen2.5:0.5b')
    expect(server.requests.at(-1)).toMatchObject({ method: 'DELETE', path: '/api/delete', body: { name: 'qwen2.5:0.5b' } })
    expect((await createOllamaAdapter(endpoint).listModels()).map((m) => m.id)).not.toContain('qwen2.5:0.5b')
  })
})

describe('Ollama: pull', () => {
  it('reports progress whose fraction only grows, reaches 1, and then the model is listed', async () => {
    const progress: PullProgress[] = []
    await createOllamaModels(endpoint).pull('tinyllama', { onProgress: (p) => progress.push(p) })
    const statuses = progress.map((p) => p.status)
    expect(statuses[0]).toBe('pulling manifest')
    expect(statuses.slice(-3)).toEqual(['verifying sha256 digest', 'writing manifest', 'success'])
    expect(progress.find((p) => p.digest)).toMatchObject({ status: 'pulling 000000000000', total: 637_699_456, completed: 0 })
    const fractions = progress.map((p) => p.fraction)
    fractions.forEach((f, i) => expect(f).toBeGreaterThanOrEqual(fractions[i - 1] ?? 0))
    expect(fractions.some((f) => f > 0.2 && f < 0.8)).toBe(true)
    expect(fractions.at(-1)).toBe(1)
    expect((await createOllamaAdapter(endpoint).listModels()).map((m) => m.id)).toContain('tinyllama:latest')
    server.installed.delete('tinyllama:latest')
  })

  it('gives MODEL_NOT_FOUND for a name the library does not have', async () => {
    const error = await createOllamaModels(endpoint).pull('no-such-model:13b').catch((e: unknown) => e)
    expect(error).toMatchObject({
      code: 'MODEL_NOT_FOUND',
      message: 'Ollama found no model "no-such-model:13b" to pull: check the name at ollama.com/library (Ollama said: pull model manifest: file does not exist).'
    })
  })

  it('cancel stops the pull: CANCELLED, connection closed, model not installed', async () => {
    server.holdPulls = true
    try {
      const controller = new AbortController()
      const closed = server.clientClosed()
      const error = await createOllamaModels(endpoint)
        .pull('tinyllama', {
          signal: controller.signal,
          onProgress: (p) => {
            if (p.digest) controller.abort()
          }
        })
        .catch((e: unknown) => e)
      expect(error).toMatchObject({ code: 'CANCELLED', message: 'The request to Ollama was cancelled.' })
      await closed
      expect(server.installed.has('tinyllama:latest')).toBe(false)
    } finally {
      server.holdPulls = false
    }
  })
})

describe('Ollama not running', () => {
  const START = 'Start Ollama, or set its address in Settings > Providers.'

  it('says how to fix it on every path', async () => {
    const port = await closedPort()
    const down: ProviderEndpoint = { ...endpoint, baseUrl: `http://127.0.0.1:${port}` }
    const message = `Cannot reach Ollama at http://127.0.0.1:${port}. ${START}`
    const events: ChatEvent[] = []
    for await (const e of createOllamaAdapter(down).streamChat({ model: 'llama3.2', messages: [] })) events.push(e)
    expect(events).toEqual([{ type: 'error', error: expect.objectContaining({ code: 'NETWORK', message }) }])
    await expect(createOllamaAdapter(down).listModels()).rejects.toMatchObject({ code: 'NETWORK', message })
    await expect(createOllamaModels(down).pull('tinyllama')).rejects.toMatchObject({ code: 'NETWORK', message })
    await expect(createOllamaModels(down).show('llama3.2')).rejects.toMatchObject({ code: 'NETWORK', message })
    expect(await createOllamaAdapter(down).health()).toMatchObject({ ok: false, detail: message })
  })

  it('names the default address when none is configured', () => {
    const run = new OllamaRun({ id: 'ollama', kind: 'ollama', name: 'Ollama' }, undefined, undefined)
    expect(run.error(new TypeError('fetch failed')).message).toBe(`Cannot reach Ollama at http://127.0.0.1:11434. ${START}`)
    run.dispose()
  })
})
