import type { z } from 'zod'
import type { AddProvider, ModelView, ProviderView, UpdateProvider } from '../../../shared/schemas/providers'
import { NexusError, toSerializedError } from '../../../shared/errors'
import type { ModelCatalog } from '../catalog/catalog'
import { EnvironmentStore } from '../secrets/environment-store'
import { lastFour } from '../secrets/helpers'
import { providerAccount, type SecretStore } from '../secrets/types'
import type { ProviderConfigStore, ProviderConfig } from './config'
import { environmentProviders } from './environment'
import { Balancer, type BalancerStrategy } from '../resilience/balancer'
import { discoverLocalProviders, type DiscoveryOptions } from './discovery'
import { createOllamaModels, type OllamaModels } from './ollama-models'
import { createAdapter, presetFor, PROVIDER_PRESETS } from './registry'
import type { Sagas } from '../events/saga'
import type { ModelInfo, ProviderAdapter, ProviderEndpoint } from './types'

/** How long a provider's model list is reused before asking it again. */
const MODEL_CACHE_MS = 60_000
const MODEL_LIST_TIMEOUT_MS = 8_000

export interface ProviderServiceOptions {
  configs: ProviderConfigStore
  /** The SecretStore, chosen on first use (probing the keychain takes a moment). */
  secrets: () => Promise<SecretStore>
  catalog: ModelCatalog
  /** Environment for env-configured providers; undefined in the desktop app. */
  env?: NodeJS.ProcessEnv
  onChange: (providers: ProviderView[]) => void
  /** How calls share the keys of a provider that holds several. */
  keyStrategy?: () => BalancerStrategy
  /** Where discovery looks; tests point it at fixture servers. */
  discovery?: Omit<DiscoveryOptions, 'signal'>
  /** Adding a provider with its key is a saga: a row and a keychain entry cannot share a transaction. */
  sagas: Sagas
}

/** What the provider.add saga stores: never the key. */
interface AddData {
  id: string
  kind: ProviderConfig['kind']
  name: string
  preset: string | null
  baseUrl: string | null
}

/**
 * Configured providers: user-added ones (table + keychain) and environment ones; builds
 * adapters with their key, lists models with catalog prices, tests connections.
 */
export class ProviderService {
  private readonly modelCache = new Map<string, { at: number; models: ModelInfo[] }>()
  private listCache: ProviderView[] | null = null
  /** Round robin over the keys of providers that hold several. */
  private readonly keyBalancers = new Map<string, { keys: string; balancer: Balancer<{ id: string }> }>()

  /** Keys on their way to the keychain, by provider id: handed to the saga's step, never stored with it. */
  private readonly pendingKeys = new Map<string, string>()
  /** The error a saga step failed with, so add() throws it with its code. */
  private readonly stepErrors = new Map<string, unknown>()

  constructor(private readonly options: ProviderServiceOptions) {
    // A crash between the two leaves neither: the next start compensates (Sagas.recover).
    options.sagas.define<AddData>('provider.add', [
      {
        name: 'record provider',
        run: (d) => this.step(d.id, () => this.options.configs.insert({ id: d.id, kind: d.kind, name: d.name, preset: d.preset, baseUrl: d.baseUrl })),
        compensate: async (d) => {
          await this.discardKeys(d.id)
          this.options.configs.remove(d.id)
          this.listCache = null
        }
      },
      {
        name: 'store key',
        run: (d) => this.step(d.id, async () => {
          const key = this.pendingKeys.get(d.id)
          if (key) await this.storeKey(d.id, key, 'Key 1')
        }),
        compensate: (d) => this.discardKeys(d.id)
      }
    ])
  }

  list(): ProviderView[] {
    // Read on every message sent; only this service changes providers, so it is cached until then.
    this.listCache ??= this.readList()
    return this.listCache
  }

  private readList(): ProviderView[] {
    const user = this.options.configs.list()
    const taken = new Set(user.map((p) => p.id))
    const env = environmentProviders(this.options.env ?? {}).filter((p) => !taken.has(p.id))
    return [...user, ...env]
  }

