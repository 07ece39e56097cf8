/**
 * Model profiles: what a model can do (context, capabilities), how good it is per intent (each
 * score citing a published benchmark or marked `estimate`) and what it costs. Shipped profiles
 * live in catalog-data.ts; this file matches model ids to them, estimates profiles of unknown
 * local models from their size, sanitises nonsense numbers and applies user overrides.
 */
import { z } from 'zod'
import { NexusError } from '../../../shared/errors'
import { INTENTS, type Intent } from '../../../shared/schemas/routing'

export interface QualityScore {
  /** In [0, 1]; comparable across models for one intent. */
  score: number
  /** "HumanEval 90.2%", "GPQA Diamond 53.6%"... or "estimate". */
  source: string
}

export type QualityTable = Record<Intent, QualityScore>

export interface ProfileCapabilities {
  vision: boolean
  tools: boolean
  json: boolean
  reasoning: boolean
}

export interface Price {
  /** USD per million tokens. */
  input: number
  output: number
}

export type ProfileOrigin = 'shipped' | 'detected' | 'user' | 'estimate'

export interface ModelProfile {
  /** Canonical id: "gpt-4o", "llama-3.1-8b". */
  id: string
  name: string
  contextLength: number | null
  capabilities: ProfileCapabilities
  quality: QualityTable
  /** Null when unknown (an open-weights model served by a cloud host without a catalog price). */
  price: Price | null
  openWeights: boolean
  /** Parameters in billions, when known. */
  params: number | null
  origin: ProfileOrigin
}

/** A shipped profile: a profile plus the patterns that recognise its model ids. */
export interface ShippedProfile extends Omit<ModelProfile, 'origin'> {
  /** Catalog key (provider kind, or OPEN_WEIGHTS) under which the profile is stored. */
  provider: string
  /** Family key: profiles of one family differ by size. */
  family: string
  /** Tested against the normalised model id (see normaliseModelId). */
  match: RegExp
  /** The size Ollama serves when the tag names none ("llama3.1" is 8B). */
  isDefault?: boolean
}

/** Catalog key of open-weights profiles: not a provider, a model can run anywhere. */
export const OPEN_WEIGHTS = 'open-weights'
export const ESTIMATE = 'estimate'

const Score = z.object({ score: z.number().finite().min(0).max(1), source: z.string().trim().min(1).max(200) })

/** What a user may override; every field optional, all numbers checked. */
export const ProfileOverrides = z
  .object({
    name: z.string().trim().min(1).max(200),
    contextLength: z.number().int().positive().max(100_000_000).nullable(),
    capabilities: z.object({ vision: z.boolean(), tools: z.boolean(), json: z.boolean(), reasoning: z.boolean() }).partial().strict(),
    /** A bare number is a user's score; its source becomes "user override". */
    quality: z.partialRecord(z.enum(INTENTS), z.union([z.number().finite().min(0).max(1), Score])),
    price: z.object({ input: z.number().finite().min(0).max(10_000), output: z.number().finite().min(0).max(10_000) }).strict().nullable()
  })
  .partial()
  .strict()
export type ProfileOverrides = z.infer<typeof ProfileOverrides>

/** Parses user overrides; nonsense numbers are a BAD_REQUEST a person can act on. */
export function parseOverrides(input: unknown): ProfileOverrides {
  const parsed = ProfileOverrides.safeParse(input)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  throw new NexusError('BAD_REQUEST', `Invalid profile override at ${issue.path.join('.') || 'root'}: ${issue.message}.`, { issues: parsed.error.issues })
}

/** A number in [lo, hi], or `fallback` when it is not a finite number. */
export function clampNumber(value: unknown, lo: number, hi: number, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback
  return value < lo ? lo : value > hi ? hi : value
}

/**
 * Repairs a quality table read from outside (database, import): scores clamped into [0, 1],
 * missing or non-numeric ones replaced by `fallback` (marked estimate).
 */
