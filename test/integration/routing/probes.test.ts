import { afterEach, describe, expect, it } from 'vitest'
import { createCore } from '../../../src/main/core'
import { startOpenAIFixture } from '../../fixtures/providers/openai-server'
import { startOllamaServer } from '../../fixtures/providers/ollama-server'
import { tempDir } from '../../helpers/tmp'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

describe('health probes', () => {
  it('probe local servers by themselves; a server that stops answering leaves the ranking', async () => {
    const fake = await startOpenAIFixture()
    const other = await startOpenAIFixture()
    cleanups.push(() => other.close())
    const core = createCore({ dataDir: tempDir(), mode: 'cli', version: '0' })
    cleanups.push(() => core.close())
    const local = await core.providers.add({ kind: 'openai-compatible', preset: 'custom', name: 'Local', baseUrl: fake.baseUrl })
    const second = await core.providers.add({ kind: 'openai-compatible', preset: 'custom', name: 'Second', baseUrl: other.baseUrl })

    await core.probes.tick()
    expect(core.probes.lastProbe(local.id)).toMatchObject({ ok: true })
    expect(fake.requests.some((r) => r.path === '/v1/models')).toBe(true)

    const score = async (providerId: string): Promise<number> =>
      (await core.router.route({ text: 'hello there' }, 't')).ranked.find((r) => r.ref === `${providerId}/gpt-4o-mini`)!.score
    expect(await score(local.id)).toBeCloseTo(await score(second.id), 6)

    // It stops answering; the user's "Test connection" is an on-demand probe.
    await fake.close()
    const test = await core.dispatch('providers.test', { id: local.id })
    expect(test).toMatchObject({ ok: true, value: { ok: false, error: { code: 'NETWORK' } } })
    expect(core.probes.lastProbe(local.id)).toMatchObject({ ok: false })
    const after = await core.router.route({ text: 'hello there' }, 't')
    expect(after.ranked.length).toBeGreaterThan(0)
    expect(after.ranked.every((r) => r.providerId === second.id)).toBe(true)
  })

  it('profile local Ollama models from what Ollama reports, so an image goes to the vision model', async () => {
    const ollama = await startOllamaServer()
    cleanups.push(() => ollama.close())
    const core = createCore({ dataDir: tempDir(), mode: 'cli', version: '0' })
    cleanups.push(() => core.close())
    const provider = await core.providers.add({ kind: 'ollama', baseUrl: ollama.url })
    await core.probes.tick()
    const profile = core.profiles.list().find((p) => p.provider === provider.id && p.model === 'llava:7b')
    expect(profile).toMatchObject({ contextLength: 32_768, capabilities: { vision: true }, origin: 'detected' })
    const decision = await core.router.route({ text: 'What is in this picture?', attachments: { images: 1, audio: 0 } }, 't')
    expect(decision.intent.intent).toBe('MULTI_MODAL')
    expect(decision.ranked.map((r) => r.ref)).toEqual([`${provider.id}/llava:7b`])
  })
})
