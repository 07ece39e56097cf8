import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../../src/main/core'
import { KeytarStore } from '../../../src/main/core/secrets/keytar-store'
import type { EventMap } from '../../../src/shared/contract'
import { NexusError } from '../../../src/shared/errors'
import { startOpenAIFixture, type OpenAIFixture } from '../../fixtures/providers/openai-server'
import { memoryKeytar } from '../../helpers/fakes'
import { tempDir } from '../../helpers/tmp'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

interface Setup {
  core: Core
  fakes: Map<string, OpenAIFixture>
  events: { topic: string; payload: unknown }[]
}

async function setup(): Promise<Setup> {
  const core = createCore({
    dataDir: tempDir(),
    mode: 'cli',
    version: '0.0.0',
    env: { NEXUS_BREAKER_OPEN_MS: '300' },
    secretStore: new KeytarStore({ keytar: memoryKeytar() })
  })
  cleanups.push(() => core.close())
  const events: Setup['events'] = []
  core.bus.subscribe('*', (payload, topic) => events.push({ topic, payload }))
  const fakes = new Map<string, OpenAIFixture>()
  for (const name of ['Alpha', 'Beta']) {
    const fake = await startOpenAIFixture()
    cleanups.push(() => fake.close())
    const provider = await core.providers.add({ kind: 'openai-compatible', preset: 'custom', name, baseUrl: fake.baseUrl })
    fakes.set(provider.id, fake)
  }
  return { core, fakes, events }
}

async function answer(core: Core, conversationId: string, text: string): Promise<ReturnType<Core['conversations']['message']>> {
  const sent = core.chat.send({ conversationId, model: 'auto', content: [{ type: 'text', text }] })
  await expect.poll(() => core.conversations.message(sent.assistantMessageId).status, { timeout: 15_000 }).not.toBe('streaming')
  return core.conversations.message(sent.assistantMessageId)
}

