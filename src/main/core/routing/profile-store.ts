/**
 * Profiles in the catalog table (through ModelCatalog, its owner): loads the shipped profiles,
 * records profiles of local Ollama models from what Ollama reports, keeps user overrides, and
 * resolves the profile of a configured model.
 */
import { NexusError } from '../../../shared/errors'
import type { ProfileView } from '../../../shared/schemas/routing'
import type { CatalogProfileRow, CatalogProfileWrite, ModelCatalog } from '../catalog/catalog'
import { findPreset } from '../providers/openai-compatible'
import { SHIPPED_PROFILES } from './catalog-data'
import {
  applyOverrides,
  clampNumber,
  estimatedProfile,
  matchProfile,
  overriddenFields,
  OPEN_WEIGHTS,
  parseOverrides,
  profileFromOllama,
  sanitizePrice,
  sanitizeQuality,
  toProfile,
  type ModelProfile,
  type OllamaReport,
  type ProfileOrigin,
  type ProfileOverrides,
  type ShippedProfile
} from './profiles'

/** Local means Ollama, a local OpenAI-compatible preset (LM Studio, llama.cpp, vLLM) or a loopback address. */
export function isLocalProvider(provider: { kind: string; preset?: string | null; baseUrl?: string | null }): boolean {
  if (provider.kind === 'ollama') return true
  if (provider.kind !== 'openai-compatible') return false
  if (provider.preset && provider.preset !== 'custom') return findPreset(provider.preset)?.local ?? false
  try {
    const host = new URL(provider.baseUrl ?? '').hostname
    return host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host === '::1'
  } catch {
    return false
  }
}

/** What resolution needs of a configured model (a subset of ModelView plus its provider). */
export interface ModelDescriptor {
  providerId: string
  /** Catalog keys to look the model up by, most specific first: provider id, preset, kind. */
  keys: readonly string[]
  model: string
  local: boolean
  contextLength?: number | null
  capabilities?: { vision?: boolean; tools?: boolean }
  /** Catalog price found for this provider and model (ModelView's), when any. */
  inputPerMTok?: number | null
  outputPerMTok?: number | null
}

const rowKey = (provider: string, model: string): string => `${provider}\u0000${model}`

export class ProfileStore {
  private rows: Map<string, CatalogProfileRow> | null = null
  private version = 0

  constructor(
    private readonly catalog: ModelCatalog,
    private readonly shipped: readonly ShippedProfile[] = SHIPPED_PROFILES,
    private readonly onChange: () => void = () => {}
  ) {}

  /** Bumped on every change of a profile: part of the ranking cache key. */
  get changeCount(): number {
    return this.version
  }

  /** Writes the shipped profiles; user overrides and edited prices are kept. Returns rows changed. */
  loadShipped(): number {
    const changed = this.catalog.upsertProfiles(this.shipped.map((p) => toWrite(p.provider, toProfile(p), 'shipped')))
    this.changed()
    return changed
  }

  /** Stores the profile of a local Ollama model from /api/show details, under its provider. */
  recordOllama(providerId: string, report: OllamaReport): ModelProfile {
    const profile = profileFromOllama(report, this.shipped)
    this.catalog.upsertProfiles([toWrite(providerId, profile, 'detected')])
    this.changed()
    return profile
  }

  /** Sets (merging with earlier ones) or clears the overrides of one catalog row. */
  override(provider: string, model: string, patch: unknown, clear = false): ProfileView {
    const row = this.catalog.profileRow(provider, model)
    if (!row) throw new NexusError('NOT_FOUND', `No profile for ${provider}/${model}. Pick one from the profiles list.`)
    let next: ProfileOverrides | null = null
    if (!clear) {
      const current = parseStoredOverrides(row.overrides)
      const add = parseOverrides(patch)
      next = parseOverrides({
        ...current,
        ...add,
        ...(current.capabilities || add.capabilities ? { capabilities: { ...current.capabilities, ...add.capabilities } } : {}),
        ...(current.quality || add.quality ? { quality: { ...current.quality, ...add.quality } } : {})
      })
    }
    this.catalog.setOverrides(provider, model, next)
    this.changed()
    return toView(this.catalog.profileRow(provider, model)!)
  }

  list(): ProfileView[] {
    return this.catalog.profileRows().filter((r) => r.quality !== null).map(toView)
  }

