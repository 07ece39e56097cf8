/**
 * Ranking: for an intent and a preference, score every usable configured model on quality for
 * the intent, cost, observed latency and health, after the hard filters (capabilities the
 * prompt needs, a context that holds the prompt and an answer, local only). Returns the ranked
 * list with a reason per entry; everything after the first is the fallback list.
 */
import { NexusError } from '../../../shared/errors'
import { INTENTS, PREFERENCES, type Intent, type Preference, type RankedModel, type RankingWeights } from '../../../shared/schemas/routing'
import { FLAG_LOCAL, FLAG_TOOLS, FLAG_VISION, INTENT_INDEX, PreparedCandidates, type Candidate } from './ranking-features'
import { reasonFor } from './ranking-reasons'

export { PreparedCandidates, type Candidate } from './ranking-features'

export interface RankNeeds {
  vision?: boolean
  tools?: boolean
}

export interface RankInput {
  intent: Intent
  preference: Preference
  /** Required with preference 'custom'; normalised; all zero is a BAD_REQUEST. */
  weights?: RankingWeights
  candidates: readonly Candidate[] | PreparedCandidates
  /** Estimated tokens of the prompt (with history). */
  promptTokens: number
  needs?: RankNeeds
  /** Tokens kept free for the answer (default 1024). */
  answerReserve?: number
}

export interface ExcludedModel {
  ref: string
  reason: string
}

export interface Ranking {
  /** Best first; `ranked[0]` is the choice. Shared with the cache: do not mutate. */
  readonly ranked: readonly RankedModel[]
  /** `ranked` after the first. */
  readonly fallbacks: readonly RankedModel[]
  /** Models that cannot take this prompt, each with why. */
  readonly excluded: readonly ExcludedModel[]
}

export const DEFAULT_ANSWER_RESERVE = 1024
/** Health below this sinks a model under every healthy one (an open breaker scores 0). */
const UNHEALTHY = 0.05

/** [quality, cost, latency, health] per preference; they sum to 1. */
export const PRESET_WEIGHTS: Record<Exclude<Preference, 'custom'>, readonly [number, number, number, number]> = {
  quality: [0.8, 0, 0.05, 0.15],
  cost: [0.25, 0.6, 0.05, 0.1],
  speed: [0.25, 0, 0.6, 0.15],
  local: [0.55, 0.05, 0.2, 0.2],
  balanced: [0.45, 0.2, 0.2, 0.15]
}

/** The weights of a preference, normalised; custom weights that sum to zero are refused. */
export function resolveWeights(preference: Preference, weights?: RankingWeights): readonly [number, number, number, number] {
  if (preference !== 'custom') {
    const preset = PRESET_WEIGHTS[preference]
    if (!preset) throw new NexusError('BAD_REQUEST', `Unknown routing preference "${String(preference)}". Use one of: ${PREFERENCES.join(', ')}.`)
    return preset
  }
  if (!weights) throw new NexusError('BAD_REQUEST', 'The custom preference needs weights for quality, cost, latency and health.')
  const raw = [weights.quality, weights.cost, weights.latency, weights.health]
  if (raw.some((w) => typeof w !== 'number' || !Number.isFinite(w) || w < 0)) {
    throw new NexusError('BAD_REQUEST', 'Custom weights must be numbers of 0 or more.')
  }
  const sum = raw[0]! + raw[1]! + raw[2]! + raw[3]!
  if (sum <= 0) throw new NexusError('BAD_REQUEST', 'Custom weights are all zero: give at least one of quality, cost, latency or health a weight above 0.')
  return [raw[0]! / sum, raw[1]! / sum, raw[2]! / sum, raw[3]! / sum]
}

export function prepareCandidates(candidates: readonly Candidate[]): PreparedCandidates {
  return new PreparedCandidates(candidates)
}

function formatTokens(n: number): string {
  return Math.round(n).toLocaleString('en-US')
}

