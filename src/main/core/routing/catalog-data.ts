/**
 * Shipped model profiles. Every per-intent score cites the published figure it comes from
 * (vendor model cards and technical reports) or says `estimate`. Raw benchmark figures are
 * put on one comparable [0, 1] scale by the piecewise-linear calibrations below, anchored so
 * that a GPT-4o-class result lands near 0.86 on every benchmark of an intent; the raw figure
 * stays in `source`. CREATIVE_TASKS and SECURITY_ANALYSIS have no benchmark reported across
 * vendors, so they are estimates derived from the general and code/reasoning scores.
 * Prices: USD per million tokens (input, output), list prices at release; open weights run
 * locally cost 0 (ranking sets it), and hosted open weights take the catalog price.
 */
import type { Intent } from '../../../shared/schemas/routing'
import { ESTIMATE, OPEN_WEIGHTS, type Price, type ProfileCapabilities, type QualityScore, type ShippedProfile } from './profiles'

type Anchors = readonly (readonly [number, number])[]

function interpolate(anchors: Anchors, x: number): number {
  const first = anchors[0]!
  if (x <= first[0]) return first[1]
  for (let i = 1; i < anchors.length; i++) {
    const [x1, y1] = anchors[i]!
    const [x0, y0] = anchors[i - 1]!
    if (x <= x1 || i === anchors.length - 1) return Math.min(1, Math.max(0, y0 + ((y1 - y0) * (x - x0)) / (x1 - x0)))
  }
  return first[1]
}

const bench = (label: string, anchors: Anchors) => (x: number): QualityScore => ({
  score: Math.round(interpolate(anchors, x) * 1000) / 1000,
  source: `${label} ${x}%`
})

/** Calibrations: raw percentage -> comparable score. */
export const CALIBRATIONS = {
  HumanEval: [[0, 0], [50, 0.45], [90, 0.86], [100, 0.95]],
  LiveCodeBench: [[0, 0], [20, 0.55], [33, 0.86], [70, 0.98]],
  'SWE-bench Verified': [[0, 0.3], [25, 0.7], [40, 0.82], [55, 0.88], [75, 0.98]],
  'GPQA Diamond': [[25, 0.3], [40, 0.65], [55, 0.78], [70, 0.87], [85, 0.95]],
  MATH: [[0, 0], [30, 0.35], [76, 0.8], [97, 0.95]],
  AIME: [[0, 0.5], [10, 0.78], [40, 0.86], [90, 0.97]],
  MMLU: [[25, 0], [50, 0.4], [70, 0.65], [88, 0.88], [95, 0.95]],
  'MMLU-Pro': [[20, 0.2], [50, 0.6], [72, 0.86], [85, 0.95]],
  MMMU: [[30, 0.3], [50, 0.6], [69, 0.85], [83, 0.96]]
} as const satisfies Record<string, Anchors>

const he = bench('HumanEval', CALIBRATIONS.HumanEval)
const heMul = bench('HumanEval-Mul', CALIBRATIONS.HumanEval)
const lcb = bench('LiveCodeBench', CALIBRATIONS.LiveCodeBench)
const swe = bench('SWE-bench Verified', CALIBRATIONS['SWE-bench Verified'])
const gpqa = bench('GPQA Diamond', CALIBRATIONS['GPQA Diamond'])
const math = bench('MATH', CALIBRATIONS.MATH)
const math500 = bench('MATH-500', CALIBRATIONS.MATH)
const aime24 = bench('AIME 2024', CALIBRATIONS.AIME)
const aime25 = bench('AIME 2025', CALIBRATIONS.AIME)
const mmlu = bench('MMLU', CALIBRATIONS.MMLU)
const mmmlu = bench('MMMLU', CALIBRATIONS.MMLU)
const redux = bench('MMLU-Redux', CALIBRATIONS.MMLU)
const mmluPro = bench('MMLU-Pro', CALIBRATIONS['MMLU-Pro'])
const mmmu = bench('MMMU', CALIBRATIONS.MMMU)
const est = (score: number): QualityScore => ({ score: Math.round(score * 1000) / 1000, source: ESTIMATE })

interface Scores {
  code: QualityScore
  reasoning: QualityScore
  math: QualityScore
  general: QualityScore
  vision?: QualityScore
  creative?: QualityScore
  security?: QualityScore
}

