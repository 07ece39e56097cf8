import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../../src/main/core'
import { FeedbackStore } from '../../../src/main/core/routing/feedback'
import { ObservationStore } from '../../../src/main/core/routing/observations'
import { ProfileStore } from '../../../src/main/core/routing/profile-store'
import { KeytarStore } from '../../../src/main/core/secrets/keytar-store'
import { memoryKeytar } from '../../helpers/fakes'
import { tempDir } from '../../helpers/tmp'

let core: Core | undefined
afterEach(() => core?.close())

function open(): Core {
  core = createCore({ dataDir: tempDir(), mode: 'cli', version: 'test', secretStore: new KeytarStore({ keytar: memoryKeytar() }) })
  return core
}

describe('observations from the usage table', () => {
  it('computes percentiles, tokens/s and error rate per model, and keeps snapshots', () => {
    const c = open()
    for (let i = 1; i <= 100; i++) {
      c.usage.record({ providerId: 'openai', model: 'gpt-4o', inputTokens: 10, outputTokens: 50, ttftMs: i * 10, totalMs: i * 10 + 1000, costUsd: 0.001, outcome: 'ok' })
    }
    for (let i = 0; i < 5; i++) c.usage.record({ providerId: 'openai', model: 'gpt-4o', inputTokens: 10, outputTokens: 0, ttftMs: null, totalMs: 30, costUsd: null, outcome: 'RATE_LIMITED' })
    c.usage.record({ providerId: 'ollama', model: 'llama3.2:3b', inputTokens: 5, outputTokens: 20, ttftMs: 80, totalMs: 580, costUsd: 0, outcome: 'ok' })
    c.usage.record({ providerId: 'ollama', model: 'llama3.2:3b', inputTokens: 5, outputTokens: 1, ttftMs: 1, totalMs: 2, costUsd: 0, outcome: 'ok', purpose: 'test' })

    const store = new ObservationStore(c.db)
    const until = new Date(Date.now() + 1000)
    const byRef = new Map(store.compute(60 * 60_000, until).map((o) => [`${o.providerId}/${o.model}`, o]))
    const gpt = byRef.get('openai/gpt-4o')!
    expect(gpt).toMatchObject({ calls: 105, errors: 5, ttftP50: 500, ttftP95: 950, totalP50: 1500, totalP95: 1950 })
    expect(gpt.errorRate).toBeCloseTo(5 / 105)
    expect(gpt.tokensPerSecond).toBeCloseTo(50, 5)
    expect(gpt.costUsd).toBeCloseTo(0.1)
    const llama = byRef.get('ollama/llama3.2:3b')!
    expect(llama).toMatchObject({ calls: 1, ttftP50: 80, totalP95: 580 })
    expect(llama.tokensPerSecond).toBeCloseTo(40)

    store.snapshot(60 * 60_000, until)
    store.snapshot(60 * 60_000, new Date(until.getTime() + 60_000))
    const history = store.history('openai', 'gpt-4o', new Date(0))
    expect(history).toHaveLength(2)
    expect(history[0]).toMatchObject({ calls: 105, errors: 5, ttftP95: 950 })

    const series = store.series(10 * 60_000, 60_000, until)
    const points = series.find((s) => s.ref === 'openai/gpt-4o')!.points
    expect(points).toHaveLength(10)
    expect(points.reduce((n, p) => n + p.calls, 0)).toBe(105)
    expect(store.prune(new Date(until.getTime() + 1))).toBe(2) // both models' first snapshot
  })
})