export function sanitizeQuality(raw: unknown, fallback: number): QualityTable {
  const table = {} as QualityTable
  const source = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>
  for (const intent of INTENTS) {
    const entry = source[intent] as Partial<QualityScore> | number | undefined
    const score = typeof entry === 'number' ? entry : entry?.score
    const valid = typeof score === 'number' && Number.isFinite(score)
    table[intent] = valid
      ? { score: clampNumber(score, 0, 1, fallback), source: typeof entry === 'object' && typeof entry.source === 'string' && entry.source ? entry.source : ESTIMATE }
      : { score: clampNumber(fallback, 0, 1, 0.5), source: ESTIMATE }
  }
  return table
}

export function sanitizePrice(raw: unknown): Price | null {
  if (!raw || typeof raw !== 'object') return null
  const { input, output } = raw as Partial<Price>
  if (typeof input !== 'number' || typeof output !== 'number' || !Number.isFinite(input) || !Number.isFinite(output)) return null
  return { input: Math.max(0, input), output: Math.max(0, output) }
}

/** Applies user overrides on top of a profile (quality per intent, capabilities per flag). */
export function applyOverrides(profile: ModelProfile, overrides: ProfileOverrides | null | undefined): ModelProfile {
  if (!overrides) return profile
  return {
    ...profile,
    name: overrides.name ?? profile.name,
    contextLength: overrides.contextLength !== undefined ? overrides.contextLength : profile.contextLength,
    capabilities: { ...profile.capabilities, ...overrides.capabilities },
    quality: overrides.quality ? overrideQuality(profile.quality, overrides.quality) : profile.quality,
    price: overrides.price !== undefined ? overrides.price : profile.price,
    origin: Object.keys(overrides).length > 0 ? 'user' : profile.origin
  }
}

export const USER_OVERRIDE = 'user override'

function overrideQuality(base: QualityTable, patch: NonNullable<ProfileOverrides['quality']>): QualityTable {
  const table = { ...base }
  for (const intent of INTENTS) {
    const value = patch[intent]
    if (value === undefined) continue
    table[intent] = typeof value === 'number' ? { score: value, source: USER_OVERRIDE } : value
  }
  return table
}

/** Names of the fields an override changes ("contextLength", "quality.CODE_GENERATION"...). */
export function overriddenFields(overrides: ProfileOverrides | null | undefined): string[] {
  if (!overrides) return []
  const fields: string[] = []
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue
    if ((key === 'quality' || key === 'capabilities') && value && typeof value === 'object') {
      for (const sub of Object.keys(value)) fields.push(`${key}.${sub}`)
    } else fields.push(key)
  }
  return fields
}

/**
 * The part of a model id that names the model, lower case, with ':' and '_' as '-':
 * "meta-llama/Llama-3.1-8B-Instruct" and "hf.co/x/Llama-3.1-8B-GGUF:Q4_K_M" both end as
 * "llama-3.1-8b-...", "qwen2.5-coder:7b" as "qwen2.5-coder-7b".
 */
export function normaliseModelId(id: string): string {
  const lower = id.trim().toLowerCase()
  const last = lower.slice(lower.lastIndexOf('/') + 1)
  return last.replace(/[:_\s]+/g, '-')
}

/** Parameters in billions named by the id ("7b", "1.5b", "70b"), or null. "8x7b" and "a3b" are not sizes. */
export function paramsFromId(normalised: string): number | null {
  const m = /(?:^|[-.])(\d+(?:\.\d+)?)b(?=$|[-.])/.exec(normalised)
  return m ? Number(m[1]) : null
}

/** Ollama's "7.6B", "494.03M", "70B" as billions. */
export function parseParameterSize(size: string | null | undefined): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([BMK])/i.exec(size ?? '')
  if (!m) return null
  const n = Number(m[1])
  const unit = m[2]!.toUpperCase()
  return unit === 'B' ? n : unit === 'M' ? n / 1000 : n / 1_000_000
}

