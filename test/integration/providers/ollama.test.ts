import { Ollama } from 'ollama'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOllamaAdapter } from '../../../src/main/core/providers/ollama'
import type { ChatEvent, ChatRequest, ProviderEndpoint } from '../../../src/main/core/providers/types'
import type { NexusError } from '../../../src/shared/errors'
import { startOllamaServer, type OllamaBehavior, type OllamaFixture } from '../../fixtures/providers/ollama-server'
import { collect, collectSlowly, stopWhileBusy, textOf as text } from '../../helpers/chat-events'

let server: OllamaFixture
let endpoint: ProviderEndpoint

beforeAll(async () => {
  server = await startOllamaServer()
  endpoint = { id: 'ollama', kind: 'ollama', name: 'Ollama', baseUrl: server.url, timeoutMs: 5000 }
})
afterAll(() => server.close())

const hi: ChatRequest = { model: 'llama3.2', messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] }

async function failure(behavior?: OllamaBehavior, request = hi, ep = endpoint): Promise<NexusError> {
  if (behavior) server.next(behavior)
  const last = (await collect(createOllamaAdapter(ep).streamChat(request))).at(-1)
  if (last?.type !== 'error') throw new Error(`expected an error event, got ${JSON.stringify(last)}`)
  return last.error
}