describe('profiles in the catalog', () => {
  it('loads shipped profiles without clobbering edited prices or overrides', () => {
    const c = open()
    // createCore loaded the shipped profiles; loading them again changes nothing.
    const profiles = c.profiles
    expect(profiles.list().length).toBeGreaterThan(60)
    expect(profiles.loadShipped()).toBe(0)
    c.catalog.set({ provider: 'openai', model: 'gpt-4o', inputPerMTok: 1, outputPerMTok: 2, contextLength: 100000 })
    profiles.override('openai', 'gpt-4o', { quality: { CODE_GENERATION: 0.3 } })
    profiles.override('openai', 'gpt-4o', { capabilities: { tools: false } })
    expect(() => profiles.override('openai', 'gpt-4o', { quality: { CODE_GENERATION: 2 } })).toThrow(/Invalid profile override/)
    profiles.loadShipped()
    const view = profiles.list().find((p) => p.provider === 'openai' && p.model === 'gpt-4o')!
    expect(view).toMatchObject({ inputPerMTok: 1, outputPerMTok: 2, contextLength: 100000, origin: 'user' })
    expect(view.quality.CODE_GENERATION).toEqual({ score: 0.3, source: 'user override' })
    expect(view.quality.GENERAL.source).toBe('MMLU 88.7%')
    expect(view.capabilities).toMatchObject({ tools: false, vision: true })
    expect(view.overridden.sort()).toEqual(['capabilities.tools', 'quality.CODE_GENERATION'])

    const resolved = profiles.resolve({ providerId: 'openai', keys: ['openai'], model: 'gpt-4o-2024-08-06', local: false })
    expect(resolved.quality.CODE_GENERATION.score).toBe(0.3)
    const local = profiles.resolve({ providerId: 'ollama', keys: ['ollama'], model: 'qwen2.5-coder:7b', local: true, contextLength: 16384 })
    expect(local).toMatchObject({ contextLength: 16384, price: { input: 0, output: 0 } })
    expect(local.quality.CODE_GENERATION.source).toBe('HumanEval 88.4%')
    const hosted = profiles.resolve({ providerId: 'groq', keys: ['groq', 'groq', 'openai-compatible'], model: 'llama-3.1-8b-instant', local: false })
    expect(hosted.price).toBeNull()
    const unknown = profiles.resolve({ providerId: 'x', keys: ['x'], model: 'mystery-13b', local: false })
    expect(unknown.origin).toBe('estimate')

    profiles.override('openai', 'gpt-4o', {}, true)
    expect(profiles.list().find((p) => p.model === 'gpt-4o')!.overridden).toEqual([])
    expect(() => profiles.override('nobody', 'nothing', {})).toThrow(/No profile/)
  })

  it('records a detected Ollama model under its provider', () => {
    const c = open()
    const profiles = new ProfileStore(c.catalog)
    profiles.recordOllama('ollama', { model: 'mystery:latest', contextLength: 8192, capabilities: { vision: true, tools: false }, family: 'llama', parameterSize: '8.0B' })
    const p = profiles.resolve({ providerId: 'ollama', keys: ['ollama', 'ollama'], model: 'mystery:latest', local: true })
    expect(p).toMatchObject({ contextLength: 8192, origin: 'detected', capabilities: { vision: true } })
    // "llama" names no generation: an estimate by size, not a guess at Llama 3.1's benchmarks.
    expect(p.quality.GENERAL.source).toBe('estimate')
    expect(p.quality.GENERAL.score).toBeCloseTo(0.3 + 0.1 * Math.log2(9), 3)
  })
})

describe('feedback', () => {
  it('adjusts quality per model and intent from thumbs and regenerates', () => {
    const c = open()
    const conversation = c.conversations.create({ title: 't' })
    const ids: string[] = []
    for (let i = 0; i < 6; i++) {
      const m = c.conversations.append(conversation.id, { role: 'assistant', content: [{ type: 'text', text: 'x' }], model: 'openai/gpt-4o', status: 'complete' })
      ids.push(m.id)
    }
    c.db.prepare('UPDATE messages SET routing = ? WHERE id = ?').run(JSON.stringify({ intent: 'CODE_GENERATION' }), ids[0])
    c.db.prepare('UPDATE messages SET routing = ?, regenerated = ? WHERE id = ?').run(JSON.stringify({ intent: 'CODE_GENERATION' }), JSON.stringify({ ref: 'openai/gpt-4o', intent: 'CODE_GENERATION' }), ids[5])
    const feedback = new FeedbackStore(c.db)
    feedback.set(ids[0]!, -1)
    for (const id of ids.slice(1, 5)) feedback.set(id, 1)
    feedback.set(ids[4]!, 0)
    expect(feedback.get(ids[4]!)).toBe(0)
    const counts = feedback.counts().get('openai/gpt-4o')!
    expect(counts.get('CODE_GENERATION')).toEqual({ up: 0, down: 1, regenerates: 1 })
    expect(counts.get('GENERAL')).toEqual({ up: 3, down: 0, regenerates: 0 })
    const adjust = feedback.adjustments().get('openai/gpt-4o')!
    expect(adjust.CODE_GENERATION).toBeLessThan(0)
    expect(adjust.GENERAL).toBeGreaterThan(0)
    expect(Math.abs(adjust.GENERAL!)).toBeLessThanOrEqual(0.1)
  })
})
