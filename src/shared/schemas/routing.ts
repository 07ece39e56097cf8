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
  decidedAt: z.string(),
  /** Why the second intent stage (corrections) was skipped, when it was. */
  intentNote: z.string().optional()
})
export type RouteDecision = z.infer<typeof RouteDecision>

export const BreakerState = z.enum(['closed', 'open', 'half-open'])
export type BreakerState = z.infer<typeof BreakerState>

const Text = z.string().max(10_000_000, 'a prompt may be at most 10 MB')
export const Attachments = z.object({ images: z.number().int().min(0).max(100), audio: z.number().int().min(0).max(100) })

export const RouteRequest = z
  .object({
    text: Text,
    attachments: Attachments.optional(),
    preference: Preference.optional(),
    weights: RankingWeights.optional()
  })
  .strict()

export const CorrectIntent = z.object({ text: Text.pipe(z.string().min(1)), intent: Intent }).strict()

/** How an answer was routed, stored with the message and shown under it. */
export const RoutingInfo = z.object({
  traceId: z.string(),
  intent: Intent,
  confidence: z.number(),
  preference: Preference,
  /** Why the model that answered was chosen. */
  reason: z.string(),
  /** Models tried before the one that answered, with why each failed. */
  fallbacks: z.array(z.object({ ref: z.string(), code: z.string(), message: z.string() }))
})
export type RoutingInfo = z.infer<typeof RoutingInfo>

export const QualityEntry = z.object({ score: z.number().min(0).max(1), source: z.string() })
export const ProfileView = z.object({
  provider: z.string(),
  model: z.string(),
  contextLength: z.number().nullable(),
  capabilities: z.object({ vision: z.boolean(), tools: z.boolean(), json: z.boolean(), reasoning: z.boolean() }),
  quality: z.record(Intent, QualityEntry),
  inputPerMTok: z.number().nullable(),
  outputPerMTok: z.number().nullable(),
  origin: z.string(),
  overridden: z.array(z.string())
})
export type ProfileView = z.infer<typeof ProfileView>
export const ProfileOverride = z
  .object({
    provider: z.string().min(1).max(100),
    model: z.string().min(1).max(300),
    contextLength: z.number().int().positive().max(100_000_000).nullable().optional(),
    capabilities: ProfileView.shape.capabilities.partial().optional(),
    quality: z.partialRecord(Intent, z.number().min(0).max(1)).optional(),
    /** Drop every override of this model. */
    clear: z.boolean().optional()
  })
  .strict()

export const Feedback = z.object({ messageId: z.string().min(1).max(100), rating: z.union([z.literal(-1), z.literal(0), z.literal(1)]) }).strict()

export const ModelHealth = z.object({
  ref: z.string(),
  providerId: z.string(),
  model: z.string(),
  breaker: BreakerState,
  health: z.number().min(0).max(1),
  calls: z.number().int(),
  errorRate: z.number().min(0).max(1),
  ttftP50: z.number().nullable(),
  ttftP95: z.number().nullable(),
  totalP50: z.number().nullable(),
  totalP95: z.number().nullable(),
  tokensPerSecond: z.number().nullable(),
  costUsd: z.number()
})
export const MonitorSnapshot = z.object({
  windowMinutes: z.number(),
  models: z.array(ModelHealth),
  /** Per model, one point per bucket of the window, oldest first. */
  series: z.array(
    z.object({
      ref: z.string(),
      points: z.array(z.object({ t: z.string(), calls: z.number(), errors: z.number(), totalP95: z.number().nullable(), costUsd: z.number() }))
    })
  )
})

export const BreakerView = z.object({ key: z.string(), state: BreakerState, retryAt: z.string().nullable(), failureRate: z.number() })
export const BreakerTransition = z.object({ key: z.string(), from: BreakerState, to: BreakerState, at: z.string(), reason: z.string(), traceId: z.string().nullable() })
export const FallbackEvent = z.object({ traceId: z.string(), messageId: z.string().nullable(), from: z.string(), to: z.string().nullable(), code: z.string(), message: z.string(), at: z.string() })
