import { create } from 'zustand'
import type { z } from 'zod'
import type { ModelView, ModelsResult } from '../../../shared/schemas/providers'
import { client, errorMessage } from './session'

export type Failure = z.infer<typeof ModelsResult>['failures'][number]

interface ModelsStore {
  models: ModelView[]
  failures: Failure[]
  loading: boolean
  loaded: boolean
  error: string | null
  load(): Promise<void>
  /** Reload soon; several calls in a row (providers.changed bursts) make one request. */
  reloadSoon(): void
}

const RELOAD_DELAY_MS = 250
let timer: number | undefined
let generation = 0

export const useModels = create<ModelsStore>()((set, get) => ({
  models: [],
  failures: [],
  loading: false,
  loaded: false,
  error: null,
  async load() {
    generation += 1
    const mine = generation
    set({ loading: true })
    try {
      const result = await client().call('models.list')
      if (mine !== generation) return
      set({ models: result.models, failures: result.failures, loading: false, loaded: true, error: null })
    } catch (err) {
      if (mine !== generation) return
      set({ loading: false, loaded: true, error: errorMessage(err) })
    }
  },
  reloadSoon() {
    window.clearTimeout(timer)
    timer = window.setTimeout(() => void get().load(), RELOAD_DELAY_MS)
  }
}))

/** Models grouped by provider, in the order the core listed them. */
export function groupByProvider(models: ModelView[]): { providerId: string; providerName: string; models: ModelView[] }[] {
  const groups = new Map<string, { providerId: string; providerName: string; models: ModelView[] }>()
  for (const model of models) {
    let group = groups.get(model.providerId)
    if (!group) {
      group = { providerId: model.providerId, providerName: model.providerName, models: [] }
      groups.set(model.providerId, group)
    }
    group.models.push(model)
  }
  return [...groups.values()]
}
