/**
 * Servers that speak OpenAI's Chat Completions: local ones (LM Studio, llama.cpp, vLLM) and cloud
 * ones (Groq, OpenRouter, Mistral, DeepSeek, Together) plus any custom base URL. They all run
 * through the OpenAI adapter; a preset only says where the server is and how it differs.
 */
import { NexusError } from '../../../shared/errors'
import { createOpenAIAdapter, type OpenAIFamily } from './openai'
import type { ProviderAdapter, ProviderEndpoint } from './types'

export type OpenAICompatiblePresetId =
  | 'lmstudio'
  | 'llamacpp'
  | 'vllm'
  | 'groq'
  | 'openrouter'
  | 'mistral'
  | 'deepseek'
  | 'together'
  | 'custom'

export interface OpenAICompatiblePreset {
  id: OpenAICompatiblePresetId
  name: string
  /** Empty for `custom`: the user gives the base URL. */
  defaultBaseUrl: string
  /** Local servers answer without a key (one may still be set, e.g. vLLM --api-key). */
  needsKey: boolean
  local: boolean
  /** The port discovery probes on 127.0.0.1 (local servers only). */
  defaultPort?: number
  /** Whether the server has /v1/embeddings. */
  embeddings: boolean
  /** Mistral refuses request fields it does not know, stream_options among them. */
  streamUsageOption: boolean
}

export const OPENAI_COMPATIBLE_PRESETS: readonly OpenAICompatiblePreset[] = [
  local('lmstudio', 'LM Studio', 1234),
  local('llamacpp', 'llama.cpp server', 8080),
  local('vllm', 'vLLM', 8000),
  cloud('groq', 'Groq', 'https://api.groq.com/openai/v1', { embeddings: false }),
  cloud('openrouter', 'OpenRouter', 'https://openrouter.ai/api/v1', { embeddings: false }),
  cloud('mistral', 'Mistral', 'https://api.mistral.ai/v1', { streamUsageOption: false }),
  cloud('deepseek', 'DeepSeek', 'https://api.deepseek.com/v1', { embeddings: false }),
  cloud('together', 'Together', 'https://api.together.xyz/v1'),
  // Unknown server: assume the common ground (no key required, max_tokens, stream_options).
  { id: 'custom', name: 'Custom (OpenAI-compatible)', defaultBaseUrl: '', needsKey: false, local: false, embeddings: true, streamUsageOption: true }
]

function local(id: OpenAICompatiblePresetId, name: string, port: number): OpenAICompatiblePreset {
  return {
    id,
    name,
    defaultBaseUrl: `http://127.0.0.1:${port}/v1`,
    needsKey: false,
    local: true,
    defaultPort: port,
    embeddings: true,
    streamUsageOption: true
  }
}

function cloud(
  id: OpenAICompatiblePresetId,
  name: string,
  defaultBaseUrl: string,
  overrides: Partial<Pick<OpenAICompatiblePreset, 'embeddings' | 'streamUsageOption'>> = {}
): OpenAICompatiblePreset {
  return { id, name, defaultBaseUrl, needsKey: true, local: false, embeddings: true, streamUsageOption: true, ...overrides }
}

export function findPreset(id: string): OpenAICompatiblePreset | undefined {
  return OPENAI_COMPATIBLE_PRESETS.find((preset) => preset.id === id)
}

/** The preset whose default address (origin and path) matches this base URL, else `custom`. */
export function presetForBaseUrl(baseUrl: string | undefined): OpenAICompatiblePreset {
  const key = normalizedUrl(baseUrl)
  const match = key && OPENAI_COMPATIBLE_PRESETS.find((preset) => preset.defaultBaseUrl && normalizedUrl(preset.defaultBaseUrl) === key)
  return match || customPreset()
}

function normalizedUrl(url: string | undefined): string | undefined {
  if (!url) return undefined
  try {
    const parsed = new URL(url)
    // localhost and 127.0.0.1 are the same local server.
    const host = parsed.hostname === 'localhost' ? '127.0.0.1' : parsed.hostname
    return `${parsed.protocol}//${host}:${parsed.port}${parsed.pathname.replace(/\/+$/, '')}`
  } catch {
    return undefined
  }
}

function customPreset(): OpenAICompatiblePreset {
  return findPreset('custom') as OpenAICompatiblePreset
}

export function familyOf(preset: OpenAICompatiblePreset): OpenAIFamily {
  return {
    defaultBaseUrl: preset.defaultBaseUrl,
    keyRequired: preset.needsKey,
    embeddings: preset.embeddings,
    // Compatible servers vary in base64 support; floats always work.
    floatEmbeddings: true,
    // Most compatible servers only know the older name.
    maxTokensField: 'max_tokens',
    streamUsageOption: preset.streamUsageOption
  }
}

/**
 * An adapter for a compatible server. `presetId` picks the family; without it the preset is
 * recognised from the base URL (so "http://localhost:1234/v1" behaves as LM Studio).
 */
export function createOpenAICompatibleAdapter(endpoint: ProviderEndpoint, presetId?: OpenAICompatiblePresetId): ProviderAdapter {
  const preset = (presetId && findPreset(presetId)) || presetForBaseUrl(endpoint.baseUrl)
  if (!endpoint.baseUrl && !preset.defaultBaseUrl) {
    throw new NexusError('BAD_REQUEST', `${endpoint.name} needs a base URL, such as http://127.0.0.1:8080/v1.`)
  }
  return createOpenAIAdapter(endpoint, familyOf(preset))
}
