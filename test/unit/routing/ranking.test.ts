import { describe, expect, it } from 'vitest'
import { NexusError } from '../../../src/shared/errors'
import { SHIPPED_PROFILES } from '../../../src/main/core/routing/catalog-data'
import { matchProfile, toProfile, type ModelProfile } from '../../../src/main/core/routing/profiles'
import { rankModels, Ranker, type Candidate } from '../../../src/main/core/routing/ranking'

function candidate(ref: string, options: { local?: boolean; tps?: number; ttft?: number; health?: number; profile?: Partial<ModelProfile> } = {}): Candidate {
  const [providerId, ...rest] = ref.split('/')
  const model = rest.join('/')
  const shipped = matchProfile(model, SHIPPED_PROFILES)
  if (!shipped) throw new Error(`no profile for ${model}`)
  const profile = { ...toProfile(shipped), ...options.profile }
  if (options.local) profile.price = { input: 0, output: 0 }
  return {
    ref,
    providerId: providerId!,
    model,
    local: options.local ?? false,
    profile,
    observation: options.tps || options.ttft ? { tokensPerSecond: options.tps ?? null, ttftP50: options.ttft ?? null } : null,
    health: options.health ?? 1
  }
}

/** A fixed catalog: two frontier cloud models, two cheap cloud ones, three local ones. */
const CATALOG: Candidate[] = [
  candidate('anthropic/claude-sonnet-4-0', { tps: 60, ttft: 900 }),
  candidate('openai/gpt-4o', { tps: 80, ttft: 500 }),
  candidate('openai/gpt-4o-mini', { tps: 110, ttft: 350 }),
  candidate('groq/llama-3.1-8b-instant', { tps: 700, ttft: 120, profile: { price: { input: 0.05, output: 0.08 } } }),
  candidate('ollama/qwen2.5-coder:7b', { local: true, tps: 42, ttft: 250 }),
  candidate('ollama/llama3.2:3b', { local: true, tps: 90, ttft: 150 }),
  candidate('ollama/gemma3:4b', { local: true, tps: 55, ttft: 200 })
]

const rank = (preference: 'quality' | 'cost' | 'speed' | 'local' | 'balanced', intent: 'CODE_GENERATION' | 'GENERAL' = 'CODE_GENERATION', extra = {}) =>
  rankModels({ intent, preference, candidates: CATALOG, promptTokens: 200, ...extra })

describe('ranking on a fixed catalog', () => {
  it('quality: the best code model', () => {
    expect(rank('quality').ranked[0]!.ref).toBe('anthropic/claude-sonnet-4-0')
  })

  it('cost: a free local model, the best of them for the intent', () => {
    const first = rank('cost').ranked[0]!
    expect(first.ref).toBe('ollama/qwen2.5-coder:7b')
    expect(first.reason).toMatch(/free \(runs locally\)/)
  })

  it('speed: the model observed fastest', () => {
    const first = rank('speed').ranked[0]!
    expect(first.ref).toBe('groq/llama-3.1-8b-instant')
    expect(first.reason).toMatch(/700 tok\/s/)
  })

  it('local: the best local model, and never a cloud one', () => {
    const result = rank('local')
    expect(result.ranked[0]!.ref).toBe('ollama/qwen2.5-coder:7b')
    expect(result.ranked[0]!.reason).toBe('best code quality (HumanEval 88.4%) among local models, free (runs locally), 42 tok/s, 250 ms to first token')
    expect(result.ranked.every((r) => r.local)).toBe(true)
    expect(result.excluded.map((e) => e.ref)).toContain('openai/gpt-4o')
    for (const intent of ['GENERAL', 'MULTI_MODAL', 'REASONING_LOGIC'] as const) {
      expect(rankModels({ intent, preference: 'local', candidates: CATALOG, promptTokens: 10 }).ranked.every((r) => r.providerId === 'ollama')).toBe(true)
    }
  })

  it('balanced: quality, cost and speed together', () => {
    expect(rank('balanced', 'GENERAL').ranked[0]!.ref).toBe('openai/gpt-4o-mini')
    // For code, a strong free local coder beats paying for a similar score.
    expect(rank('balanced').ranked[0]!.ref).toBe('ollama/qwen2.5-coder:7b')
  })

  it('custom weights: all on cost then all on quality', () => {
    const cost = rankModels({ intent: 'GENERAL', preference: 'custom', weights: { quality: 0, cost: 10, latency: 0, health: 0 }, candidates: CATALOG, promptTokens: 10 })
    expect(cost.ranked[0]!.local).toBe(true)
    const quality = rankModels({ intent: 'REASONING_LOGIC', preference: 'custom', weights: { quality: 50, cost: 0, latency: 0, health: 0 }, candidates: CATALOG, promptTokens: 10 })
    expect(quality.ranked[0]!.ref).toBe('anthropic/claude-sonnet-4-0')
  })

  it('gives every entry a reason and lists the rest as fallbacks', () => {
    const result = rank('quality')
    expect(result.ranked).toHaveLength(CATALOG.length)
    expect(result.fallbacks).toEqual(result.ranked.slice(1))
    for (const r of result.ranked) expect(r.reason.length).toBeGreaterThan(10)
    expect(result.fallbacks[0]!.reason).toMatch(/^fallback 1: code quality/)
  })
})