/** Capabilities from letters: v(ision) t(ools) j(son) r(easoning). */
function caps(letters: string): ProfileCapabilities {
  return { vision: letters.includes('v'), tools: letters.includes('t'), json: letters.includes('j'), reasoning: letters.includes('r') }
}

function quality(s: Scores, vision: boolean): Record<Intent, QualityScore> {
  return {
    CODE_GENERATION: s.code,
    REASONING_LOGIC: s.reasoning,
    MATHEMATICAL_PROOFS: s.math,
    GENERAL: s.general,
    CREATIVE_TASKS: s.creative ?? est(s.general.score - 0.02),
    SECURITY_ANALYSIS: s.security ?? est((s.code.score + s.reasoning.score) / 2 - 0.02),
    MULTI_MODAL: s.vision ?? est(vision ? s.general.score - 0.15 : 0.05)
  }
}

interface Spec {
  id: string
  name: string
  ctx: number
  caps: string
  q: Scores
  params?: number | null
  price?: Price | null
  isDefault?: boolean
}

function cloud(provider: string, match: RegExp, s: Spec): ShippedProfile {
  const capabilities = caps(s.caps)
  return {
    id: s.id, name: s.name, provider, family: s.id, match, contextLength: s.ctx, capabilities,
    quality: quality(s.q, capabilities.vision), price: s.price ?? null, openWeights: false, params: null
  }
}

function open(family: string, match: RegExp, specs: Spec[], provider: string = OPEN_WEIGHTS): ShippedProfile[] {
  return specs.map((s) => {
    const capabilities = caps(s.caps)
    return {
      id: s.id, name: s.name, provider, family, match, contextLength: s.ctx, capabilities,
      quality: quality(s.q, capabilities.vision), price: s.price ?? null, openWeights: true,
      params: s.params ?? null, ...(s.isDefault ? { isDefault: true } : {})
    }
  })
}

const p = (input: number, output: number): Price => ({ input, output })

