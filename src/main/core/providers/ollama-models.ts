/**
 * Managing the models of a local Ollama: pull with progress and cancel, delete, and show a
 * model's context length and capabilities. Errors are the normalized set of errors.ts.
 */
import type { ShowResponse } from 'ollama'
import { providerError } from './errors'
import { OllamaRun } from './ollama-http'
import type { CallOptions, ModelCapabilities, ProviderEndpoint } from './types'

export interface PullProgress {
  /** Ollama's own words: "pulling manifest", "pulling 6a0746a1ec1a", "verifying sha256 digest", "success". */
  status: string
  digest?: string
  completed?: number
  total?: number
  /** Share of all bytes seen so far, 0..1; never goes back, 1 on success. */
  fraction: number
}

export interface PullOptions extends CallOptions {
  onProgress?: (progress: PullProgress) => void
}

/** Matches OllamaModelDetails in src/shared/schemas/providers.ts. */
export interface OllamaModelDetails {
  model: string
  contextLength: number | null
  capabilities: ModelCapabilities
  family: string | null
  parameterSize: string | null
  quantization: string | null
  sizeBytes: number | null
}

export interface OllamaModels {
  /** Resolves when Ollama reports success; rejects with a NexusError (CANCELLED on abort). */
  pull(model: string, options?: PullOptions): Promise<void>
  delete(model: string, options?: CallOptions): Promise<void>
  show(model: string, options?: CallOptions): Promise<OllamaModelDetails>
}

const SHOW_TIMEOUT_MS = 30_000
const NOT_IN_LIBRARY = /file does not exist|manifest unknown|not found/i

/** The model's trained context: model_info["<architecture>.context_length"]. */
export function contextLengthOf(show: Pick<ShowResponse, 'model_info'>): number | null {
  const info = (show.model_info ?? {}) as unknown as Record<string, unknown>
  const arch = info['general.architecture']
  const exact = typeof arch === 'string' ? info[`${arch}.context_length`] : undefined
  const value = exact ?? Object.entries(info).find(([k]) => k.endsWith('.context_length'))?.[1]
  return typeof value === 'number' && value > 0 ? value : null
}

/** `capabilities` when Ollama reports them (0.6+); otherwise inferred the way older clients did. */
export function capabilitiesOf(show: Partial<Pick<ShowResponse, 'capabilities' | 'details' | 'model_info' | 'projector_info' | 'template'>>): ModelCapabilities {
  if (Array.isArray(show.capabilities) && show.capabilities.length > 0) {
    const caps = show.capabilities
    return { vision: caps.includes('vision'), tools: caps.includes('tools'), embedding: caps.includes('embedding') }
  }
  const families = show.details?.families ?? []
  const info = (show.model_info ?? {}) as unknown as Record<string, unknown>
  const projector = show.projector_info && Object.keys(show.projector_info).length > 0
  const arch = String(info['general.architecture'] ?? show.details?.family ?? '')
  return {
    vision: Boolean(projector) || families.some((f) => /clip|mllama/i.test(f)),
    // Templates that can render tools mention .Tools.
    tools: /\.Tools\b/.test(show.template ?? ''),
    embedding: /bert/i.test(arch)
  }
}

export function createOllamaModels(endpoint: ProviderEndpoint): OllamaModels {
  return {
    async pull(model, options = {}) {
      // No stall timeout: "verifying sha256 digest" can be silent for minutes on a big model.
      const run = new OllamaRun(endpoint, options.signal, undefined)
      const layers = new Map<string, { completed: number; total: number }>()
      let fraction = 0
      try {
        const stream = await run.race(run.client().pull({ model, stream: true }))
        for await (const p of run.iterate(stream)) {
          if (p.digest && p.total > 0) layers.set(p.digest, { completed: p.completed ?? 0, total: p.total })
          let total = 0
          let completed = 0
          for (const layer of layers.values()) {
            total += layer.total
            completed += Math.min(layer.completed, layer.total)
          }
          // Layers show up one after another, so the share of bytes seen can dip: keep the best.
          fraction = p.status === 'success' ? 1 : Math.max(fraction, total > 0 ? completed / total : 0)
          options.onProgress?.({
            status: p.status,
            ...(p.digest ? { digest: p.digest, completed: p.completed ?? 0, total: p.total } : {}),
            fraction
          })
        }
      } catch (err) {
        // A failed pull arrives as an {"error": ...} line inside a 200 stream.
        const said = run.saidInStream(err)
        if (said === undefined) throw run.error(err, model)
        if (NOT_IN_LIBRARY.test(said)) {
          throw providerError('MODEL_NOT_FOUND', `Ollama found no model "${model}" to pull: check the name at ollama.com/library (Ollama said: ${said}).`, {
            provider: endpoint.id
          })
        }
        throw providerError('PROVIDER_SERVER', `Ollama could not pull "${model}": check that it can reach the internet, then try again (Ollama said: ${said}).`, {
          provider: endpoint.id
        })
      } finally {
        run.dispose()
      }
    },

    async delete(model, options = {}) {
      const run = new OllamaRun(endpoint, options.signal, SHOW_TIMEOUT_MS)
      try {
        await run.race(run.client().delete({ model }))
      } catch (err) {
        throw run.error(err, model)
      } finally {
        run.dispose()
      }
    },

    async show(model, options = {}) {
      const run = new OllamaRun(endpoint, options.signal, SHOW_TIMEOUT_MS)
      try {
        const client = run.client()
        // /api/show has no size; /api/tags does.
        const [show, list] = await run.race(Promise.all([client.show({ model }), client.list()]))
        const full = model.includes(':') ? model : `${model}:latest`
        const listed = list.models?.find((m) => m.name === model || m.name === full)
        return {
          model,
          contextLength: contextLengthOf(show),
          capabilities: capabilitiesOf(show),
          family: show.details?.family || null,
          parameterSize: show.details?.parameter_size || null,
          quantization: show.details?.quantization_level || null,
          sizeBytes: typeof listed?.size === 'number' ? listed.size : null
        }
      } catch (err) {
        throw run.error(err, model)
      } finally {
        run.dispose()
      }
    }
  }
}
