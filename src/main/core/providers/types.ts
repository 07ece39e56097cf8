/**
 * The one interface every provider family implements. Adapters translate between these types
 * and their official SDK; nothing outside src/main/core/providers sees an SDK type.
 */
import type { NexusError } from '../../../shared/errors'

export type ProviderKind = 'openai' | 'anthropic' | 'ollama' | 'openai-compatible'

/** What an adapter needs to reach its service. The key is resolved by the caller (SecretStore). */
export interface ProviderEndpoint {
  /** Stable id of the configured provider, e.g. "openai" or "lmstudio-1". */
  id: string
  kind: ProviderKind
  /** Human name used in error messages: "OpenAI", "LM Studio". */
  name: string
  /** Base URL; undefined uses the SDK's default. */
  baseUrl?: string
  apiKey?: string
  /** Per-request timeout in milliseconds for non-streaming calls and the first byte. */
  timeoutMs?: number
}

export type ImageMediaType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp'

export type ContentPart =
  | { type: 'text'; text: string }
  /** Base64 data, no data: prefix. */
  | { type: 'image'; mediaType: ImageMediaType; data: string }

export interface ToolCall {
  id: string
  name: string
  /** JSON text of the arguments, as the model produced it. */
  arguments: string
}

export type ChatMessage =
  | { role: 'user'; content: ContentPart[] }
  | { role: 'assistant'; content: ContentPart[]; toolCalls?: ToolCall[] }
  | { role: 'tool'; toolCallId: string; content: string }

export interface ToolSpec {
  name: string
  description?: string
  /** JSON Schema of the parameters object. */
  parameters: Record<string, unknown>
}

export interface ChatRequest {
  model: string
  system?: string
  messages: ChatMessage[]
  tools?: ToolSpec[]
  temperature?: number
  maxTokens?: number
  stop?: string[]
}

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'other'

export interface Usage {
  inputTokens: number
  outputTokens: number
}

/**
 * A streamed chat yields text deltas and tool calls as they come, then usage (when the service
 * reports it) and exactly one final `finish` or `error` event. It never throws: failures,
 * including cancellation through the AbortSignal, arrive as the `error` event.
 */
export type ChatEvent =
  | { type: 'text'; delta: string }
  | { type: 'tool_call'; call: ToolCall }
  | { type: 'usage'; usage: Usage }
  | { type: 'finish'; reason: FinishReason }
  | { type: 'error'; error: NexusError }

export interface ModelCapabilities {
  vision: boolean
  tools: boolean
  embedding: boolean
}

export interface ModelInfo {
  /** The id to pass back in ChatRequest.model. */
  id: string
  /** Display name; the id when the service gives none. */
  name: string
  contextLength?: number
  capabilities?: Partial<ModelCapabilities>
}

export interface CallOptions {
  signal?: AbortSignal
}

export interface HealthResult {
  ok: boolean
  latencyMs: number
  /** "12 models" or the normalized error's message. */
  detail: string
}

export interface ProviderAdapter {
  readonly endpoint: ProviderEndpoint
  streamChat(request: ChatRequest, options?: CallOptions): AsyncIterable<ChatEvent>
  listModels(options?: CallOptions): Promise<ModelInfo[]>
  /** Present only when the family can embed. */
  embed?(texts: string[], model: string, options?: CallOptions): Promise<number[][]>
  health(options?: CallOptions): Promise<HealthResult>
}
