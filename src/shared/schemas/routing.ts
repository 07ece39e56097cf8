/** Schemas of intent detection, model ranking, resilience state and metrics. */
import { z } from 'zod'

export const INTENTS = [
  'CODE_GENERATION',
  'REASONING_LOGIC',
  'CREATIVE_TASKS',
  'SECURITY_ANALYSIS',
  'MATHEMATICAL_PROOFS',
  'MULTI_MODAL',
  'GENERAL'
] as const
export const Intent = z.enum(INTENTS)
export type Intent = z.infer<typeof Intent>

export const IntentResult = z.object({
  intent: Intent,
  /** Calibrated probability of `intent`, in [0, 1]. */
  confidence: z.number().min(0).max(1),
  /** Every intent with its probability, highest first (the first is `intent`). */
  alternatives: z.array(z.object({ intent: Intent, probability: z.number().min(0).max(1) }))
})
export type IntentResult = z.infer<typeof IntentResult>

export const PREFERENCES = ['quality', 'cost', 'speed', 'local', 'balanced', 'custom'] as const
export const Preference = z.enum(PREFERENCES)
export type Preference = z.infer<typeof Preference>

/** Custom weights; they are normalised, and all-zero weights are refused. */
export const RankingWeights = z.object({
  quality: z.number().min(0).max(100),
  cost: z.number().min(0).max(100),
  latency: z.number().min(0).max(100),
  health: z.number().min(0).max(100)
})
export type RankingWeights = z.infer<typeof RankingWeights>

export const RankedModel = z.object({
  ref: z.string(),
  providerId: z.string(),
  model: z.string(),
  score: z.number(),
  /** One line a person can read: why this model is here. */
  reason: z.string(),
  local: z.boolean()
})
export type RankedModel = z.infer<typeof RankedModel>

export const RouteDecision = z.object({
  traceId: z.string(),
  intent: IntentResult,
  preference: Preference,
  ranked: z.array(RankedModel),
  decidedAt: z.string()
})
export type RouteDecision = z.infer<typeof RouteDecision>

export const BreakerState = z.enum(['closed', 'open', 'half-open'])
export type BreakerState = z.infer<typeof BreakerState>