describe('Ollama adapter: chat', () => {
  it('assembles text exactly through chunks split mid-UTF-8 and mid-JSON, with usage and finish', async () => {
    server.next({ type: 'reply', reply: { content: ['hé', 'llo 世', '界 🚀'], promptEvalCount: 31, evalCount: 9 }, chunkBytes: 3 })
    const events = await collect(createOllamaAdapter(endpoint).streamChat(hi))
    expect(text(events)).toBe('héllo 世界 🚀')
    expect(events.slice(-2)).toEqual([
      { type: 'usage', usage: { inputTokens: 31, outputTokens: 9 } },
      { type: 'finish', reason: 'stop' }
    ])
  })

  it('maps the request: system, images, tools, tool results by name, options', async () => {
    const image = Buffer.from('ffd8ffe000104a46', 'hex').toString('base64')
    await collect(
      createOllamaAdapter(endpoint).streamChat({
        model: 'llama3.2',
        system: 'Be brief.',
        temperature: 0.3,
        maxTokens: 128,
        stop: ['###'],
        tools: [{ name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Look' }, { type: 'image', mediaType: 'image/jpeg', data: image }] },
          { role: 'assistant', content: [], toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' }] },
          { role: 'tool', toolCallId: 'call_1', content: '-3°C' }
        ]
      })
    )
    expect(server.requests.at(-1)!.body).toEqual({
      model: 'llama3.2',
      stream: true,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Look', images: [image] },
        { role: 'assistant', content: '', tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Oslo' } } }] },
        { role: 'tool', content: '-3°C', tool_name: 'get_weather' }
      ],
      tools: [{ type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }],
      options: { temperature: 0.3, num_predict: 128, stop: ['###'] }
    })
  })

  it('yields tool calls with their ids (or made-up ones) and finishes with tool_calls', async () => {
    server.next({
      type: 'reply',
      reply: { content: [], toolCalls: [{ id: 'call_abc', name: 'get_weather', arguments: { city: 'Zürich' } }, { name: 'get_time', arguments: {} }] }
    })
    const events = await collect(createOllamaAdapter(endpoint).streamChat(hi))
    const calls = events.flatMap((e) => (e.type === 'tool_call' ? [e.call] : []))
    expect(calls[0]).toEqual({ id: 'call_abc', name: 'get_weather', arguments: '{"city":"Zürich"}' })
    expect(calls[1]).toMatchObject({ id: expect.stringMatching(/^call_/), name: 'get_time', arguments: '{}' })
    expect(events.at(-1)).toEqual({ type: 'finish', reason: 'tool_calls' })
  })

  it('maps done_reason length to length', async () => {
    server.next({ type: 'reply', reply: { doneReason: 'length' } })
    expect((await collect(createOllamaAdapter(endpoint).streamChat(hi))).at(-1)).toEqual({ type: 'finish', reason: 'length' })
  })
})

describe('Ollama adapter: chat failures', () => {
  it('gives MODEL_NOT_FOUND with Ollama\'s words for a model that is not pulled', async () => {
    const error = await failure(undefined, { ...hi, model: 'llama9' })
    expect(error.code).toBe('MODEL_NOT_FOUND')
    expect(error.message).toBe('Ollama has no model "llama9": pick one from the model list (Ollama said: model "llama9" not found, try pulling it first).')
  })

  it.each([
    [400, 'invalid options', 'PROVIDER_BAD_REQUEST'],
    [500, 'llama runner process has terminated: exit status 2', 'PROVIDER_SERVER']
  ])('normalizes HTTP %i', async (status, said, code) => {
    const error = await failure({ type: 'status', status, error: said })
    expect(error.code).toBe(code)
    expect(error.message).toContain(`(Ollama said: ${said})`)
  })

  it('maps an error line in the middle of the stream', async () => {
    server.next({ type: 'stream_error', afterLines: 2, error: 'an error was encountered while running the model: unexpected EOF' })
    const events = await collect(createOllamaAdapter(endpoint).streamChat(hi))
    expect(text(events)).toBe('Hello from')
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      error: { code: 'PROVIDER_SERVER', message: 'Ollama stopped the answer with an error. Try again (Ollama said: an error was encountered while running the model: unexpected EOF).' }
    })
  })

  it.each([
    ['cut', 'The connection to Ollama was cut before the answer finished; what arrived is kept. Try again.'],
    ['end', 'Ollama sent a response NEXUS cannot read (the stream ended before the answer was complete). Try again; if it persists, check the base URL.'],
    ['invalid_json', 'Ollama sent a response NEXUS cannot read (a line of the stream is not valid JSON). Try again; if it persists, check the base URL.']
  ] as const)('reports a %s stream as an error event, never a throw or a hang', async (type, message) => {
    const error = await failure({ type, afterLines: 1 })
    expect(error.code).toBe('PROVIDER_SERVER')
    expect(error.message).toBe(message)
  })

  it('ends a stall with TIMEOUT, and lets a slow steady stream and a slow consumer finish', async () => {
    server.next({ type: 'stall', afterLines: 1 })
    const closed = server.clientClosed()
    expect((await failure(undefined, hi, { ...endpoint, timeoutMs: 300 })).code).toBe('TIMEOUT')
    await closed
    server.next({ type: 'reply', chunkBytes: 100, delayMs: 80 })
    const started = Date.now()
    const events = await collect(createOllamaAdapter({ ...endpoint, timeoutMs: 250 }).streamChat(hi))
    expect(events.at(-1)).toEqual({ type: 'finish', reason: 'stop' })
    expect(Date.now() - started).toBeGreaterThan(400)
    // Nor is a slow consumer a stall.
    const slowly = await collectSlowly(createOllamaAdapter({ ...endpoint, timeoutMs: 250 }).streamChat(hi), 500)
    expect(slowly.at(-1)).toEqual({ type: 'finish', reason: 'stop' })
  })

  it('cancels mid-stream promptly, and the server sees the connection close', async () => {
    server.next({ type: 'stall', afterLines: 2 })
    const controller = new AbortController()
    const closed = server.clientClosed()
    const events: ChatEvent[] = []
    let cancelledAt = 0
    for await (const event of createOllamaAdapter(endpoint).streamChat(hi, { signal: controller.signal })) {
      events.push(event)
      if (!cancelledAt) {
        cancelledAt = Date.now()
        setTimeout(() => controller.abort(), 20)
      }
    }
    expect(Date.now() - cancelledAt).toBeLessThan(1000)
    expect(events.at(-1)).toEqual({ type: 'error', error: expect.objectContaining({ code: 'CANCELLED', message: 'The request to Ollama was cancelled.' }) })
    await closed
  })

  it('Stop pressed while the consumer is busy and the whole body has arrived still ends promptly', async () => {
    server.next({ type: 'reply', chunkBytes: 40 })
    const events = await stopWhileBusy((signal) => createOllamaAdapter(endpoint).streamChat(hi, { signal }))
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { code: 'CANCELLED', message: 'The request to Ollama was cancelled.' } })
  })

  it('closes the request when the consumer stops reading early', async () => {
    server.next({ type: 'stall', afterLines: 2 })
    const closed = server.clientClosed()
    for await (const event of createOllamaAdapter(endpoint).streamChat(hi)) if (event.type === 'text') break
    await closed
  })

  it('cancelling one request leaves another running on the same adapter', async () => {
    const adapter = createOllamaAdapter(endpoint)
    server.next({ type: 'stall', afterLines: 1 }, { type: 'reply', delayMs: 30 })
    const controller = new AbortController()
    const arrived = server.requests.length + 1
    const first = collect(adapter.streamChat(hi, { signal: controller.signal }))
    // The first request must meet the stall: on a pooled socket the second could arrive first.
    while (server.requests.length < arrived) await new Promise((resolve) => setTimeout(resolve, 5))
    const second = collect(adapter.streamChat(hi))
    setTimeout(() => controller.abort(), 50)
    expect((await first).at(-1)).toMatchObject({ type: 'error', error: { code: 'CANCELLED' } })
    expect(text(await second)).toBe('Hello from Ollama.')
  })
})

describe('Ollama fixture fidelity', () => {
  it('answers the library without streaming too', async () => {
    const reply = await new Ollama({ host: server.url }).chat({ model: 'llama3.2', messages: [{ role: 'user', content: 'hi' }], stream: false })
    expect(reply).toMatchObject({ done: true, done_reason: 'stop', message: { role: 'assistant', content: 'Hello from Ollama.' } })
  })
})