  get(id: string): ProviderConfig {
    const found = this.list().find((p) => p.id === id)
    if (!found) throw new NexusError('NOT_FOUND', `No provider "${id}". Add it in Settings > Providers.`)
    return found
  }

  async add(input: z.output<typeof AddProvider>): Promise<ProviderView> {
    const preset = presetFor(input.kind, input.preset)
    const { configs } = this.options
    const id = configs.freeId(input.preset ?? input.kind, new Set(this.list().map((p) => p.id)))
    const baseUrl = input.baseUrl ?? preset.defaultBaseUrl
    if (input.kind === 'openai-compatible' && !baseUrl) {
      throw new NexusError('BAD_REQUEST', 'A custom OpenAI-compatible provider needs its base URL, e.g. http://127.0.0.1:1234/v1.')
    }
    if (input.apiKey) this.pendingKeys.set(id, input.apiKey)
    try {
      const outcome = await this.options.sagas.start<AddData>('provider.add', { id, kind: input.kind, name: input.name ?? preset.name, preset: input.preset ?? null, baseUrl: baseUrl ?? null })
      if (outcome.status !== 'succeeded') throw this.stepErrors.get(id) ?? new NexusError('UNAVAILABLE', `Could not add the provider: ${outcome.error ?? 'unknown error'}`)
    } finally {
      this.pendingKeys.delete(id)
      this.stepErrors.delete(id)
      this.listCache = null
    }
    return this.changed(id)
  }

  update(input: z.output<typeof UpdateProvider>): ProviderView {
    this.requireUser(input.id)
    this.options.configs.update(input.id, input)
    this.listCache = null
    return this.changed(input.id)
  }

  async remove(id: string): Promise<boolean> {
    const provider = this.requireUser(id)
    const secrets = await this.options.secrets()
    for (const key of provider.keys) await secrets.delete(providerAccount(id, key.id))
    const removed = this.options.configs.remove(id)
    this.listCache = null
    this.changed()
    return removed
  }

  async addKey(providerId: string, apiKey: string, label?: string): Promise<ProviderView> {
    const provider = this.requireUser(providerId)
    await this.storeKey(providerId, apiKey, label || `Key ${provider.keys.length + 1}`)
    return this.changed(providerId)
  }

  async removeKey(providerId: string, keyId: string): Promise<ProviderView> {
    this.requireUser(providerId)
    this.listCache = null
    if (!this.options.configs.removeKey(providerId, keyId)) {
      throw new NexusError('NOT_FOUND', `Provider "${providerId}" has no key ${keyId}.`)
    }
    await (await this.options.secrets()).delete(providerAccount(providerId, keyId))
    return this.changed(providerId)
  }

  /** The adapter of a provider, with the key the balancing strategy picks for this call. */
  async adapter(providerId: string): Promise<ProviderAdapter> {
    const { adapter, done } = await this.lease(providerId)
    done()
    return adapter
  }

  /**
   * An adapter for one call, holding one of the provider's keys until `done` (with the call's
   * latency when it succeeded), so least-connections and latency-aware balancing see the load.
   */
  async lease(providerId: string): Promise<{ adapter: ProviderAdapter; done: (latencyMs?: number) => void }> {
    const provider = this.get(providerId)
    if (!provider.enabled) {
      throw new NexusError('UNAVAILABLE', `${provider.name} is turned off. Turn it on in Settings > Providers.`)
    }
    const key = this.keyBalancer(provider)?.acquire()
    try {
      const adapter = createAdapter(await this.endpoint(provider, key?.member.id ?? provider.keys[0]?.id), provider.preset)
      return { adapter, done: key?.done ?? (() => {}) }
    } catch (err) {
      key?.done()
      throw err
    }
  }

