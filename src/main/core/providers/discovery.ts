/**
 * Finds local model servers on their default ports, all probed in parallel with a short
 * timeout, so first run and Settings can offer to add whatever answers. A port counts only when
 * it answers the way that server's API does: anything else listening there is ignored.
 */
import type { ProviderKind } from './types'

export interface LocalCandidate {
  kind: Extract<ProviderKind, 'ollama' | 'openai-compatible'>
  /** OpenAI-compatible preset id (openai-compatible.ts); null for Ollama. */
  preset: 'lmstudio' | 'llamacpp' | 'vllm' | null
  name: string
  port: number
}

export interface DiscoveredProvider {
  kind: LocalCandidate['kind']
  preset: LocalCandidate['preset']
  name: string
  /** What the adapter takes: Ollama's root, or the OpenAI-compatible .../v1. */
  baseUrl: string
  modelCount: number
}

export interface DiscoveryOptions {
  host?: string
  candidates?: LocalCandidate[]
  timeoutMs?: number
  signal?: AbortSignal
}

export const DEFAULT_CANDIDATES: readonly LocalCandidate[] = [
  { kind: 'ollama', preset: null, name: 'Ollama', port: 11434 },
  { kind: 'openai-compatible', preset: 'lmstudio', name: 'LM Studio', port: 1234 },
  { kind: 'openai-compatible', preset: 'llamacpp', name: 'llama.cpp server', port: 8080 },
  { kind: 'openai-compatible', preset: 'vllm', name: 'vLLM', port: 8000 }
]

/** The parsed JSON body of a 2xx answer, or undefined for anything else. */
async function getJson(url: string, signal: AbortSignal): Promise<unknown> {
  try {
    const response = await fetch(url, { signal, headers: { accept: 'application/json' }, redirect: 'error' })
    if (!response.ok) {
      await response.body?.cancel()
      return undefined
    }
    return (await response.json()) as unknown
  } catch {
    return undefined
  }
}

const listOf = (body: unknown, field: string): unknown[] | undefined => {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[field] : undefined
  return Array.isArray(value) ? value : undefined
}

async function probe(candidate: LocalCandidate, host: string, signal: AbortSignal): Promise<DiscoveredProvider | undefined> {
  const root = `http://${host.includes(':') ? `[${host}]` : host}:${candidate.port}`
  const found = (baseUrl: string, modelCount: number): DiscoveredProvider => ({
    kind: candidate.kind,
    preset: candidate.preset,
    name: candidate.name,
    baseUrl,
    modelCount
  })
  if (candidate.kind === 'ollama') {
    const models = listOf(await getJson(`${root}/api/tags`, signal), 'models')
    return models ? found(root, models.length) : undefined
  }
  const models = listOf(await getJson(`${root}/v1/models`, signal), 'data')
  if (models) return found(`${root}/v1`, models.length)
  // Older llama.cpp server builds have /health but no /v1/models.
  if (candidate.preset === 'llamacpp') {
    const health = await getJson(`${root}/health`, signal)
    if (health && typeof health === 'object' && (health as { status?: unknown }).status === 'ok') return found(`${root}/v1`, 0)
  }
  return undefined
}

/** Probes every candidate at once; resolves within about `timeoutMs` with those that answered. */
export async function discoverLocalProviders(options: DiscoveryOptions = {}): Promise<DiscoveredProvider[]> {
  const { host = '127.0.0.1', candidates = DEFAULT_CANDIDATES, timeoutMs = 300 } = options
  const deadline = AbortSignal.timeout(timeoutMs)
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline
  const results = await Promise.all(candidates.map((c) => probe(c, host, signal)))
  return results.filter((r): r is DiscoveredProvider => r !== undefined)
}
