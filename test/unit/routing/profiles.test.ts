import { describe, expect, it } from 'vitest'
import { NexusError } from '../../../src/shared/errors'
import { INTENTS } from '../../../src/shared/schemas/routing'
import { SHIPPED_PROFILES } from '../../../src/main/core/routing/catalog-data'
import {
  applyOverrides,
  matchProfile,
  normaliseModelId,
  paramsFromId,
  parseOverrides,
  profileFromOllama,
  sanitizeQuality,
  toProfile
} from '../../../src/main/core/routing/profiles'

const id = (model: string): string | undefined => matchProfile(model, SHIPPED_PROFILES)?.id

describe('profile matching', () => {
  it.each([
    ['gpt-4o', 'gpt-4o'],
    ['gpt-4o-2024-08-06', 'gpt-4o'],
    ['chatgpt-4o-latest', 'gpt-4o'],
    ['gpt-4o-mini', 'gpt-4o-mini'],
    ['openai/gpt-4o-mini-2024-07-18', 'gpt-4o-mini'],
    ['gpt-4.1', 'gpt-4.1'],
    ['gpt-4.1-mini-2025-04-14', 'gpt-4.1-mini'],
    ['gpt-4.1-nano', 'gpt-4.1-nano'],
    ['o3', 'o3'],
    ['o3-2025-04-16', 'o3'],
    ['o3-mini', 'o3-mini'],
    ['o4-mini', 'o4-mini'],
    ['claude-3-5-sonnet-20241022', 'claude-3-5-sonnet-latest'],
    ['anthropic/claude-3.5-sonnet', 'claude-3-5-sonnet-latest'],
    ['claude-3-7-sonnet-20250219', 'claude-3-7-sonnet-latest'],
    ['us.anthropic.claude-3-7-sonnet-20250219-v1:0', 'claude-3-7-sonnet-latest'],
    ['claude-sonnet-4-20250514', 'claude-sonnet-4-0'],
    ['claude-sonnet-4-0', 'claude-sonnet-4-0'],
    ['anthropic/claude-sonnet-4.5', 'claude-sonnet-4-5'],
    ['claude-opus-4-1-20250805', 'claude-opus-4-1'],
    ['claude-opus-4-0', 'claude-opus-4-0'],
    ['claude-3-5-haiku-latest', 'claude-3-5-haiku-latest'],
    ['claude-3-haiku-20240307', 'claude-3-haiku'],
    ['llama3.2:3b', 'llama-3.2-3b'],
    ['llama3.2', 'llama-3.2-3b'],
    ['llama3.2:1b-instruct-q8_0', 'llama-3.2-1b'],
    ['llama3.2-vision:11b', 'llama-3.2-11b-vision'],
    ['meta-llama/llama-3.1-8b-instruct', 'llama-3.1-8b'],
    ['meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo', 'llama-3.1-70b'],
    ['llama-3.1-8b-instant', 'llama-3.1-8b'],
    ['llama-3.3-70b-versatile', 'llama-3.3-70b'],
    ['llama3:latest', 'llama-3-8b'],
    ['llama3-70b-8192', 'llama-3-70b'],
    ['hf.co/bartowski/Llama-3.2-3B-Instruct-GGUF:Q4_K_M', 'llama-3.2-3b'],
    ['meta-llama/llama-4-scout-17b-16e-instruct', 'llama-4-scout'],
    ['llama4:maverick', 'llama-4-maverick'],
    ['qwen2.5-coder:7b-instruct-q4_K_M', 'qwen2.5-coder-7b'],
    ['qwen2.5-coder:32b', 'qwen2.5-coder-32b'],
    ['bartowski/Qwen2.5-Coder-14B-Instruct-GGUF', 'qwen2.5-coder-14b'],
    ['Qwen/Qwen2.5-72B-Instruct', 'qwen2.5-72b'],
    ['qwen2.5:latest', 'qwen2.5-7b'],
    ['qwen2.5vl:7b', 'qwen2.5-vl-7b'],
    ['qwen2.5-vl-72b-instruct', 'qwen2.5-vl-72b'],
    ['qwen3:8b', 'qwen3-8b'],
    ['qwen3:30b-a3b', 'qwen3-30b-a3b'],
    ['qwen/qwen3-235b-a22b', 'qwen3-235b-a22b'],
    ['qwen3-coder:30b', 'qwen3-coder-30b'],
    ['qwq:32b', 'qwq-32b'],
    ['mistral:7b', 'mistral-7b'],
    ['mistralai/Mistral-7B-Instruct-v0.3', 'mistral-7b'],
    ['mistral-large-latest', 'mistral-large'],
    ['mistral-small3.1:24b', 'mistral-small'],
    ['open-mistral-nemo', 'mistral-nemo'],
    ['mixtral:8x7b', 'mixtral-8x7b'],
    ['mistralai/mixtral-8x22b-instruct', 'mixtral-8x22b'],
    ['codestral:22b', 'codestral-22b'],
    ['codestral-latest', 'codestral-latest'],
    ['deepseek-r1:7b', 'deepseek-r1-distill-7b'],
    ['deepseek-r1:70b', 'deepseek-r1-distill-70b'],
    ['deepseek-ai/DeepSeek-R1-Distill-Qwen-32B', 'deepseek-r1-distill-32b'],
    ['deepseek/deepseek-r1', 'deepseek-r1'],
    ['deepseek-reasoner', 'deepseek-r1'],
    ['deepseek-chat', 'deepseek-v3'],
    ['deepseek/deepseek-chat-v3-0324', 'deepseek-v3'],
    ['deepseek-coder-v2:16b', 'deepseek-coder-v2-16b'],
    ['deepseek-coder:6.7b', 'deepseek-coder-6.7b'],
    ['gemma3:27b', 'gemma-3-27b'],
    ['gemma3', 'gemma-3-4b'],
    ['google/gemma-3-12b-it', 'gemma-3-12b'],
    ['gemma2:2b', 'gemma-2-2b'],
    ['phi4:14b', 'phi-4'],
    ['phi4-mini', 'phi-4-mini'],
    ['phi3:mini', 'phi-3-mini'],
    ['phi3:14b', 'phi-3-medium'],
    ['microsoft/Phi-3-mini-4k-instruct', 'phi-3-mini'],
    ['google/gemini-2.5-pro', 'gemini-2.5-pro'],
    ['llava:7b', 'llava-7b'],
    ['codellama:34b', 'codellama-34b']
  ])('%s -> %s', (model, expected) => {
    expect(id(model)).toBe(expected)
  })

  it('knows nothing of unknown models', () => {
    expect(id('my-finetune:latest')).toBeUndefined()
    expect(id('text-embedding-3-small')).toBeUndefined()
  })

  it('reads sizes but not expert counts or active parameters', () => {
    expect(paramsFromId(normaliseModelId('qwen2.5-coder:1.5b'))).toBe(1.5)
    expect(paramsFromId(normaliseModelId('mixtral:8x7b'))).toBeNull()
    expect(paramsFromId(normaliseModelId('qwen3:30b-a3b'))).toBe(30)
  })
})