/**
 * The shipped profile for a model id: the first family whose pattern matches, then the member
 * whose size the id names (nearest size when none is exact, the family's default when the id
 * names no size). Null when no family matches.
 */
export function matchProfile<T extends ShippedProfile>(modelId: string, profiles: readonly T[]): T | null {
  const id = normaliseModelId(modelId)
  const first = profiles.find((p) => p.match.test(id))
  if (!first) return null
  const members = profiles.filter((p) => p.family === first.family)
  if (members.length === 1) return first
  const size = paramsFromId(id)
  if (size === null) return members.find((p) => p.isDefault) ?? first
  let best = first
  let bestDistance = Infinity
  for (const p of members) {
    if (p.params === null) continue
    const distance = Math.abs(Math.log(p.params / size))
    if (distance < bestDistance) {
      best = p
      bestDistance = distance
    }
  }
  return best
}

/** Quality of an unknown model from its size alone: bigger is better, never above 0.8. */
export function qualityFromSize(params: number | null): number {
  if (params === null || !(params > 0)) return 0.5
  return Math.min(0.8, Math.max(0.25, 0.3 + 0.1 * Math.log2(params + 1)))
}

/** A profile made only of estimates, for a model nothing is known about. */
export function estimatedProfile(
  modelId: string,
  details: { contextLength?: number | null; vision?: boolean; tools?: boolean; params?: number | null; local: boolean }
): ModelProfile {
  const params = details.params ?? paramsFromId(normaliseModelId(modelId))
  const base = qualityFromSize(params)
  const quality = sanitizeQuality({}, base)
  quality.MULTI_MODAL = { score: details.vision ? base : 0.05, source: ESTIMATE }
  return {
    id: modelId,
    name: modelId,
    contextLength: details.contextLength ?? null,
    capabilities: { vision: Boolean(details.vision), tools: Boolean(details.tools), json: false, reasoning: false },
    quality,
    price: details.local ? { input: 0, output: 0 } : null,
    openWeights: details.local,
    params,
    origin: 'estimate'
  }
}

/** What Ollama's /api/show reports (OllamaModelDetails of providers/ollama-models.ts). */
export interface OllamaReport {
  model: string
  contextLength: number | null
  capabilities: { vision?: boolean; tools?: boolean; embedding?: boolean }
  family: string | null
  parameterSize: string | null
}

/**
 * The profile of a local Ollama model: the shipped profile of its family when one matches
 * (quality and sources), with what Ollama reports about this copy (context, vision, tools)
 * winning; otherwise an estimate by parameter count. Always free.
 */
export function profileFromOllama(report: OllamaReport, profiles: readonly ShippedProfile[]): ModelProfile {
  const params = parseParameterSize(report.parameterSize)
  const shipped =
    matchProfile(report.model, profiles) ??
    (report.family && params ? matchProfile(`${report.family}-${Math.round(params)}b`, profiles) : null)
  const base: ModelProfile = shipped
    ? { ...toProfile(shipped), origin: 'detected' }
    : { ...estimatedProfile(report.model, { params, local: true }), origin: 'detected' }
  const vision = report.capabilities.vision ?? base.capabilities.vision
  return {
    ...base,
    id: report.model,
    contextLength: report.contextLength ?? base.contextLength,
    capabilities: { ...base.capabilities, vision, tools: report.capabilities.tools ?? base.capabilities.tools },
    quality: vision || !shipped ? base.quality : { ...base.quality, MULTI_MODAL: { score: 0.05, source: ESTIMATE } },
    price: { input: 0, output: 0 },
    params: params ?? base.params
  }
}

export function toProfile(shipped: ShippedProfile): ModelProfile {
  return {
    id: shipped.id,
    name: shipped.name,
    contextLength: shipped.contextLength,
    capabilities: { ...shipped.capabilities },
    quality: { ...shipped.quality },
    price: shipped.price ? { ...shipped.price } : null,
    openWeights: shipped.openWeights,
    params: shipped.params,
    origin: 'shipped'
  }
}