  private keyBalancer(provider: ProviderConfig): Balancer<{ id: string }> | undefined {
    if (provider.keys.length < 2) return undefined
    const strategy = this.options.keyStrategy?.() ?? 'round-robin'
    const signature = `${strategy}:${provider.keys.map((k) => k.id).join(',')}`
    let entry = this.keyBalancers.get(provider.id)
    if (entry?.keys !== signature) {
      entry = { keys: signature, balancer: new Balancer(provider.keys.map((k) => ({ id: k.id })), { strategy, name: provider.name }) }
      this.keyBalancers.set(provider.id, entry)
    }
    return entry.balancer
  }

  async models(providerId?: string): Promise<{ models: ModelView[]; failures: { providerId: string; providerName: string; code: string; message: string }[] }> {
    const providers = this.list().filter((p) => p.enabled && (!providerId || p.id === providerId))
    if (providerId && providers.length === 0) this.get(providerId)
    const results = await Promise.all(
      providers.map(async (p) => {
        try {
          return { provider: p, models: await this.cachedModels(p) }
        } catch (err) {
          return { provider: p, error: toSerializedError(err) }
        }
      })
    )
    const models: ModelView[] = []
    const failures = []
    for (const result of results) {
      if ('error' in result && result.error) {
        failures.push({ providerId: result.provider.id, providerName: result.provider.name, code: result.error.code, message: result.error.message })
        continue
      }
      for (const m of result.models ?? []) models.push(this.modelView(result.provider, m))
    }
    return { models, failures }
  }

  async test(id: string): Promise<{ ok: boolean; latencyMs: number; detail: string; models: string[]; error: { code: string; message: string } | null }> {
    const started = performance.now()
    try {
      this.modelCache.delete(id)
      const models = await this.cachedModels(this.get(id))
      const latencyMs = Math.round(performance.now() - started)
      return { ok: true, latencyMs, detail: `${models.length} models`, models: models.map((m) => m.id), error: null }
    } catch (err) {
      const error = toSerializedError(err)
      const latencyMs = Math.round(performance.now() - started)
      return { ok: false, latencyMs, detail: error.message, models: [], error: { code: error.code, message: error.message } }
    }
  }

  /** Local servers answering on their default ports, marked when already configured. */
  async discover(signal?: AbortSignal): Promise<{ kind: ProviderView['kind']; preset: string | null; name: string; baseUrl: string; modelCount: number; alreadyAdded: boolean }[]> {
    const configured = new Set(this.list().map((p) => sameServer(p.baseUrl ?? presetFor(p.kind, p.preset).defaultBaseUrl)))
    const found = await discoverLocalProviders({ ...this.options.discovery, signal })
    return found.map((d) => ({ ...d, alreadyAdded: configured.has(sameServer(d.baseUrl)) }))
  }

  /** Model management of an Ollama provider: pull, delete, show. */
  async ollama(providerId: string): Promise<OllamaModels> {
    const provider = this.get(providerId)
    if (provider.kind !== 'ollama') throw new NexusError('BAD_REQUEST', `${provider.name} is not an Ollama provider.`)
    return createOllamaModels(await this.endpoint(provider))
  }

  /** Drops a provider's cached model list, after a pull or delete changed it. */
  forgetModels(providerId: string): void {
    this.modelCache.delete(providerId)
  }

  presets(): typeof PROVIDER_PRESETS {
    return PROVIDER_PRESETS
  }

  /** Splits "providerId/model"; the model part may itself contain slashes (OpenRouter). */
  parseRef(ref: string): { provider: ProviderConfig; model: string } {
    const slash = ref.indexOf('/')
    const providerId = slash > 0 ? ref.slice(0, slash) : ''
    const model = slash > 0 ? ref.slice(slash + 1) : ''
    if (!providerId || !model) {
      throw new NexusError('BAD_REQUEST', `"${ref}" is not a model reference; write provider/model, e.g. openai/gpt-4o-mini.`)
    }
    return { provider: this.get(providerId), model }
  }

  priceKeys(provider: ProviderConfig): string[] {
    return [provider.id, provider.preset ?? '', provider.kind].filter(Boolean)
  }

