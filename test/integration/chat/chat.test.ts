import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../../src/main/core'
import { KeytarStore } from '../../../src/main/core/secrets/keytar-store'
import type { Message } from '../../../src/shared/schemas/chat'
import { startOpenAIFixture, type OpenAIFixture } from '../../fixtures/providers/openai-server'
import { memoryKeytar } from '../../helpers/fakes'
import { filesContaining, sentinelKey, valueLeaks } from '../../helpers/leak-scan'
import { tempDir } from '../../helpers/tmp'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function setup(options: { key?: string; fixtureKey?: string } = {}): Promise<{ core: Core; fake: OpenAIFixture; dir: string; providerId: string; events: unknown[] }> {
  const key = options.key ?? sentinelKey()
  const fake = await startOpenAIFixture({ apiKey: options.fixtureKey ?? key })
  cleanups.push(() => fake.close())
  const dir = tempDir()
  const core = createCore({ dataDir: dir, mode: 'cli', version: '0.0.0', secretStore: new KeytarStore({ keytar: memoryKeytar() }) })
  cleanups.push(() => core.close())
  const events: unknown[] = []
  core.bus.subscribe('*', (payload) => events.push(payload))
  const provider = await core.providers.add({ kind: 'openai-compatible', preset: 'custom', name: 'Fake', baseUrl: fake.baseUrl, apiKey: key })
  return { core, fake, dir, providerId: provider.id, events }
}

async function finished(core: Core, messageId: string): Promise<Message> {
  await expect.poll(() => core.conversations.message(messageId).status, { timeout: 10_000 }).not.toBe('streaming')
  return core.conversations.message(messageId)
}