describe('hard filters', () => {
  it('never puts a model whose context is too small first', () => {
    const small = candidate('ollama/llama3:8b', { local: true, profile: { contextLength: 8192 } })
    const list = [small, ...CATALOG.filter((c) => c.local)]
    for (const preference of ['quality', 'cost', 'speed', 'local', 'balanced'] as const) {
      const result = rankModels({ intent: 'GENERAL', preference, candidates: list, promptTokens: 20_000 })
      expect(result.ranked[0]!.ref).not.toBe(small.ref)
      expect(result.ranked.map((r) => r.ref)).not.toContain(small.ref)
      expect(result.excluded.find((e) => e.ref === small.ref)?.reason).toMatch(/context of 8,192 tokens is too small/)
    }
  })

  it('needs vision: only vision models', () => {
    const result = rankModels({ intent: 'MULTI_MODAL', preference: 'cost', candidates: CATALOG, promptTokens: 10, needs: { vision: true } })
    expect(result.ranked.map((r) => r.ref).sort()).toEqual(['anthropic/claude-sonnet-4-0', 'ollama/gemma3:4b', 'openai/gpt-4o', 'openai/gpt-4o-mini'])
    expect(result.excluded.find((e) => e.ref === 'ollama/llama3.2:3b')?.reason).toMatch(/cannot read images/)
  })

  it('needs tools: only tool-calling models', () => {
    const result = rankModels({ intent: 'GENERAL', preference: 'local', candidates: CATALOG, promptTokens: 10, needs: { tools: true } })
    expect(result.ranked.map((r) => r.ref)).not.toContain('ollama/gemma3:4b')
  })

  it('sinks a model whose breaker is open under every healthy one', () => {
    const list = CATALOG.map((c) => (c.ref === 'anthropic/claude-sonnet-4-0' ? { ...c, health: 0, healthReason: 'breaker open' } : c))
    const result = rankModels({ intent: 'CODE_GENERATION', preference: 'quality', candidates: list, promptTokens: 10 })
    expect(result.ranked.at(-1)!.ref).toBe('anthropic/claude-sonnet-4-0')
    expect(result.ranked.at(-1)!.reason).toMatch(/breaker open/)
  })
})

describe('bad input', () => {
  it('refuses all-zero custom weights with BAD_REQUEST', () => {
    const run = () => rankModels({ intent: 'GENERAL', preference: 'custom', weights: { quality: 0, cost: 0, latency: 0, health: 0 }, candidates: CATALOG, promptTokens: 1 })
    expect(run).toThrow(NexusError)
    expect(run).toThrow(/all zero/)
    try {
      run()
    } catch (err) {
      expect((err as NexusError).code).toBe('BAD_REQUEST')
    }
    expect(() => rankModels({ intent: 'GENERAL', preference: 'custom', candidates: CATALOG, promptTokens: 1 })).toThrow(/needs weights/)
  })

  it('clamps nonsense profile numbers instead of crashing', () => {
    const broken = candidate('custom/gpt-4o', {
      profile: {
        quality: { ...toProfile(matchProfile('gpt-4o', SHIPPED_PROFILES)!).quality, GENERAL: { score: 42, source: 'x' }, CODE_GENERATION: { score: NaN, source: 'y' } },
        price: { input: -5, output: NaN },
        contextLength: -1
      }
    })
    const result = rankModels({ intent: 'GENERAL', preference: 'balanced', candidates: [broken, ...CATALOG], promptTokens: NaN })
    const entry = result.ranked.find((r) => r.ref === 'custom/gpt-4o')!
    expect(Number.isFinite(entry.score)).toBe(true)
    expect(entry.score).toBeLessThanOrEqual(1.01)
    const code = rankModels({ intent: 'CODE_GENERATION', preference: 'quality', candidates: [broken], promptTokens: 1 })
    expect(code.ranked[0]!.reason).toMatch(/code quality \(y\)/)
  })

  it('an empty candidate list gives an empty ranking', () => {
    expect(rankModels({ intent: 'GENERAL', preference: 'quality', candidates: [], promptTokens: 1 }).ranked).toEqual([])
  })
})

describe('Ranker cache', () => {
  it('reuses a ranking for the same key and recomputes after invalidate or new candidates', () => {
    const ranker = new Ranker()
    ranker.setCandidates(CATALOG)
    const a = ranker.rank({ intent: 'CODE_GENERATION', preference: 'quality', promptTokens: 100 })
    expect(ranker.rank({ intent: 'CODE_GENERATION', preference: 'quality', promptTokens: 150 })).toBe(a)
    expect(ranker.rank({ intent: 'GENERAL', preference: 'quality', promptTokens: 100 })).not.toBe(a)
    // A prompt that no longer fits some context is another key.
    const big = ranker.rank({ intent: 'CODE_GENERATION', preference: 'quality', promptTokens: 60_000 })
    expect(big).not.toBe(a)
    expect(big.excluded.length).toBeGreaterThan(0)
    ranker.invalidate()
    const b = ranker.rank({ intent: 'CODE_GENERATION', preference: 'quality', promptTokens: 100 })
    expect(b).not.toBe(a)
    expect(b.ranked).toEqual(a.ranked)
    ranker.setCandidates(CATALOG.filter((c) => c.local))
    expect(ranker.rank({ intent: 'CODE_GENERATION', preference: 'quality', promptTokens: 100 }).ranked[0]!.local).toBe(true)
  })

  it('keys custom weights by value', () => {
    const ranker = new Ranker()
    ranker.setCandidates(CATALOG)
    const cheap = ranker.rank({ intent: 'GENERAL', preference: 'custom', weights: { quality: 0, cost: 1, latency: 0, health: 0 }, promptTokens: 1 })
    const good = ranker.rank({ intent: 'GENERAL', preference: 'custom', weights: { quality: 1, cost: 0, latency: 0, health: 0 }, promptTokens: 1 })
    expect(cheap.ranked[0]!.ref).not.toBe(good.ranked[0]!.ref)
  })
})