  private async cachedModels(provider: ProviderConfig): Promise<ModelInfo[]> {
    const hit = this.modelCache.get(provider.id)
    if (hit && Date.now() - hit.at < MODEL_CACHE_MS) return hit.models
    const adapter = createAdapter(await this.endpoint(provider), provider.preset)
    const models = await adapter.listModels({ signal: AbortSignal.timeout(MODEL_LIST_TIMEOUT_MS) })
    this.modelCache.set(provider.id, { at: Date.now(), models })
    return models
  }

  private modelView(provider: ProviderConfig, m: ModelInfo): ModelView {
    const price = provider.kind === 'ollama' ? null : this.options.catalog.lookup(this.priceKeys(provider), m.id)
    const free = provider.kind === 'ollama'
    return {
      ref: `${provider.id}/${m.id}`,
      providerId: provider.id,
      providerName: provider.name,
      model: m.id,
      name: m.name,
      contextLength: m.contextLength ?? price?.contextLength ?? null,
      capabilities: m.capabilities ?? {},
      inputPerMTok: free ? 0 : (price?.inputPerMTok ?? null),
      outputPerMTok: free ? 0 : (price?.outputPerMTok ?? null)
    }
  }

  private async endpoint(provider: ProviderConfig, keyId = provider.keys[0]?.id): Promise<ProviderEndpoint> {
    let apiKey: string | undefined
    const key = provider.keys.find((k) => k.id === keyId)
    if (key) {
      // Environment keys need no keychain probe: the CLI answers at once.
      const secrets = provider.source === 'environment' ? new EnvironmentStore(this.options.env ?? {}) : await this.options.secrets()
      apiKey = (await secrets.get(providerAccount(provider.id, key.id))) ?? undefined
      if (apiKey === undefined) {
        throw new NexusError(
          'PROVIDER_AUTH',
          `The key of ${provider.name} is missing from the ${secrets.backend} store: add it again in Settings > Providers.`
        )
      }
    }
    return { id: provider.id, kind: provider.kind, name: provider.name, baseUrl: provider.baseUrl ?? undefined, apiKey }
  }

  private async storeKey(providerId: string, apiKey: string, label: string): Promise<void> {
    const keyId = this.options.configs.addKey(providerId, label, lastFour(apiKey))
    this.listCache = null
    try {
      await (await this.options.secrets()).set(providerAccount(providerId, keyId), apiKey)
    } catch (err) {
      this.options.configs.removeKey(providerId, keyId)
      this.listCache = null
      throw err
    }
  }

  private async step(providerId: string, work: () => unknown): Promise<void> {
    try {
      await work()
      this.listCache = null
    } catch (err) {
      this.stepErrors.set(providerId, err)
      throw err
    }
  }

  /** Deletes a provider's keys from the keychain and the table (a compensation: best effort per key). */
  private async discardKeys(providerId: string): Promise<void> {
    const keys = this.options.configs.list().find((p) => p.id === providerId)?.keys ?? []
    const secrets = await this.options.secrets()
    for (const key of keys) {
      await secrets.delete(providerAccount(providerId, key.id)).catch(() => false)
      this.options.configs.removeKey(providerId, key.id)
    }
    this.listCache = null
  }

  private requireUser(id: string): ProviderConfig {
    const provider = this.get(id)
    if (provider.source === 'environment') {
      throw new NexusError('BAD_REQUEST', `${provider.name} comes from environment variables; change them and restart NEXUS.`)
    }
    return provider
  }

  /** Announces the change and returns the provider's new view. */
  private changed(id: string): ProviderView
  private changed(): void
  private changed(id?: string): ProviderView | void {
    if (id) this.modelCache.delete(id)
    this.listCache = null
    this.options.onChange(this.list())
    return id ? this.get(id) : undefined
  }
}

/** localhost and 127.0.0.1, with or without a trailing slash, are one server. */
function sameServer(url: string | null): string {
  if (!url) return ''
  try {
    const u = new URL(url)
    return `${u.protocol}//${u.hostname === 'localhost' ? '127.0.0.1' : u.hostname}:${u.port}${u.pathname.replace(/\/+$/, '')}`
  } catch {
    return url
  }
}
