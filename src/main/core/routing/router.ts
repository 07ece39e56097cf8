/**
 * "auto": classify the prompt, gather every usable configured model with its profile, observed
 * figures, feedback and health, and rank them under the user's preference. No model is called.
 */
import type { Settings } from '../../../shared/contract'
import type { IntentResult, Preference, RankingWeights, RouteDecision } from '../../../shared/schemas/routing'
import type { ProviderService } from '../providers/service'
import type { Resilience } from '../resilience/policy'
import type { FeedbackStore, QualityAdjustments } from './feedback'
import { healthScore, type ProbeResult } from './health'
import { classifyIntent } from './intent/classify'
import type { IntentKnn, IntentStageOutcome } from './intent-knn'
import type { Observation, ObservationStore } from './observations'
import { isLocalProvider, type ProfileStore } from './profile-store'
import { Ranker } from './ranking'
import type { Candidate } from './ranking-features'

/** Window of observed figures that ranking uses. */
const OBSERVATION_WINDOW_MS = 24 * 60 * 60_000
/** How long observed figures and feedback are reused between routes. */
const FIGURES_TTL_MS = 5_000
/** A rough 4 characters per token, enough to judge whether a prompt fits a context. */
const CHARS_PER_TOKEN = 4

export interface RouteRequest {
  text: string
  attachments?: { images: number; audio: number }
  preference?: Preference
  weights?: RankingWeights
}

export interface RouterOptions {
  providers: ProviderService
  profiles: ProfileStore
  observations: ObservationStore
  feedback: FeedbackStore
  resilience: Resilience
  settings: () => Settings
  /** The last probe of a provider, if any. */
  lastProbe: (providerId: string) => ProbeResult | null
  /** Embedding model ("providerId/model") of the second intent stage; null turns it off. */
  intentEmbeddingModel?: () => string | null
  /** The second intent stage (nearest labelled examples); runs only with a model above. */
  intentKnn?: IntentKnn
  /** Told how the second stage went for each routed prompt (tests, diagnostics). */
  onIntentStage?: (outcome: IntentStageOutcome) => void
}

export class Router {
  /** Rankings are cached until the candidates (config, profiles, observations, health) change. */
  private readonly ranker = new Ranker()
  private candidatesKey = ''
  private figuresCache: { at: number; observed: Map<string, Observation>; adjustments: QualityAdjustments } | null = null

  constructor(private readonly o: RouterOptions) {}

  async route(request: RouteRequest, traceId: string): Promise<RouteDecision> {
    const settings = this.o.settings()
    const preference = request.preference ?? settings.routingPreference
    const weights = request.weights ?? (preference === 'custom' ? settings.routingWeights : undefined)
    const attachments = request.attachments ?? { images: 0, audio: 0 }
    const first = classifyIntent({ text: request.text, attachments })
    const [candidates, stage] = await Promise.all([this.candidates(), this.secondStage(request.text, attachments, first)])
    const intent = stage.result
    const key = candidatesKey(candidates)
    if (key !== this.candidatesKey) {
      this.ranker.setCandidates(candidates)
      this.candidatesKey = key
    }
    const ranking = this.ranker.rank({
      intent: intent.intent,
      preference,
      weights,
      promptTokens: Math.ceil(request.text.length / CHARS_PER_TOKEN),
      needs: { vision: attachments.images > 0 }
    })
    const decision: RouteDecision = { traceId, intent, preference, ranked: [...ranking.ranked], decidedAt: new Date().toISOString() }
    return stage.note ? { ...decision, intentNote: stage.note } : decision
  }

  /**
   * The nearest-examples vote, when an embedding model is configured. Labelled examples are text
   * only, so prompts with attachments keep the first stage's answer. Never throws.
   */
  private async secondStage(text: string, attachments: { images: number; audio: number }, first: IntentResult): Promise<{ result: IntentResult; note?: string }> {
    const { intentKnn, intentEmbeddingModel } = this.o
    const model = intentKnn && attachments.images + attachments.audio === 0 ? intentEmbeddingModel?.() : null
    if (!intentKnn || !model) return { result: first }
    const outcome = await intentKnn.refine(text, first, model)
    this.o.onIntentStage?.(outcome)
    return outcome
  }

  /**
   * Observed figures and feedback read from SQLite, reused for a few seconds: every routed
   * message needs them, and they only move with calls and votes. Breaker state and probes,
   * which can change at once, are read live.
   */
  private figures(observations: ObservationStore, feedback: FeedbackStore): { observed: Map<string, Observation>; adjustments: QualityAdjustments } {
    const now = Date.now()
    if (!this.figuresCache || now - this.figuresCache.at > FIGURES_TTL_MS) {
      const observed = new Map(observations.compute(OBSERVATION_WINDOW_MS).map((o) => [`${o.providerId}/${o.model}`, o]))
      this.figuresCache = { at: now, observed, adjustments: feedback.adjustments() }
    }
    return this.figuresCache
  }

  /** Every model of every enabled provider that answered its model list. */
  private async candidates(): Promise<Candidate[]> {
    const { providers, profiles, observations, feedback, resilience } = this.o
    const { models } = await providers.models()
    const { observed, adjustments } = this.figures(observations, feedback)
    const byId = new Map(providers.list().map((p) => [p.id, p]))
    return models.flatMap((m) => {
      const provider = byId.get(m.providerId)
      if (!provider || isEmbeddingModel(m.model, m.capabilities)) return []
      const local = isLocalProvider(provider)
      const observation = observed.get(m.ref)
      const health = healthScore({
        calls: observation?.calls ?? 0,
        errors: observation?.errors ?? 0,
        breaker: resilience.breakers.state(m.ref),
        lastProbe: this.o.lastProbe(m.providerId)
      })
      const profile = profiles.resolve({
        providerId: m.providerId,
        keys: providers.priceKeys(provider),
        model: m.model,
        local,
        contextLength: m.contextLength ?? undefined,
        capabilities: m.capabilities,
        inputPerMTok: m.inputPerMTok ?? undefined,
        outputPerMTok: m.outputPerMTok ?? undefined
      })
      return [{ ref: m.ref, providerId: m.providerId, model: m.model, local, profile, observation, adjustments: adjustments.get(m.ref), health: health.score, healthReason: health.reason }]
    })
  }
}

/** What ranking depends on, per candidate: a change anywhere (price, health...) gives a new key. */
function candidatesKey(candidates: readonly Candidate[]): string {
  return JSON.stringify(candidates.map((c) => [c.ref, c.local, c.health, c.observation, c.adjustments, c.profile]))
}

/** Embedding models list alongside chat models but cannot answer a chat. */
function isEmbeddingModel(id: string, capabilities: { embedding?: boolean }): boolean {
  return capabilities.embedding === true || /(^|[-_/:.])(text-)?embed(ding)?s?([-_/:.]|$)|minilm|(^|[-_/:])bge-|(^|[-_/:])e5-|nomic-embed/i.test(id)
}