  /** The profile of a configured model, with its overrides, reported details and price. */
  resolve(model: ModelDescriptor): ModelProfile {
    const rows = (this.rows ??= new Map(this.catalog.profileRows().map((r) => [rowKey(r.provider, r.model), r])))
    let row: CatalogProfileRow | undefined
    for (const key of model.keys) {
      row = rows.get(rowKey(key, model.model))
      if (row?.quality) break
      row = undefined
    }
    const shipped = row ? null : matchProfile(model.model, this.shipped)
    if (shipped) row = rows.get(rowKey(shipped.provider, shipped.id))
    let profile: ModelProfile
    if (row?.quality) profile = fromRow(row, shipped)
    else if (shipped) profile = toProfile(shipped)
    else profile = estimatedProfile(model.model, { local: model.local, contextLength: model.contextLength, ...model.capabilities })
    // The user's overrides live on the most specific row (this provider's), even one that only
    // holds a price; the profile's own row may be a shipped one shared by every provider.
    const own = model.keys.map((key) => rows.get(rowKey(key, model.model))).find((r) => r?.overrides)
    const overrides = own ?? row ? parseStoredOverrides((own ?? row)!.overrides) : null
    const reported: ModelProfile = {
      ...profile,
      contextLength: model.contextLength ?? profile.contextLength,
      capabilities: {
        ...profile.capabilities,
        ...(model.capabilities?.vision !== undefined ? { vision: model.capabilities.vision } : {}),
        ...(model.capabilities?.tools !== undefined ? { tools: model.capabilities.tools } : {})
      },
      price: model.local
        ? { input: 0, output: 0 }
        : model.inputPerMTok != null && model.outputPerMTok != null
          ? { input: model.inputPerMTok, output: model.outputPerMTok }
          : profile.openWeights && row?.provider === OPEN_WEIGHTS
            ? (shipped?.price ?? null)
            : profile.price
    }
    const result = applyOverrides(reported, overrides)
    return model.local ? { ...result, price: { input: 0, output: 0 } } : result
  }

  private changed(): void {
    this.rows = null
    this.version++
    this.onChange()
  }
}

function toWrite(provider: string, profile: ModelProfile, origin: 'shipped' | 'detected'): CatalogProfileWrite {
  return {
    provider,
    model: profile.id,
    inputPerMTok: profile.price?.input ?? 0,
    outputPerMTok: profile.price?.output ?? 0,
    contextLength: profile.contextLength,
    capabilities: { ...profile.capabilities, openWeights: profile.openWeights, params: profile.params, name: profile.name },
    quality: profile.quality,
    origin
  }
}

function parseStoredOverrides(json: string | null): ProfileOverrides {
  if (!json) return {}
  try {
    return parseOverrides(JSON.parse(json))
  } catch {
    return {} // a row edited by hand into nonsense is ignored rather than breaking routing
  }
}

function parseJson(json: string | null): Record<string, unknown> {
  try {
    const value: unknown = json ? JSON.parse(json) : null
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

/** A row's profile; anything nonsensical in it is clamped or replaced by an estimate. */
function fromRow(row: CatalogProfileRow, shipped: ShippedProfile | null): ModelProfile {
  const caps = parseJson(row.capabilities)
  const params = clampNumber(caps.params, 0, 1e5, NaN)
  return {
    id: row.model,
    name: typeof caps.name === 'string' ? caps.name : row.model,
    contextLength: row.context_length && row.context_length > 0 ? row.context_length : null,
    capabilities: { vision: caps.vision === true, tools: caps.tools === true, json: caps.json === true, reasoning: caps.reasoning === true },
    quality: sanitizeQuality(parseJson(row.quality), 0.5),
    price: sanitizePrice({ input: row.input_per_mtok, output: row.output_per_mtok }),
    openWeights: caps.openWeights === true || (shipped?.openWeights ?? false),
    params: Number.isNaN(params) ? null : params,
    origin: (row.origin as ProfileOrigin) === 'detected' ? 'detected' : 'shipped'
  }
}

function toView(row: CatalogProfileRow): ProfileView {
  const overrides = parseStoredOverrides(row.overrides)
  const profile = applyOverrides(fromRow(row, null), overrides)
  return {
    provider: row.provider,
    model: row.model,
    contextLength: profile.contextLength,
    capabilities: profile.capabilities,
    quality: profile.quality,
    inputPerMTok: profile.price?.input ?? null,
    outputPerMTok: profile.price?.output ?? null,
    origin: row.origin,
    overridden: overriddenFields(overrides)
  }
}
