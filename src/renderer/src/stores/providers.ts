import { create } from 'zustand'
import type { z } from 'zod'
import type { ProviderView } from '../../../shared/schemas/providers'
import type { Discovered, ProviderPreset } from '../../../shared/schemas/providers'
import { client, errorMessage } from './session'

export type Preset = z.infer<typeof ProviderPreset>
export type Found = z.infer<typeof Discovered>

interface ProvidersStore {
  providers: ProviderView[]
  presets: Preset[]
  loaded: boolean
  error: string | null
  discovered: Found[] | null
  discovering: boolean
  discoverError: string | null
  load(): Promise<void>
  receive(providers: ProviderView[]): void
  discover(): Promise<void>
  /** Runs discovery once per window, the first time Chat or Settings opens with no provider. */
  discoverIfEmpty(): Promise<void>
  addDiscovered(found: Found): Promise<void>
}

let autoDiscovered = false

export const useProviders = create<ProvidersStore>()((set, get) => ({
  providers: [],
  presets: [],
  loaded: false,
  error: null,
  discovered: null,
  discovering: false,
  discoverError: null,
  async load() {
    try {
      const [providers, presets] = await Promise.all([
        client().call('providers.list'),
        get().presets.length ? Promise.resolve(get().presets) : client().call('providers.presets')
      ])
      set({ providers, presets, loaded: true, error: null })
    } catch (err) {
      set({ loaded: true, error: errorMessage(err) })
    }
  },
  receive(providers) {
    set({ providers, loaded: true })
  },
  async discover() {
    set({ discovering: true, discoverError: null })
    try {
      set({ discovered: await client().call('providers.discover'), discovering: false })
    } catch (err) {
      set({ discovering: false, discoverError: errorMessage(err) })
    }
  },
  async discoverIfEmpty() {
    if (autoDiscovered) return
    if (!get().loaded) await get().load()
    if (autoDiscovered || get().error || get().providers.length > 0) return
    autoDiscovered = true
    await get().discover()
  },
  async addDiscovered(found) {
    set({ discoverError: null })
    try {
      await client().call('providers.add', {
        kind: found.kind,
        preset: found.preset ?? undefined,
        name: found.name,
        baseUrl: found.baseUrl
      })
      const discovered = get().discovered?.map((d) => (d === found ? { ...d, alreadyAdded: true } : d)) ?? null
      set({ discovered })
      await get().load()
    } catch (err) {
      set({ discoverError: `Could not add ${found.name}: ${errorMessage(err)}` })
    }
  }
}))

export function presetLabel(presets: Preset[], provider: ProviderView): string {
  const match = presets.find((p) => p.kind === provider.kind && p.preset === provider.preset)
  return match?.name ?? (provider.preset ? `${provider.kind} · ${provider.preset}` : provider.kind)
}