/** Ranks without a cache. */
export function rankModels(input: RankInput): Ranking {
  const set = input.candidates instanceof PreparedCandidates ? input.candidates : new PreparedCandidates(input.candidates)
  const intentIndex = INTENT_INDEX[input.intent]
  if (intentIndex === undefined) throw new NexusError('BAD_REQUEST', `Unknown intent "${String(input.intent)}". Use one of: ${INTENTS.join(', ')}.`)
  const [wq, wc, wl, wh] = resolveWeights(input.preference, input.weights)
  const localOnly = input.preference === 'local'
  const needVision = input.needs?.vision === true
  const needTools = input.needs?.tools === true
  const reserve = Number.isFinite(input.answerReserve) && input.answerReserve! >= 0 ? input.answerReserve! : DEFAULT_ANSWER_RESERVE
  const prompt = Number.isFinite(input.promptTokens) && input.promptTokens > 0 ? input.promptTokens : 0
  const need = prompt + reserve

  const { quality, cost, latency, health, context, flags, scratchScore: score, scratchOrder: order } = set
  const excluded: ExcludedModel[] = []
  let usable = 0
  for (let i = 0; i < set.size; i++) {
    const f = flags[i]!
    if (localOnly && !(f & FLAG_LOCAL)) {
      excluded.push({ ref: set.items[i]!.ref, reason: 'cloud model: the preference is local only' })
      continue
    }
    if (needVision && !(f & FLAG_VISION)) {
      excluded.push({ ref: set.items[i]!.ref, reason: 'cannot read images, and the prompt has some' })
      continue
    }
    if (needTools && !(f & FLAG_TOOLS)) {
      excluded.push({ ref: set.items[i]!.ref, reason: 'no tool calling, and the request uses tools' })
      continue
    }
    if (context[i]! < need) {
      excluded.push({
        ref: set.items[i]!.ref,
        // No prompt size in the text: the cache shares this ranking among prompts of one context bucket.
        reason: `context of ${formatTokens(context[i]!)} tokens is too small for this prompt plus its answer`
      })
      continue
    }
    const q = quality[i * 7 + intentIndex]!
    const h = health[i]!
    // Quality breaks ties (cost-first among free models picks the better one).
    let s = wq * q + wc * cost[i]! + wl * latency[i]! + wh * h + 1e-3 * q
    if (h < UNHEALTHY) s -= 2
    score[i] = s
    order[usable++] = i
  }
  sortByScore(order, usable, score)

  const ranked: RankedModel[] = new Array<RankedModel>(usable)
  for (let r = 0; r < usable; r++) {
    const i = order[r]!
    const c = set.items[i]!
    ranked[r] = {
      ref: c.ref,
      providerId: c.providerId,
      model: c.model,
      score: Math.round(score[i]! * 10000) / 10000,
      reason: reasonFor(set, i, r, input.intent, input.preference),
      local: (flags[i]! & FLAG_LOCAL) !== 0
    }
  }
  return { ranked, fallbacks: ranked.slice(1), excluded }
}

/** Insertion sort of the first `n` indices by descending score, ties by index: stable, no allocation. */
function sortByScore(order: number[], n: number, score: Float64Array): void {
  for (let a = 1; a < n; a++) {
    const idx = order[a]!
    const s = score[idx]!
    let b = a - 1
    while (b >= 0 && score[order[b]!]! < s) {
      order[b + 1] = order[b]!
      b--
    }
    order[b + 1] = idx
  }
}

/**
 * Ranking with a cache keyed by (intent, preference, weights, needs, which contexts the prompt
 * fits, candidate-set version). Preparing a new candidate set (config, profile or health change)
 * starts a fresh set of keys; `invalidate()` drops everything.
 */
export class Ranker {
  private set: PreparedCandidates = new PreparedCandidates([])
  private readonly cache = new Map<string, Ranking>()

  constructor(private readonly maxEntries = 512) {}

  get candidates(): PreparedCandidates {
    return this.set
  }

  /** Prepares a new candidate set (after a config, profile, observation or health change). */
  setCandidates(candidates: readonly Candidate[]): PreparedCandidates {
    this.set = new PreparedCandidates(candidates)
    this.cache.clear()
    return this.set
  }

  invalidate(): void {
    this.cache.clear()
  }

  rank(input: Omit<RankInput, 'candidates'>): Ranking {
    const set = this.set
    const reserve = input.answerReserve ?? DEFAULT_ANSWER_RESERVE
    const prompt = Number.isFinite(input.promptTokens) && input.promptTokens > 0 ? input.promptTokens : 0
    const w = input.weights
    const key =
      `${input.intent}|${input.preference}|${w && input.preference === 'custom' ? `${w.quality},${w.cost},${w.latency},${w.health}` : ''}|` +
      `${input.needs?.vision ? 1 : 0}${input.needs?.tools ? 1 : 0}|${set.contextBucket(prompt + reserve)}|${set.version}`
    const hit = this.cache.get(key)
    if (hit) return hit
    const ranking = rankModels({ ...input, candidates: set })
    if (this.cache.size >= this.maxEntries) this.cache.clear()
    this.cache.set(key, ranking)
    return ranking
  }
}
