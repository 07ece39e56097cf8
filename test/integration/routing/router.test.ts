import { afterEach, describe, expect, it } from 'vitest'
import { createCore } from '../../../src/main/core'
import { startOpenAIFixture } from '../../fixtures/providers/openai-server'
import { tempDir } from '../../helpers/tmp'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

describe('router', () => {
  it('re-ranks when a profile changes, though rankings are cached between identical routes', async () => {
    const core = createCore({ dataDir: tempDir(), mode: 'cli', version: '0' })
    cleanups.push(() => core.close())
    const ids: string[] = []
    for (const name of ['Alpha', 'Beta']) {
      const fake = await startOpenAIFixture()
      cleanups.push(() => fake.close())
      ids.push((await core.providers.add({ kind: 'openai-compatible', preset: 'custom', name, baseUrl: fake.baseUrl })).id)
    }
    const [a, b] = ids as [string, string]
    const best = async (): Promise<string | undefined> =>
      (await core.router.route({ text: 'What is the capital of Peru?', preference: 'quality' }, 't')).ranked.find((r) => r.model === 'gpt-4o-mini')?.ref
    for (const id of ids) core.catalog.set({ provider: id, model: 'gpt-4o-mini', inputPerMTok: 0, outputPerMTok: 0 })
    core.profiles.override(b, 'gpt-4o-mini', { quality: { GENERAL: 1 } })
    expect(await best()).toBe(`${b}/gpt-4o-mini`)
    expect(await best()).toBe(`${b}/gpt-4o-mini`)
    core.profiles.override(a, 'gpt-4o-mini', { quality: { GENERAL: 1 } })
    core.profiles.override(b, 'gpt-4o-mini', { quality: { GENERAL: 0.1 } })
    expect(await best()).toBe(`${a}/gpt-4o-mini`)
  })

  it('never offers an embedding model to answer a chat', async () => {
    const core = createCore({ dataDir: tempDir(), mode: 'cli', version: '0' })
    cleanups.push(() => core.close())
    const fake = await startOpenAIFixture()
    cleanups.push(() => fake.close())
    await core.providers.add({ kind: 'openai-compatible', preset: 'custom', name: 'Fake', baseUrl: fake.baseUrl })
    const decision = await core.router.route({ text: 'hello' }, 't')
    expect(decision.ranked.map((r) => r.model)).not.toContain('text-embedding-3-small')
    expect(decision.ranked.length).toBeGreaterThan(0)
  })
})