describe('chat over a real SDK and HTTP', () => {
  it('streams an answer, keeps the conversation, and records usage and cost', async () => {
    const { core, fake, providerId } = await setup()
    fake.use({ text: 'Bonjour, héllo 世界 🚀', deltaChars: 3, usage: { prompt_tokens: 12, completion_tokens: 7 } })
    core.catalog.set({ provider: providerId, model: 'gpt-4o-mini', inputPerMTok: 1, outputPerMTok: 2 })
    const conversation = core.conversations.create({})
    const deltas: string[] = []
    core.bus.subscribe('chat.delta', (d) => deltas.push(d.delta))
    const sent = core.chat.send({ conversationId: conversation.id, model: `${providerId}/gpt-4o-mini`, content: [{ type: 'text', text: 'Say hello' }] })
    const answer = await finished(core, sent.assistantMessageId)
    expect(answer).toMatchObject({
      status: 'complete',
      content: [{ type: 'text', text: 'Bonjour, héllo 世界 🚀' }],
      inputTokens: 12,
      outputTokens: 7,
      model: `${providerId}/gpt-4o-mini`
    })
    expect(answer.costUsd).toBeCloseTo((12 * 1 + 7 * 2) / 1e6, 12)
    expect(answer.ttftMs).toBeGreaterThan(0)
    expect(deltas.join('')).toBe('Bonjour, héllo 世界 🚀')
    expect(core.conversations.get(conversation.id)).toMatchObject({ title: 'Say hello', messages: [{ role: 'user' }, { role: 'assistant' }] })
    expect(core.usage.statsSince(new Date(0))).toMatchObject([{ providerId, model: 'gpt-4o-mini', calls: 1, errors: 0, inputTokens: 12, outputTokens: 7 }])
    const sentBody = fake.chatRequests().at(-1)?.body as { messages: { role: string }[] }
    expect(sentBody.messages.map((m) => m.role)).toEqual(['user'])
  })

  it('stops a streaming answer and keeps what arrived', async () => {
    const { core, fake, providerId } = await setup()
    fake.use({ text: 'word '.repeat(400), deltaChars: 5, delayMs: 10 })
    const conversation = core.conversations.create({})
    const sent = core.chat.send({ conversationId: conversation.id, model: `${providerId}/gpt-4o-mini`, content: [{ type: 'text', text: 'long' }] })
    await expect.poll(() => core.conversations.message(sent.assistantMessageId).content[0]).toMatchObject({ text: expect.stringContaining('word') })
    expect(core.chat.stop(sent.assistantMessageId)).toBe(true)
    const answer = await finished(core, sent.assistantMessageId)
    expect(answer.status).toBe('cancelled')
    const text = (answer.content[0] as { text: string }).text
    expect(text.length).toBeGreaterThan(0)
    expect(text.length).toBeLessThan('word '.repeat(400).length)
    expect(await fake.responses.at(-1)?.closed).toBe(false)
  })

  it('keeps the streamed text of an answer cut short by closing NEXUS, marked interrupted', async () => {
    const { core, fake, providerId, dir } = await setup()
    fake.use({ text: 'partial '.repeat(300), deltaChars: 8, delayMs: 10 })
    const conversation = core.conversations.create({})
    const sent = core.chat.send({ conversationId: conversation.id, model: `${providerId}/gpt-4o-mini`, content: [{ type: 'text', text: 'go' }] })
    await expect.poll(() => (core.conversations.message(sent.assistantMessageId).content[0] as { text: string }).text.length).toBeGreaterThan(0)
    core.close()
    const reopened = createCore({ dataDir: dir, mode: 'cli', version: '0.0.0', secretStore: new KeytarStore({ keytar: memoryKeytar() }) })
    try {
      const answer = reopened.conversations.message(sent.assistantMessageId)
      expect(answer.status).toBe('interrupted')
      expect((answer.content[0] as { text: string }).text).toMatch(/^partial/)
    } finally {
      reopened.close()
    }
  })

  it('marks answers left streaming by a killed process as interrupted at start', () => {
    const dir = tempDir()
    const first = createCore({ dataDir: dir, mode: 'cli', version: '0.0.0' })
    const conversation = first.conversations.create({})
    const message = first.conversations.append(conversation.id, { role: 'assistant', content: [{ type: 'text', text: 'half an ans' }], model: 'x/y', status: 'streaming' })
    first.close()
    const second = createCore({ dataDir: dir, mode: 'cli', version: '0.0.0' })
    try {
      expect(second.conversations.message(message.id)).toMatchObject({ status: 'interrupted', content: [{ text: 'half an ans' }], error: { message: expect.stringContaining('kept') } })
    } finally {
      second.close()
    }
  })

  it('regenerates an answer and edits a question, dropping what followed', async () => {
    const { core, fake, providerId } = await setup()
    const model = `${providerId}/gpt-4o-mini`
    const conversation = core.conversations.create({ systemPrompt: 'Be brief.' })
    fake.use({ text: 'first' })
    const a = core.chat.send({ conversationId: conversation.id, model, content: [{ type: 'text', text: 'Q1' }] })
    await finished(core, a.assistantMessageId)
    fake.use({ text: 'second' })
    const b = core.chat.regenerate({ messageId: a.assistantMessageId })
    await finished(core, b.assistantMessageId)
    expect(core.conversations.get(conversation.id).messages.map((m) => (m.content[0] as { text: string }).text)).toEqual(['Q1', 'second'])
    // Asking again counts as a mild thumbs down for the model that answered first.
    expect(core.feedback.counts().get(model)?.get('GENERAL')).toEqual({ up: 0, down: 0, regenerates: 1 })
    expect(core.feedback.adjustments().get(model)?.GENERAL).toBeLessThan(0)
    fake.use({ text: 'third' })
    const c = core.chat.edit({ messageId: a.userMessageId, content: [{ type: 'text', text: 'Q1 edited' }], model })
    await finished(core, c.assistantMessageId)
    expect(core.conversations.get(conversation.id).messages.map((m) => (m.content[0] as { text: string }).text)).toEqual(['Q1 edited', 'third'])
    const body = fake.chatRequests().at(-1)?.body as { messages: { role: string; content: unknown }[] }
    expect(body.messages[0]).toEqual({ role: 'system', content: 'Be brief.' })
  })

  it('stores a wrong key as a failed answer with the normalized message, losing nothing', async () => {
    const { core, providerId } = await setup({ key: 'sk-wrong-wrong-wrong-1234', fixtureKey: 'sk-right-right-right-9999' })
    const conversation = core.conversations.create({})
    const sent = core.chat.send({ conversationId: conversation.id, model: `${providerId}/gpt-4o-mini`, content: [{ type: 'text', text: 'hi' }] })
    const answer = await finished(core, sent.assistantMessageId)
    expect(answer.status).toBe('error')
    expect(answer.error).toMatchObject({ code: 'PROVIDER_AUTH', message: expect.stringContaining('rejected the API key') })
    expect(core.conversations.get(conversation.id).messages).toHaveLength(2)
    expect(core.usage.statsSince(new Date(0))[0]).toMatchObject({ calls: 1, errors: 1 })
  })

  it('refuses an unknown provider or a malformed model reference through the contract', async () => {
    const { core } = await setup()
    const conversation = core.conversations.create({})
    const unknown = await core.dispatch('chat.send', { conversationId: conversation.id, model: 'nope/x', content: [{ type: 'text', text: 'hi' }] })
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('No provider "nope"') } })
    const malformed = await core.dispatch('chat.send', { conversationId: conversation.id, model: 'gpt-4o', content: [{ type: 'text', text: 'hi' }] })
    expect(malformed).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    const badImage = await core.dispatch('chat.send', { conversationId: conversation.id, model: 'x/y', content: [{ type: 'image', mediaType: 'image/bmp', data: 'AAAA' }] })
    expect(badImage).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    expect(core.conversations.get(conversation.id).messages).toHaveLength(0)
  })
})