describe('"auto" routing with fallbacks and circuit breakers', () => {
  it('routes without calling a model: intent, confidence and ranked models with reasons', async () => {
    const { core, fakes } = await setup()
    const decision = await core.router.route({ text: 'Write a TypeScript function that debounces another function' }, 't1')
    expect(decision.intent.intent).toBe('CODE_GENERATION')
    expect(decision.intent.confidence).toBeGreaterThan(0.3)
    expect(decision.ranked.length).toBeGreaterThanOrEqual(2)
    expect(decision.ranked.every((r) => r.reason.length > 0)).toBe(true)
    for (const fake of fakes.values()) expect(fake.chatRequests()).toHaveLength(0)
  })

  it('falls back visibly when the first model fails, trips its breaker, and recovers', async () => {
    const { core, fakes, events } = await setup()
    const conversation = core.conversations.create({})
    const prompt = 'Explain how a hash map handles collisions'
    const first = (await core.router.route({ text: prompt }, 'probe')).ranked[0]!
    const firstFake = fakes.get(first.providerId)!
    const otherFake = [...fakes.entries()].find(([id]) => id !== first.providerId)![1]
    firstFake.use({ error: { status: 500, message: 'upstream exploded' } })
    otherFake.use({ text: 'From the other one.' })

    const message = await answer(core, conversation.id, prompt)
    expect(message.status).toBe('complete')
    expect(message.content).toEqual([{ type: 'text', text: 'From the other one.' }])
    expect(message.model).not.toBe(first.ref)
    expect(message.routing).toMatchObject({ fallbacks: [{ ref: first.ref, code: 'PROVIDER_SERVER', message: expect.stringContaining('upstream exploded') }] })
    expect(events.filter((e) => e.topic === 'routing.fallback')).toMatchObject([{ payload: { from: first.ref, messageId: message.id } }])

    // Ranking now puts the failing model last; the user keeps asking it by name until its breaker
    // opens (3 failed calls within the window).
    const direct = async (): Promise<ReturnType<Core['conversations']['message']>> => {
      const sent = core.chat.send({ conversationId: conversation.id, model: first.ref, content: [{ type: 'text', text: prompt }] })
      await expect.poll(() => core.conversations.message(sent.assistantMessageId).status, { timeout: 15_000 }).not.toBe('streaming')
      return core.conversations.message(sent.assistantMessageId)
    }
    expect((await direct()).status).toBe('error')
    expect((await direct()).status).toBe('error')
    const transitions = () => events.filter((e) => e.topic === 'breaker.transition').map((e) => e.payload as EventMap['breaker.transition'])
    expect(transitions()).toContainEqual(expect.objectContaining({ key: first.ref, from: 'closed', to: 'open' }))
    expect(core.resilience.breakers.state(first.ref)).toBe('open')
    const requestsWhileOpen = firstFake.chatRequests().length
    const fastFail = await direct()
    expect(fastFail.error).toMatchObject({ code: 'UNAVAILABLE' })
    expect(firstFake.chatRequests()).toHaveLength(requestsWhileOpen) // fast fail: no call reached it
    expect((await answer(core, conversation.id, prompt)).model).not.toBe(first.ref)

    // The provider recovers; after the open time a trial call closes the breaker.
    firstFake.use({ text: 'Back again.' })
    await new Promise((r) => setTimeout(r, 400))
    expect(core.resilience.breakers.state(first.ref)).toBe('half-open')
    await core.dispatch('breakers.list', {})
    const recovered = core.chat.send({ conversationId: conversation.id, model: first.ref, content: [{ type: 'text', text: prompt }] })
    await expect.poll(() => core.conversations.message(recovered.assistantMessageId).status, { timeout: 10_000 }).toBe('complete')
    expect(core.resilience.breakers.state(first.ref)).toBe('closed')
    expect(transitions().map((t) => `${t.from}>${t.to}`)).toEqual(expect.arrayContaining(['closed>open', 'open>half-open', 'half-open>closed']))

    const metrics = (await core.dispatch('metrics.prometheus', {})) as { ok: true; value: { text: string } }
    const [provider, model] = [first.providerId, first.model]
    expect(metrics.value.text).toContain(`nexus_provider_calls_total{provider="${provider}",model="${model}",outcome="PROVIDER_SERVER"} 3`)
    expect(metrics.value.text).toContain(`nexus_routing_fallbacks_total{provider="${provider}",model="${model}",code="PROVIDER_SERVER"} 1`)
    expect(metrics.value.text).toContain(`nexus_breaker_state{breaker="${first.ref}"} 0`)
  })

  it('never falls back from a model the user picked, and says why it failed', async () => {
    const { core, fakes } = await setup()
    const [id, fake] = [...fakes.entries()][0]!
    fake.use({ error: { status: 500, message: 'down' } })
    const conversation = core.conversations.create({})
    const sent = core.chat.send({ conversationId: conversation.id, model: `${id}/gpt-4o-mini`, content: [{ type: 'text', text: 'hi' }] })
    await expect.poll(() => core.conversations.message(sent.assistantMessageId).status, { timeout: 10_000 }).toBe('error')
    const message = core.conversations.message(sent.assistantMessageId)
    expect(message.error?.message).toContain('down')
    expect(message.routing).toBeNull()
  })

  it('restores breaker state after a restart', async () => {
    const dir = tempDir()
    const make = () => createCore({ dataDir: dir, mode: 'cli', version: '0', secretStore: new KeytarStore({ keytar: memoryKeytar() }) })
    const first = make()
    for (let i = 0; i < 3; i++) {
      const failing = async (): Promise<never> => {
        throw new NexusError('NETWORK', 'no route')
      }
      await first.resilience.execute('p/m', 'chat', failing, { streaming: false }).catch(() => {})
    }
    expect(first.resilience.breakers.state('p/m')).toBe('open')
    first.close()
    const second = make()
    try {
      expect(second.resilience.breakers.state('p/m')).toBe('open')
      expect((await second.dispatch('breakers.list', {})) as { ok: boolean; value: { key: string; state: string }[] }).toMatchObject({ ok: true, value: expect.arrayContaining([expect.objectContaining({ key: 'p/m', state: 'open' })]) })
    } finally {
      second.close()
    }
  })
})
