/**
 * Candidates of a ranking, prepared once per configuration: every feature normalised to [0, 1]
 * (higher is better) and stored in typed arrays, so ranking is a few multiply-adds per model
 * with no allocation but the result. Nonsense numbers (NaN, negative, quality above 1) are
 * clamped here, never passed on.
 */
import { INTENTS, type Intent } from '../../../shared/schemas/routing'
import { clampNumber, ESTIMATE, type ModelProfile } from './profiles'

export interface CandidateObservation {
  calls?: number
  ttftP50?: number | null
  totalP50?: number | null
  tokensPerSecond?: number | null
}

/** A configured model with everything ranking needs to know about it. */
export interface Candidate {
  /** "providerId/model". */
  ref: string
  providerId: string
  model: string
  /** Runs on this machine (Ollama, a local OpenAI-compatible server). */
  local: boolean
  profile: ModelProfile
  observation?: CandidateObservation | null
  /** Feedback adjustments of quality per intent (FeedbackStore.adjustments), each within ±0.1. */
  adjustments?: Partial<Record<Intent, number>> | null
  /** Health score in [0, 1] (health.ts); 1 when unknown. */
  health?: number | null
  /** Why health is what it is ("breaker open"), shown when it costs the model its place. */
  healthReason?: string | null
}

export const INTENT_INDEX: Record<Intent, number> = Object.fromEntries(INTENTS.map((intent, i) => [intent, i])) as Record<Intent, number>
const N_INTENTS = INTENTS.length
/** Quality adjustments from feedback never exceed this either way. */
export const MAX_ADJUSTMENT = 0.1
/** Blended price (USD per M tokens) that scores 0 on cost. */
const PRICE_CEILING = 100
const LOG_CEILING = Math.log10(1 + PRICE_CEILING)
const UNKNOWN = 0.5

export const FLAG_VISION = 1
export const FLAG_TOOLS = 2
export const FLAG_LOCAL = 4
export const FLAG_PRICE_KNOWN = 8
export const FLAG_OBSERVED = 16

let nextVersion = 1

export class PreparedCandidates {
  readonly size: number
  /** Changes whenever a new set is prepared: part of every cache key. */
  readonly version = nextVersion++
  readonly items: readonly Candidate[]
  /** size x 7, row-major by candidate. */
  readonly quality: Float64Array
  readonly sources: string[]
  readonly cost: Float64Array
  readonly latency: Float64Array
  readonly health: Float64Array
  /** Infinity when unknown. */
  readonly context: Float64Array
  readonly flags: Uint8Array
  readonly blendedPrice: Float64Array
  readonly tokensPerSecond: Float64Array
  readonly ttft: Float64Array
  /** Distinct known context lengths, ascending: a prompt size maps to how many are too small. */
  readonly contextSteps: Float64Array
  /** Scratch buffers reused by every ranking of this set. */
  readonly scratchScore: Float64Array
  readonly scratchOrder: number[]
  /** Reason fragments, built on first use and reused by every ranking of this set (ranking-reasons.ts). */
  readonly text: (string | undefined)[]

  constructor(candidates: readonly Candidate[]) {
    const n = (this.size = candidates.length)
    this.items = candidates.slice()
    this.quality = new Float64Array(n * N_INTENTS)
    this.sources = new Array<string>(n * N_INTENTS)
    this.cost = new Float64Array(n)
    this.latency = new Float64Array(n)
    this.health = new Float64Array(n)
    this.context = new Float64Array(n)
    this.flags = new Uint8Array(n)
    this.blendedPrice = new Float64Array(n)
    this.tokensPerSecond = new Float64Array(n)
    this.ttft = new Float64Array(n)
    this.scratchScore = new Float64Array(n)
    this.scratchOrder = new Array<number>(n).fill(0)
    this.text = new Array<string | undefined>(n * (N_INTENTS * 2 + 2))
    const steps = new Set<number>()
    for (let i = 0; i < n; i++) {
      const c = candidates[i]!
      const p = c.profile
      for (let k = 0; k < N_INTENTS; k++) {
        const intent = INTENTS[k]!
        const entry = p.quality?.[intent]
        const adjust = clampNumber(c.adjustments?.[intent], -MAX_ADJUSTMENT, MAX_ADJUSTMENT, 0)
        this.quality[i * N_INTENTS + k] = clampNumber(clampNumber(entry?.score, 0, 1, 0) + adjust, 0, 1, 0)
        this.sources[i * N_INTENTS + k] = typeof entry?.source === 'string' && entry.source ? entry.source : ESTIMATE
      }
      let flags = 0
      if (p.capabilities?.vision) flags |= FLAG_VISION
      if (p.capabilities?.tools) flags |= FLAG_TOOLS
      if (c.local) flags |= FLAG_LOCAL
      const price = c.local ? { input: 0, output: 0 } : p.price
      if (price && Number.isFinite(price.input) && Number.isFinite(price.output)) {
        flags |= FLAG_PRICE_KNOWN
        const blended = (3 * Math.max(0, price.input) + Math.max(0, price.output)) / 4
        this.blendedPrice[i] = blended
        this.cost[i] = clampNumber(1 - Math.log10(1 + blended) / LOG_CEILING, 0, 1, UNKNOWN)
      } else {
        this.blendedPrice[i] = NaN
        this.cost[i] = UNKNOWN
      }
      const tps = clampNumber(c.observation?.tokensPerSecond, 0, 1e6, NaN)
      const ttft = clampNumber(c.observation?.ttftP50, 0, 1e7, NaN)
      this.tokensPerSecond[i] = tps
      this.ttft[i] = ttft
      const tpsScore = Number.isNaN(tps) ? NaN : tps / (tps + 30)
      const ttftScore = Number.isNaN(ttft) ? NaN : 1 / (1 + ttft / 800)
      if (!Number.isNaN(tpsScore) || !Number.isNaN(ttftScore)) flags |= FLAG_OBSERVED
      this.latency[i] = Number.isNaN(tpsScore) ? (Number.isNaN(ttftScore) ? UNKNOWN : ttftScore) : Number.isNaN(ttftScore) ? tpsScore : (tpsScore + ttftScore) / 2
      this.health[i] = clampNumber(c.health, 0, 1, 1)
      // A context of 0, negative or NaN is no information: treated as unknown, not as tiny.
      const context = typeof p.contextLength === 'number' && p.contextLength >= 1 ? p.contextLength : Infinity
      this.context[i] = context
      if (context !== Infinity) steps.add(context)
      this.flags[i] = flags
    }
    this.contextSteps = Float64Array.from([...steps].sort((a, b) => a - b))
  }

  /** How many distinct context lengths are smaller than `tokens` (binary search). */
  contextBucket(tokens: number): number {
    const steps = this.contextSteps
    let lo = 0
    let hi = steps.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (steps[mid]! < tokens) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}