describe('shipped catalog', () => {
  it('has every intent scored in [0, 1] with a source for every profile', () => {
    expect(SHIPPED_PROFILES.length).toBeGreaterThan(60)
    for (const p of SHIPPED_PROFILES) {
      for (const intent of INTENTS) {
        const q = p.quality[intent]
        expect(q.score, `${p.id} ${intent}`).toBeGreaterThanOrEqual(0)
        expect(q.score, `${p.id} ${intent}`).toBeLessThanOrEqual(1)
        expect(q.source === 'estimate' || /^[A-Za-z][\w .-]* \d+(\.\d+)?%$/.test(q.source), `${p.id} ${q.source}`).toBe(true)
      }
      expect(p.contextLength).toBeGreaterThan(0)
      if (p.price) expect(p.price.input).toBeGreaterThanOrEqual(0)
    }
  })

  it('has unique ids per catalog key', () => {
    const keys = SHIPPED_PROFILES.map((p) => `${p.provider}/${p.id}`)
    expect(new Set(keys).size).toBe(keys.length)
  })
})

describe('sanitising and overrides', () => {
  it('clamps nonsense quality and replaces NaN by an estimate', () => {
    const q = sanitizeQuality({ CODE_GENERATION: { score: 7, source: 'x' }, GENERAL: { score: -1, source: 'y' }, REASONING_LOGIC: { score: NaN } }, 0.4)
    expect(q.CODE_GENERATION).toEqual({ score: 1, source: 'x' })
    expect(q.GENERAL).toEqual({ score: 0, source: 'y' })
    expect(q.REASONING_LOGIC).toEqual({ score: 0.4, source: 'estimate' })
    expect(q.MULTI_MODAL.source).toBe('estimate')
  })

  it('rejects nonsense overrides with a clear BAD_REQUEST', () => {
    expect(() => parseOverrides({ quality: { CODE_GENERATION: 1.5 } })).toThrow(NexusError)
    expect(() => parseOverrides({ contextLength: -3 })).toThrow(/contextLength/)
    expect(() => parseOverrides({ price: { input: NaN, output: 1 } })).toThrow(/price/)
    expect(() => parseOverrides({ bogus: 1 })).toThrow(/Invalid profile override/)
  })

  it('applies overrides on top, user scores marked as such', () => {
    const base = toProfile(matchProfile('gpt-4o', SHIPPED_PROFILES)!)
    const result = applyOverrides(base, parseOverrides({ contextLength: 64000, quality: { CODE_GENERATION: 0.5 }, capabilities: { vision: false } }))
    expect(result.contextLength).toBe(64000)
    expect(result.quality.CODE_GENERATION).toEqual({ score: 0.5, source: 'user override' })
    expect(result.quality.GENERAL).toEqual(base.quality.GENERAL)
    expect(result.capabilities).toMatchObject({ vision: false, tools: true })
    expect(result.origin).toBe('user')
  })
})

describe('Ollama profiles', () => {
  it('takes the shipped family with what Ollama reports winning', () => {
    const p = profileFromOllama(
      { model: 'qwen2.5-coder:7b-instruct-q4_K_M', contextLength: 32768, capabilities: { tools: true, vision: false }, family: 'qwen2', parameterSize: '7.6B' },
      SHIPPED_PROFILES
    )
    expect(p.quality.CODE_GENERATION.source).toBe('HumanEval 88.4%')
    expect(p.price).toEqual({ input: 0, output: 0 })
    expect(p.params).toBe(7.6)
    expect(p.origin).toBe('detected')
  })

  it('estimates an unknown model by its size, bigger better, capped', () => {
    const small = profileFromOllama({ model: 'mystery:latest', contextLength: 4096, capabilities: {}, family: 'foo', parameterSize: '1B' }, SHIPPED_PROFILES)
    const big = profileFromOllama({ model: 'mystery2:latest', contextLength: 4096, capabilities: { vision: true }, family: 'foo', parameterSize: '70B' }, SHIPPED_PROFILES)
    expect(small.quality.GENERAL.source).toBe('estimate')
    expect(big.quality.GENERAL.score).toBeGreaterThan(small.quality.GENERAL.score)
    expect(big.quality.GENERAL.score).toBeLessThanOrEqual(0.8)
    expect(big.capabilities.vision).toBe(true)
    expect(small.quality.MULTI_MODAL.score).toBeLessThan(0.1)
  })
})