describe('several keys of one provider', () => {
  it('take turns, one call each', async () => {
    const fake = await startOpenAIFixture()
    cleanups.push(() => fake.close())
    const core = createCore({ dataDir: tempDir(), mode: 'cli', version: '0', secretStore: new KeytarStore({ keytar: memoryKeytar() }) })
    cleanups.push(() => core.close())
    const provider = await core.providers.add({ kind: 'openai', baseUrl: fake.baseUrl, apiKey: 'sk-first-key-000000000001' })
    await core.providers.addKey(provider.id, 'sk-second-key-00000000002')
    const conversation = core.conversations.create({})
    for (let i = 0; i < 4; i++) {
      const sent = core.chat.send({ conversationId: conversation.id, model: `${provider.id}/gpt-4o-mini`, content: [{ type: 'text', text: `q${i}` }] })
      await finished(core, sent.assistantMessageId)
    }
    expect(fake.chatRequests().map((r) => r.headers.authorization)).toEqual([
      'Bearer sk-first-key-000000000001',
      'Bearer sk-second-key-00000000002',
      'Bearer sk-first-key-000000000001',
      'Bearer sk-second-key-00000000002'
    ])
  })
})

describe('least-connections balancing of keys', () => {
  it('sends the next call to the key with the fewest calls in flight', async () => {
    const fake = await startOpenAIFixture()
    cleanups.push(() => fake.close())
    const core = createCore({ dataDir: tempDir(), mode: 'cli', version: '0', secretStore: new KeytarStore({ keytar: memoryKeytar() }) })
    cleanups.push(() => core.close())
    core.setSettings({ keyBalancing: 'least-connections' })
    const provider = await core.providers.add({ kind: 'openai', baseUrl: fake.baseUrl, apiKey: 'sk-first-key-000000000001' })
    await core.providers.addKey(provider.id, 'sk-second-key-00000000002')
    const model = `${provider.id}/gpt-4o-mini`
    const send = (text: string): string => core.chat.send({ conversationId: core.conversations.create({}).id, model, content: [{ type: 'text', text }] }).assistantMessageId
    fake.use({ text: 'slow '.repeat(100), deltaChars: 5, delayMs: 20 })
    const slow = send('slow')
    await expect.poll(() => fake.chatRequests().length).toBe(1)
    fake.use({ text: 'fast' })
    await finished(core, send('fast'))
    await finished(core, send('next'))
    expect(core.conversations.message(slow).status).toBe('streaming')
    expect(fake.chatRequests().map((r) => r.headers.authorization)).toEqual([
      'Bearer sk-first-key-000000000001',
      'Bearer sk-second-key-00000000002',
      'Bearer sk-second-key-00000000002'
    ])
    core.chat.stop(slow)
  })
})

describe('API keys never leak', () => {
  it('appear in no reply, event, database page or WAL, whatever path is taken', async () => {
    const key = sentinelKey()
    const { core, fake, providerId, dir, events } = await setup({ key })
    const replies: unknown[] = []
    const call = async (name: string, input: unknown): Promise<void> => {
      replies.push(await core.dispatch(name, input))
    }
    const model = `${providerId}/gpt-4o-mini`
    await call('providers.list', {})
    await call('providers.test', { id: providerId })
    await call('models.list', {})
    await call('providers.addKey', { providerId, apiKey: `${key}-second` })
    const conversation = core.conversations.create({})
    fake.use({ text: 'fine' })
    await call('chat.send', { conversationId: conversation.id, model, content: [{ type: 'text', text: 'hi' }] })
    fake.use({ error: { status: 401, message: `Incorrect API key provided: ${key}` } })
    await call('chat.send', { conversationId: conversation.id, model, content: [{ type: 'text', text: 'again' }] })
    fake.use({ error: { status: 500, message: 'boom' } })
    await call('chat.send', { conversationId: conversation.id, model, content: [{ type: 'text', text: 'more' }] })
    await call('providers.add', { kind: 'openai', apiKey: key, baseUrl: 'http://127.0.0.1:9/v1' })
    await call('providers.test', { id: 'openai' })
    await expect.poll(() => core.conversations.get(conversation.id).messages.every((m) => m.status !== 'streaming')).toBe(true)
    await call('conversations.get', { id: conversation.id })
    expect(valueLeaks(replies, key)).toEqual([])
    expect(valueLeaks(events, key)).toEqual([])
    expect(filesContaining(dir, key)).toEqual([])
    const db = new Database(path.join(dir, 'nexus.db'), { readonly: true })
    try {
      expect(JSON.stringify(db.prepare('SELECT * FROM messages').all())).not.toContain(key)
    } finally {
      db.close()
    }
    expect(fs.readdirSync(dir)).toContain('nexus.db')
  })
})
