/** The one place that knows every provider family: presets for the UI and the adapter factory. */
import type { z } from 'zod'
import type { ProviderKind, ProviderPreset } from '../../../shared/schemas/providers'
import { NexusError } from '../../../shared/errors'
import { createAnthropicAdapter } from './anthropic'
import { createOllamaAdapter } from './ollama'
import { DEFAULT_OLLAMA_URL } from './ollama-http'
import { createOpenAIAdapter } from './openai'
import { createOpenAICompatibleAdapter, findPreset, OPENAI_COMPATIBLE_PRESETS, type OpenAICompatiblePresetId } from './openai-compatible'
import type { ProviderAdapter, ProviderEndpoint } from './types'

type Preset = z.infer<typeof ProviderPreset>

export const PROVIDER_PRESETS: Preset[] = [
  { kind: 'openai', preset: null, name: 'OpenAI', defaultBaseUrl: null, needsKey: true, local: false },
  { kind: 'anthropic', preset: null, name: 'Anthropic', defaultBaseUrl: null, needsKey: true, local: false },
  { kind: 'ollama', preset: null, name: 'Ollama', defaultBaseUrl: DEFAULT_OLLAMA_URL, needsKey: false, local: true },
  ...OPENAI_COMPATIBLE_PRESETS.map((p) => ({
    kind: 'openai-compatible' as const,
    preset: p.id,
    name: p.name,
    defaultBaseUrl: p.defaultBaseUrl || null,
    needsKey: p.needsKey,
    local: p.local
  }))
]

export function presetFor(kind: ProviderKind, preset?: string | null): Preset {
  if (kind !== 'openai-compatible') return PROVIDER_PRESETS.find((p) => p.kind === kind) as Preset
  const found = PROVIDER_PRESETS.find((p) => p.kind === kind && p.preset === (preset ?? 'custom'))
  if (!found) {
    const known = OPENAI_COMPATIBLE_PRESETS.map((p) => p.id).join(', ')
    throw new NexusError('BAD_REQUEST', `Unknown OpenAI-compatible preset "${preset}". Known: ${known}.`)
  }
  return found
}

export function createAdapter(endpoint: ProviderEndpoint, preset?: string | null): ProviderAdapter {
  switch (endpoint.kind) {
    case 'openai':
      return createOpenAIAdapter(endpoint)
    case 'anthropic':
      return createAnthropicAdapter(endpoint)
    case 'ollama':
      return createOllamaAdapter(endpoint)
    case 'openai-compatible':
      return createOpenAICompatibleAdapter(endpoint, preset && findPreset(preset) ? (preset as OpenAICompatiblePresetId) : undefined)
  }
}