/** Ordered: more specific families first (matchProfile takes the first family that matches). */
export const SHIPPED_PROFILES: readonly ShippedProfile[] = [
  // OpenAI
  cloud('openai', /gpt-4o-mini/, { id: 'gpt-4o-mini', name: 'GPT-4o mini', ctx: 128000, caps: 'vtj', price: p(0.15, 0.6), q: { code: he(87.2), reasoning: gpqa(40.2), math: math(70.2), general: mmlu(82), vision: mmmu(59.4) } }),
  cloud('openai', /gpt-4o/, { id: 'gpt-4o', name: 'GPT-4o', ctx: 128000, caps: 'vtj', price: p(2.5, 10), q: { code: he(90.2), reasoning: gpqa(53.6), math: math(76.6), general: mmlu(88.7), vision: mmmu(69.1), creative: est(0.88) } }),
  cloud('openai', /gpt-4\.1-nano/, { id: 'gpt-4.1-nano', name: 'GPT-4.1 nano', ctx: 1047576, caps: 'vtj', price: p(0.1, 0.4), q: { code: est(0.72), reasoning: gpqa(50.3), math: aime24(29.4), general: mmlu(80.1), vision: mmmu(55.4) } }),
  cloud('openai', /gpt-4\.1-mini/, { id: 'gpt-4.1-mini', name: 'GPT-4.1 mini', ctx: 1047576, caps: 'vtj', price: p(0.4, 1.6), q: { code: est(0.85), reasoning: gpqa(65), math: aime24(49.6), general: mmlu(87.5), vision: mmmu(72.7) } }),
  cloud('openai', /gpt-4\.1/, { id: 'gpt-4.1', name: 'GPT-4.1', ctx: 1047576, caps: 'vtj', price: p(2, 8), q: { code: swe(54.6), reasoning: gpqa(66.3), math: aime24(48.1), general: mmlu(90.2), vision: mmmu(74.8), creative: est(0.89) } }),
  cloud('openai', /(^|[-.])o3-mini/, { id: 'o3-mini', name: 'o3-mini', ctx: 200000, caps: 'tjr', price: p(1.1, 4.4), q: { code: swe(49.3), reasoning: gpqa(79.7), math: aime24(87.3), general: mmlu(86.9) } }),
  cloud('openai', /(^|[-.])o4-mini/, { id: 'o4-mini', name: 'o4-mini', ctx: 200000, caps: 'vtjr', price: p(1.1, 4.4), q: { code: swe(68.1), reasoning: gpqa(81.4), math: aime24(93.4), general: est(0.87), vision: mmmu(81.6) } }),
  cloud('openai', /(^|[-.])o3(?!-mini)(?![\d])/, { id: 'o3', name: 'o3', ctx: 200000, caps: 'vtjr', price: p(2, 8), q: { code: swe(69.1), reasoning: gpqa(83.3), math: aime24(91.6), general: est(0.91), vision: mmmu(82.9) } }),
  // Anthropic
  cloud('anthropic', /claude-(3[.-]5-haiku|haiku-3[.-]5)/, { id: 'claude-3-5-haiku-latest', name: 'Claude 3.5 Haiku', ctx: 200000, caps: 'tj', price: p(0.8, 4), q: { code: he(88.1), reasoning: gpqa(41.6), math: math(69.4), general: est(0.8) } }),
  cloud('anthropic', /claude-3-haiku/, { id: 'claude-3-haiku', name: 'Claude 3 Haiku', ctx: 200000, caps: 'vtj', price: p(0.25, 1.25), q: { code: he(75.9), reasoning: gpqa(33.3), math: math(38.9), general: mmlu(75.2), vision: mmmu(50.2) } }),
  cloud('anthropic', /claude-3-opus/, { id: 'claude-3-opus', name: 'Claude 3 Opus', ctx: 200000, caps: 'vtj', price: p(15, 75), q: { code: he(84.9), reasoning: gpqa(50.4), math: math(60.1), general: mmlu(86.8), vision: mmmu(59.4) } }),
  cloud('anthropic', /claude-(3[.-]5-sonnet|sonnet-3[.-]5)/, { id: 'claude-3-5-sonnet-latest', name: 'Claude 3.5 Sonnet', ctx: 200000, caps: 'vtj', price: p(3, 15), q: { code: he(93.7), reasoning: gpqa(65), math: math(78.3), general: mmlu(88.3), vision: mmmu(70.4), creative: est(0.9) } }),
  cloud('anthropic', /claude-(3[.-]7-sonnet|sonnet-3[.-]7)/, { id: 'claude-3-7-sonnet-latest', name: 'Claude 3.7 Sonnet', ctx: 200000, caps: 'vtjr', price: p(3, 15), q: { code: swe(62.3), reasoning: gpqa(68), math: math500(82.2), general: mmmlu(86.1), vision: mmmu(71.8), creative: est(0.91) } }),
  cloud('anthropic', /claude-sonnet-4[.-]5/, { id: 'claude-sonnet-4-5', name: 'Claude Sonnet 4.5', ctx: 200000, caps: 'vtjr', price: p(3, 15), q: { code: swe(77.2), reasoning: gpqa(83.4), math: est(0.92), general: mmmlu(89.1), vision: mmmu(77.8), creative: est(0.93) } }),
  cloud('anthropic', /claude-opus-4[.-]1/, { id: 'claude-opus-4-1', name: 'Claude Opus 4.1', ctx: 200000, caps: 'vtjr', price: p(15, 75), q: { code: swe(74.5), reasoning: gpqa(80.9), math: aime25(78), general: mmmlu(89.5), vision: mmmu(77.1), creative: est(0.94) } }),
  cloud('anthropic', /claude-(opus-4|4-opus)/, { id: 'claude-opus-4-0', name: 'Claude Opus 4', ctx: 200000, caps: 'vtjr', price: p(15, 75), q: { code: swe(72.5), reasoning: gpqa(79.6), math: aime25(75.5), general: mmmlu(88.8), vision: mmmu(76.5), creative: est(0.94) } }),
  cloud('anthropic', /claude-(sonnet-4|4-sonnet)/, { id: 'claude-sonnet-4-0', name: 'Claude Sonnet 4', ctx: 200000, caps: 'vtjr', price: p(3, 15), q: { code: swe(72.7), reasoning: gpqa(75.4), math: aime25(70.5), general: mmmlu(86.5), vision: mmmu(74.4), creative: est(0.92) } }),
  // Google (served through OpenRouter or an OpenAI-compatible endpoint)
  cloud('google', /gemini-2\.5-pro/, { id: 'gemini-2.5-pro', name: 'Gemini 2.5 Pro', ctx: 1048576, caps: 'vtjr', price: p(1.25, 10), q: { code: lcb(70.4), reasoning: gpqa(84), math: aime25(86.7), general: est(0.9), vision: mmmu(81.7) } }),
  cloud('google', /gemini-2\.0-flash/, { id: 'gemini-2.0-flash', name: 'Gemini 2.0 Flash', ctx: 1048576, caps: 'vtj', price: p(0.1, 0.4), q: { code: lcb(34.5), reasoning: gpqa(60.1), math: math(90.9), general: mmluPro(77.6), vision: mmmu(71.7) } }),
  // Meta Llama
  ...open('llama3.2-vision', /llama-?3\.2.*vision/, [
    { id: 'llama-3.2-11b-vision', name: 'Llama 3.2 11B Vision', params: 11, isDefault: true, ctx: 131072, caps: 'v', q: { code: est(0.6), reasoning: est(0.45), math: math(51.9), general: mmlu(73), vision: mmmu(50.7) } },
    { id: 'llama-3.2-90b-vision', name: 'Llama 3.2 90B Vision', params: 90, ctx: 131072, caps: 'v', q: { code: est(0.72), reasoning: gpqa(46.7), math: math(68), general: mmlu(86), vision: mmmu(60.3) } }
  ]),
  ...open('llama4-maverick', /llama-?4-maverick/, [{ id: 'llama-4-maverick', name: 'Llama 4 Maverick', params: 400, ctx: 1048576, caps: 'vtj', q: { code: lcb(43.4), reasoning: gpqa(69.8), math: est(0.8), general: mmluPro(80.5), vision: mmmu(73.4) } }]),
  ...open('llama4-scout', /llama-?4(?![\d])/, [{ id: 'llama-4-scout', name: 'Llama 4 Scout', params: 109, ctx: 10485760, caps: 'vtj', q: { code: lcb(32.8), reasoning: gpqa(57.2), math: est(0.72), general: mmluPro(74.3), vision: mmmu(69.4) } }]),
  ...open('llama3.3', /llama-?3\.3(?![\d])/, [{ id: 'llama-3.3-70b', name: 'Llama 3.3 70B', params: 70, ctx: 131072, caps: 'tj', q: { code: he(88.4), reasoning: gpqa(50.5), math: math(77), general: mmlu(86) } }]),
  ...open('llama3.2', /llama-?3\.2(?![\d])/, [
    { id: 'llama-3.2-1b', name: 'Llama 3.2 1B', params: 1, ctx: 131072, caps: 't', q: { code: est(0.3), reasoning: gpqa(27.2), math: math(30.6), general: mmlu(49.3) } },
    { id: 'llama-3.2-3b', name: 'Llama 3.2 3B', params: 3, isDefault: true, ctx: 131072, caps: 'tj', q: { code: est(0.5), reasoning: gpqa(32.8), math: math(48), general: mmlu(63.4) } }
  ]),
  ...open('llama3.1', /llama-?3\.1(?![\d])/, [
    { id: 'llama-3.1-8b', name: 'Llama 3.1 8B', params: 8, isDefault: true, ctx: 131072, caps: 'tj', q: { code: he(72.6), reasoning: gpqa(30.4), math: math(51.9), general: mmlu(73) } },
    { id: 'llama-3.1-70b', name: 'Llama 3.1 70B', params: 70, ctx: 131072, caps: 'tj', q: { code: he(80.5), reasoning: gpqa(41.7), math: math(68), general: mmlu(86) } },
    { id: 'llama-3.1-405b', name: 'Llama 3.1 405B', params: 405, ctx: 131072, caps: 'tj', q: { code: he(89), reasoning: gpqa(51.1), math: math(73.8), general: mmlu(88.6) } }
  ]),
  ...open('llama3', /llama-?3(?![.\d])/, [
    { id: 'llama-3-8b', name: 'Llama 3 8B', params: 8, isDefault: true, ctx: 8192, caps: '', q: { code: he(62.2), reasoning: gpqa(34.2), math: math(30), general: mmlu(68.4) } },
    { id: 'llama-3-70b', name: 'Llama 3 70B', params: 70, ctx: 8192, caps: '', q: { code: he(81.7), reasoning: gpqa(39.5), math: math(50.4), general: mmlu(82) } }
  ]),
  ...open('codellama', /code-?llama/, [
    { id: 'codellama-7b', name: 'Code Llama 7B', params: 7, isDefault: true, ctx: 16384, caps: '', q: { code: he(34.8), reasoning: est(0.3), math: est(0.2), general: est(0.35) } },
    { id: 'codellama-34b', name: 'Code Llama 34B', params: 34, ctx: 16384, caps: '', q: { code: he(41.5), reasoning: est(0.35), math: est(0.25), general: est(0.4) } }
  ]),
  ...open('llava', /llava/, [{ id: 'llava-7b', name: 'LLaVA 1.6 7B', params: 7, isDefault: true, ctx: 4096, caps: 'v', q: { code: est(0.25), reasoning: est(0.3), math: est(0.2), general: est(0.45), vision: mmmu(35.8) } }]),
  // Qwen
  ...open('qwen2.5-coder', /qwen-?2\.5-coder/, [
    { id: 'qwen2.5-coder-0.5b', name: 'Qwen2.5-Coder 0.5B', params: 0.5, ctx: 32768, caps: 't', q: { code: he(61.6), reasoning: est(0.25), math: est(0.2), general: est(0.3) } },
    { id: 'qwen2.5-coder-1.5b', name: 'Qwen2.5-Coder 1.5B', params: 1.5, ctx: 32768, caps: 't', q: { code: he(70.7), reasoning: est(0.32), math: est(0.3), general: est(0.38) } },
    { id: 'qwen2.5-coder-3b', name: 'Qwen2.5-Coder 3B', params: 3, ctx: 32768, caps: 't', q: { code: he(84.1), reasoning: est(0.4), math: est(0.4), general: est(0.45) } },
    { id: 'qwen2.5-coder-7b', name: 'Qwen2.5-Coder 7B', params: 7, isDefault: true, ctx: 32768, caps: 'tj', q: { code: he(88.4), reasoning: est(0.5), math: est(0.55), general: est(0.55) } },
    { id: 'qwen2.5-coder-14b', name: 'Qwen2.5-Coder 14B', params: 14, ctx: 32768, caps: 'tj', q: { code: he(89.6), reasoning: est(0.6), math: est(0.62), general: est(0.62) } },
    { id: 'qwen2.5-coder-32b', name: 'Qwen2.5-Coder 32B', params: 32, ctx: 32768, caps: 'tj', q: { code: he(92.7), reasoning: est(0.68), math: est(0.7), general: est(0.7) } }
  ]),
  ...open('qwen2.5-vl', /qwen-?2\.5-?vl/, [
    { id: 'qwen2.5-vl-3b', name: 'Qwen2.5-VL 3B', params: 3, ctx: 128000, caps: 'v', q: { code: est(0.4), reasoning: est(0.4), math: est(0.4), general: est(0.5), vision: mmmu(53.1) } },
    { id: 'qwen2.5-vl-7b', name: 'Qwen2.5-VL 7B', params: 7, isDefault: true, ctx: 128000, caps: 'vt', q: { code: est(0.5), reasoning: est(0.48), math: est(0.5), general: est(0.6), vision: mmmu(58.6) } },
    { id: 'qwen2.5-vl-72b', name: 'Qwen2.5-VL 72B', params: 72, ctx: 128000, caps: 'vt', q: { code: est(0.75), reasoning: est(0.7), math: est(0.72), general: est(0.82), vision: mmmu(70.2) } }
  ]),
  ...open('qwen2.5', /qwen-?2\.5(?![\d])/, [
    { id: 'qwen2.5-0.5b', name: 'Qwen2.5 0.5B', params: 0.5, ctx: 32768, caps: 't', q: { code: he(35.6), reasoning: est(0.25), math: math(34.4), general: est(0.3) } },
    { id: 'qwen2.5-1.5b', name: 'Qwen2.5 1.5B', params: 1.5, ctx: 32768, caps: 't', q: { code: he(61.6), reasoning: est(0.35), math: math(55.2), general: redux(50.7) } },
    { id: 'qwen2.5-3b', name: 'Qwen2.5 3B', params: 3, ctx: 32768, caps: 'tj', q: { code: he(74.4), reasoning: est(0.42), math: math(65.9), general: redux(64.4) } },
    { id: 'qwen2.5-7b', name: 'Qwen2.5 7B', params: 7, isDefault: true, ctx: 32768, caps: 'tj', q: { code: he(84.8), reasoning: gpqa(36.4), math: math(75.5), general: redux(75.4) } },
    { id: 'qwen2.5-14b', name: 'Qwen2.5 14B', params: 14, ctx: 32768, caps: 'tj', q: { code: he(83.5), reasoning: gpqa(45.5), math: math(80), general: redux(80) } },
    { id: 'qwen2.5-32b', name: 'Qwen2.5 32B', params: 32, ctx: 32768, caps: 'tj', q: { code: he(88.4), reasoning: gpqa(49.5), math: math(83.1), general: redux(83.9) } },
    { id: 'qwen2.5-72b', name: 'Qwen2.5 72B', params: 72, ctx: 32768, caps: 'tj', q: { code: he(86.6), reasoning: gpqa(49), math: math(83.1), general: redux(86.8) } }
  ]),
  ...open('qwen3-coder', /qwen-?3-coder/, [
    { id: 'qwen3-coder-30b', name: 'Qwen3-Coder 30B-A3B', params: 30, isDefault: true, ctx: 262144, caps: 'tj', q: { code: est(0.88), reasoning: est(0.65), math: est(0.65), general: est(0.7) } },
    { id: 'qwen3-coder-480b', name: 'Qwen3-Coder 480B-A35B', params: 480, ctx: 262144, caps: 'tj', q: { code: swe(69.6), reasoning: est(0.78), math: est(0.78), general: est(0.82) } }
  ]),
  ...open('qwen3', /qwen-?3(?![\d])/, [
    { id: 'qwen3-0.6b', name: 'Qwen3 0.6B', params: 0.6, ctx: 40960, caps: 'tjr', q: { code: est(0.3), reasoning: gpqa(27.9), math: est(0.35), general: redux(55.6) } },
    { id: 'qwen3-1.7b', name: 'Qwen3 1.7B', params: 1.7, ctx: 40960, caps: 'tjr', q: { code: est(0.5), reasoning: gpqa(40.1), math: aime24(48.3), general: redux(73.9) } },
    { id: 'qwen3-4b', name: 'Qwen3 4B', params: 4, ctx: 40960, caps: 'tjr', q: { code: lcb(54.2), reasoning: gpqa(55.9), math: aime24(73.8), general: redux(83.7) } },
    { id: 'qwen3-8b', name: 'Qwen3 8B', params: 8, isDefault: true, ctx: 40960, caps: 'tjr', q: { code: lcb(57.5), reasoning: gpqa(62), math: aime24(76), general: redux(87.5) } },
    { id: 'qwen3-14b', name: 'Qwen3 14B', params: 14, ctx: 40960, caps: 'tjr', q: { code: lcb(63.5), reasoning: gpqa(64), math: aime24(79.3), general: redux(88.6) } },
    { id: 'qwen3-30b-a3b', name: 'Qwen3 30B-A3B', params: 30, ctx: 40960, caps: 'tjr', q: { code: lcb(62.6), reasoning: gpqa(65.8), math: aime24(80.4), general: redux(89.5) } },
    { id: 'qwen3-32b', name: 'Qwen3 32B', params: 32, ctx: 40960, caps: 'tjr', q: { code: lcb(65.7), reasoning: gpqa(68.4), math: aime24(81.4), general: redux(90.9) } },
    { id: 'qwen3-235b-a22b', name: 'Qwen3 235B-A22B', params: 235, ctx: 40960, caps: 'tjr', q: { code: lcb(70.7), reasoning: gpqa(71.1), math: aime24(85.7), general: redux(92.7) } }
  ]),
  ...open('qwq', /qwq/, [{ id: 'qwq-32b', name: 'QwQ 32B', params: 32, isDefault: true, ctx: 131072, caps: 'tjr', q: { code: lcb(63.4), reasoning: est(0.82), math: aime24(79.5), general: est(0.78) } }]),
  // Mistral
  cloud('mistral', /codestral-(latest|25)/, { id: 'codestral-latest', name: 'Codestral 25.01', ctx: 262144, caps: 'tj', price: p(0.3, 0.9), q: { code: he(86.6), reasoning: est(0.55), math: est(0.5), general: est(0.6) } }),
  ...open('codestral', /codestral/, [{ id: 'codestral-22b', name: 'Codestral 22B', params: 22, isDefault: true, ctx: 32768, caps: '', q: { code: he(81.1), reasoning: est(0.5), math: est(0.45), general: est(0.58) } }]),
  ...open('mistral-large', /mistral-large/, [{ id: 'mistral-large', name: 'Mistral Large 2', params: 123, isDefault: true, ctx: 131072, caps: 'tj', price: p(2, 6), q: { code: he(92), reasoning: est(0.72), math: est(0.72), general: mmlu(84) } }], 'mistral'),
  ...open('mistral-small', /mistral-small/, [{ id: 'mistral-small', name: 'Mistral Small 3.1', params: 24, isDefault: true, ctx: 131072, caps: 'vtj', price: p(0.1, 0.3), q: { code: he(84.8), reasoning: gpqa(45.3), math: math(70.6), general: mmlu(80.6) } }], 'mistral'),
  ...open('mistral-nemo', /mistral-nemo/, [{ id: 'mistral-nemo', name: 'Mistral NeMo 12B', params: 12, isDefault: true, ctx: 131072, caps: 'tj', price: p(0.15, 0.15), q: { code: est(0.55), reasoning: est(0.45), math: est(0.4), general: mmlu(68) } }], 'mistral'),
  ...open('mixtral-8x22b', /mixtral.*8x22b/, [{ id: 'mixtral-8x22b', name: 'Mixtral 8x22B', params: 141, isDefault: true, ctx: 65536, caps: 'tj', q: { code: he(45.1), reasoning: est(0.5), math: est(0.45), general: mmlu(77.8) } }]),
  ...open('mixtral', /mixtral/, [{ id: 'mixtral-8x7b', name: 'Mixtral 8x7B', params: 47, isDefault: true, ctx: 32768, caps: 'j', q: { code: he(40.2), reasoning: est(0.45), math: est(0.35), general: mmlu(70.6) } }]),
  ...open('mistral', /mistral/, [{ id: 'mistral-7b', name: 'Mistral 7B', params: 7, isDefault: true, ctx: 32768, caps: 't', q: { code: he(30.5), reasoning: est(0.35), math: math(13.1), general: mmlu(60.1) } }]),
  // DeepSeek
  ...open('deepseek-coder-v2', /deepseek-coder-v2/, [
    { id: 'deepseek-coder-v2-16b', name: 'DeepSeek-Coder-V2 Lite', params: 16, isDefault: true, ctx: 163840, caps: 'j', q: { code: he(81.1), reasoning: est(0.45), math: math(61.8), general: mmlu(60.1) } },
    { id: 'deepseek-coder-v2-236b', name: 'DeepSeek-Coder-V2', params: 236, ctx: 163840, caps: 'tj', q: { code: he(90.2), reasoning: est(0.65), math: math(75.7), general: mmlu(79.2) } }
  ]),
  ...open('deepseek-coder', /deepseek-coder/, [
    { id: 'deepseek-coder-1.3b', name: 'DeepSeek-Coder 1.3B', params: 1.3, ctx: 16384, caps: '', q: { code: he(65.2), reasoning: est(0.25), math: est(0.2), general: est(0.3) } },
    { id: 'deepseek-coder-6.7b', name: 'DeepSeek-Coder 6.7B', params: 6.7, isDefault: true, ctx: 16384, caps: '', q: { code: he(78.6), reasoning: est(0.35), math: est(0.3), general: est(0.4) } },
    { id: 'deepseek-coder-33b', name: 'DeepSeek-Coder 33B', params: 33, ctx: 16384, caps: '', q: { code: he(79.3), reasoning: est(0.45), math: est(0.4), general: est(0.5) } }
  ]),
  ...open('deepseek-r1', /deepseek-(r1|reasoner)/, [
    { id: 'deepseek-r1-distill-1.5b', name: 'DeepSeek-R1 Distill Qwen 1.5B', params: 1.5, ctx: 131072, caps: 'r', q: { code: lcb(16.9), reasoning: gpqa(33.8), math: aime24(28.9), general: est(0.35) } },
    { id: 'deepseek-r1-distill-7b', name: 'DeepSeek-R1 Distill Qwen 7B', params: 7, ctx: 131072, caps: 'r', q: { code: lcb(37.6), reasoning: gpqa(49.1), math: aime24(55.5), general: est(0.5) } },
    { id: 'deepseek-r1-distill-8b', name: 'DeepSeek-R1 Distill Llama 8B', params: 8, ctx: 131072, caps: 'r', q: { code: lcb(39.6), reasoning: gpqa(49), math: aime24(50.4), general: est(0.52) } },
    { id: 'deepseek-r1-distill-14b', name: 'DeepSeek-R1 Distill Qwen 14B', params: 14, ctx: 131072, caps: 'r', q: { code: lcb(53.1), reasoning: gpqa(59.1), math: aime24(69.7), general: est(0.62) } },
    { id: 'deepseek-r1-distill-32b', name: 'DeepSeek-R1 Distill Qwen 32B', params: 32, ctx: 131072, caps: 'r', q: { code: lcb(57.2), reasoning: gpqa(62.1), math: aime24(72.6), general: est(0.7) } },
    { id: 'deepseek-r1-distill-70b', name: 'DeepSeek-R1 Distill Llama 70B', params: 70, ctx: 131072, caps: 'r', q: { code: lcb(57.5), reasoning: gpqa(65.2), math: aime24(70), general: est(0.75) } },
    { id: 'deepseek-r1', name: 'DeepSeek-R1', params: 671, isDefault: true, ctx: 131072, caps: 'jr', price: p(0.55, 2.19), q: { code: lcb(65.9), reasoning: gpqa(71.5), math: math500(97.3), general: mmlu(90.8) } }
  ]),
  ...open('deepseek-v3', /deepseek-(v3|chat)/, [{ id: 'deepseek-v3', name: 'DeepSeek-V3', params: 671, isDefault: true, ctx: 131072, caps: 'tj', price: p(0.27, 1.1), q: { code: heMul(82.6), reasoning: gpqa(59.1), math: math500(90.2), general: mmlu(88.5) } }]),
  // Gemma
  ...open('gemma3', /gemma-?3(?![\d])/, [
    { id: 'gemma-3-1b', name: 'Gemma 3 1B', params: 1, ctx: 32768, caps: '', q: { code: he(41.5), reasoning: est(0.3), math: math(48), general: est(0.35) } },
    { id: 'gemma-3-4b', name: 'Gemma 3 4B', params: 4, isDefault: true, ctx: 131072, caps: 'v', q: { code: he(71.3), reasoning: gpqa(30.8), math: math(75.6), general: mmluPro(43.6), vision: mmmu(48.8) } },
    { id: 'gemma-3-12b', name: 'Gemma 3 12B', params: 12, ctx: 131072, caps: 'v', q: { code: he(85.4), reasoning: gpqa(40.9), math: math(83.8), general: mmluPro(60.6), vision: mmmu(59.6) } },
    { id: 'gemma-3-27b', name: 'Gemma 3 27B', params: 27, ctx: 131072, caps: 'v', q: { code: he(87.8), reasoning: gpqa(42.4), math: math(89), general: mmluPro(67.5), vision: mmmu(64.9) } }
  ]),
  ...open('gemma2', /gemma-?2(?![\d])/, [
    { id: 'gemma-2-2b', name: 'Gemma 2 2B', params: 2, ctx: 8192, caps: '', q: { code: he(17.7), reasoning: est(0.3), math: est(0.2), general: mmlu(51.3) } },
    { id: 'gemma-2-9b', name: 'Gemma 2 9B', params: 9, isDefault: true, ctx: 8192, caps: '', q: { code: he(40.2), reasoning: est(0.45), math: math(36.6), general: mmlu(71.3) } },
    { id: 'gemma-2-27b', name: 'Gemma 2 27B', params: 27, ctx: 8192, caps: '', q: { code: he(51.8), reasoning: est(0.5), math: math(42.3), general: mmlu(75.2) } }
  ]),
  // Phi
  ...open('phi4-reasoning', /phi-?4-reasoning/, [{ id: 'phi-4-reasoning', name: 'Phi-4-reasoning', params: 14, isDefault: true, ctx: 32768, caps: 'r', q: { code: lcb(53.8), reasoning: gpqa(65.8), math: aime24(75.3), general: est(0.72) } }]),
  ...open('phi4-mini', /phi-?4-mini/, [{ id: 'phi-4-mini', name: 'Phi-4-mini', params: 3.8, isDefault: true, ctx: 131072, caps: 't', q: { code: he(74.4), reasoning: est(0.45), math: math(64), general: mmlu(67.3) } }]),
  ...open('phi4', /phi-?4(?![\d])/, [{ id: 'phi-4', name: 'Phi-4', params: 14, isDefault: true, ctx: 16384, caps: '', q: { code: he(82.6), reasoning: gpqa(56.1), math: math(80.4), general: mmlu(84.8) } }]),
  ...open('phi3', /phi-?3/, [
    { id: 'phi-3-mini', name: 'Phi-3 mini', params: 3.8, isDefault: true, ctx: 4096, caps: '', q: { code: he(58.5), reasoning: est(0.4), math: est(0.4), general: mmlu(68.8) } },
    { id: 'phi-3-medium', name: 'Phi-3 medium', params: 14, ctx: 4096, caps: '', q: { code: he(62.2), reasoning: est(0.48), math: est(0.45), general: mmlu(78) } }
  ])
]
