/**
 * Anthropic through the official SDK (@anthropic-ai/sdk 1.x, API version 2026-10-21).
 * Retries are off here: the resilience layer owns them. Every failure becomes one normalized
 * `error` event; the API key never appears in one.
 */
import Anthropic, { APIConnectionError, APIConnectionTimeoutError, APIError } from '@anthropic-ai/sdk'
import { healthByListing } from './health'
import type { ContentBlockParam, MessageCreateParamsStreaming, MessageParam, RawMessageStreamEvent, StopReason, Tool } from '@anthropic-ai/sdk/resources/messages'
import { NexusError } from '../../../shared/errors'
import { connectionCut, endedEarly, fromHttpFailure, garbled, isConnectionCut, providerError, streamError, timedOut, unreachable } from './errors'
import { StreamGuard } from './stream-guard'
import type { CallOptions, ChatEvent, ChatMessage, ChatRequest, FinishReason, HealthResult, ModelInfo, ProviderAdapter, ProviderEndpoint } from './types'

/** Anthropic requires max_tokens; this is what a chat gets when the caller sets none. */
export const DEFAULT_MAX_TOKENS = 4096
const DEFAULT_TIMEOUT_MS = 60_000

/** Status of each error type the API can send inside a stream, where there is no HTTP status. */
const STATUS_OF_TYPE: Record<string, number> = {
  invalid_request_error: 400, authentication_error: 401, billing_error: 402, permission_error: 403, not_found_error: 404,
  request_too_large: 413, rate_limit_error: 429, api_error: 500, timeout_error: 504, overloaded_error: 529
}

const FINISH: Partial<Record<StopReason, FinishReason>> = {
  end_turn: 'stop', stop_sequence: 'stop', max_tokens: 'length', model_context_window_exceeded: 'length', tool_use: 'tool_calls', refusal: 'content_filter'
}

function parseArguments(text: string): unknown {
  try {
    return JSON.parse(text || '{}')
  } catch {
    return {}
  }
}

/** Our messages in Anthropic's shape: tool results ride in user turns, same-role turns merge. */
export function toAnthropicMessages(messages: ChatMessage[]): MessageParam[] {
  const out: { role: 'user' | 'assistant'; content: ContentBlockParam[] }[] = []
  for (const m of messages) {
    const blocks: ContentBlockParam[] = []
    if (m.role === 'tool') {
      blocks.push({ type: 'tool_result', tool_use_id: m.toolCallId, content: m.content })
    } else {
      for (const part of m.content) {
        if (part.type === 'text' && part.text !== '') blocks.push({ type: 'text', text: part.text })
        // The API accepts images from the user only.
        if (part.type === 'image' && m.role === 'user') {
          blocks.push({ type: 'image', source: { type: 'base64', media_type: part.mediaType, data: part.data } })
        }
      }
      if (m.role === 'assistant') {
        for (const call of m.toolCalls ?? []) {
          blocks.push({ type: 'tool_use', id: call.id, name: call.name, input: parseArguments(call.arguments) })
        }
      }
    }
    if (blocks.length === 0) continue
    const role = m.role === 'assistant' ? 'assistant' : 'user'
    const last = out.at(-1)
    if (last?.role === role) last.content.push(...blocks)
    else out.push({ role, content: blocks })
  }
  return out
}

/**
 * The request body. `temperature` is deliberately not sent: API version 2026-10-21 answers 400
 * to any sampling parameter, even at its default.
 */
export function toAnthropicParams(request: ChatRequest): MessageCreateParamsStreaming {
  const params: MessageCreateParamsStreaming = {
    model: request.model,
    max_tokens: request.maxTokens ?? DEFAULT_MAX_TOKENS,
    messages: toAnthropicMessages(request.messages),
    stream: true
  }
  if (request.system) params.system = request.system
  if (request.stop?.length) params.stop_sequences = request.stop
  if (request.tools?.length) {
    params.tools = request.tools.map(
      (t): Tool => ({
        name: t.name,
        ...(t.description ? { description: t.description } : {}),
        input_schema: { type: 'object', ...t.parameters } as Tool.InputSchema
      })
    )
  }
  return params
}

/** Turns the SDK's stream events into ours; `done` once message_stop arrived. */
class EventMapper {
  done = false
  private inputTokens = 0
  private outputTokens = 0
  private stopReason: StopReason | null = null
  private readonly tools = new Map<number, { id: string; name: string; json: string }>()

  accept(event: RawMessageStreamEvent): ChatEvent[] {
    switch (event.type) {
      case 'message_start': {
        const u = event.message.usage
        // Cached prompt tokens are input too: the API counts them apart.
        this.inputTokens = u.input_tokens + (u.cache_creation_input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0)
        this.outputTokens = u.output_tokens
        return []
      }
      case 'content_block_start': {
        const block = event.content_block
        if (block.type === 'tool_use') this.tools.set(event.index, { id: block.id, name: block.name, json: '' })
        if (block.type === 'text' && block.text) return [{ type: 'text', delta: block.text }]
        return []
      }
      case 'content_block_delta': {
        const delta = event.delta
        if (delta.type === 'text_delta') return delta.text ? [{ type: 'text', delta: delta.text }] : []
        const tool = this.tools.get(event.index)
        if (delta.type === 'input_json_delta' && tool) tool.json += delta.partial_json
        return []
      }
      case 'content_block_stop': {
        const tool = this.tools.get(event.index)
        if (!tool) return []
        this.tools.delete(event.index)
        return [{ type: 'tool_call', call: { id: tool.id, name: tool.name, arguments: tool.json || '{}' } }]
      }
      case 'message_delta':
        this.stopReason = event.delta.stop_reason ?? this.stopReason
        // Counts in message_delta are cumulative.
        this.outputTokens = event.usage.output_tokens
        if (event.usage.input_tokens != null) this.inputTokens = event.usage.input_tokens
        return []
      case 'message_stop':
        this.done = true
        return [
          { type: 'usage', usage: { inputTokens: this.inputTokens, outputTokens: this.outputTokens } },
          { type: 'finish', reason: (this.stopReason && FINISH[this.stopReason]) || 'other' }
        ]
      default:
        // Versioning allows new event types; ignoring them is the documented behavior.
        return []
    }
  }
}

function connectReason(err: unknown): string | undefined {
  const cause = (err as { cause?: { cause?: { code?: unknown }; code?: unknown } }).cause
  const code = cause?.cause?.code ?? cause?.code
  return typeof code === 'string' ? code : undefined
}

function normalize(guard: StreamGuard, err: unknown, model?: string): NexusError {
  const endpoint = guard.endpoint
  const error = ((): NexusError => {
    const ours = guard.outcome()
    if (ours) return ours
    if (err instanceof NexusError) return err
    if (err instanceof APIConnectionTimeoutError) return timedOut(endpoint)
    if (err instanceof APIConnectionError) return unreachable(endpoint, connectReason(err))
    if (err instanceof APIError) {
      const message = err.apiMessage ?? err.message.replace(/^\d{3} /, '')
      // An `event: error` inside the stream has no HTTP status; its type implies one.
      if (err.status === undefined) return streamError(endpoint, message, model, err.type ? STATUS_OF_TYPE[err.type] : undefined)
      return fromHttpFailure(endpoint, { status: err.status, message, headers: err.headers }, model)
    }
    if (err instanceof SyntaxError) return garbled(endpoint, 'an event of the stream is not valid JSON')
    if (isConnectionCut(err)) return connectionCut(endpoint)
    return garbled(endpoint, err instanceof Error ? err.message : String(err))
  })()
  return redact(endpoint, error)
}

/** A provider could echo the key in an error; it must never reach the UI or the logs. */
function redact(endpoint: ProviderEndpoint, error: NexusError): NexusError {
  const key = endpoint.apiKey
  if (!key || !error.message.includes(key)) return error
  return new NexusError(error.code, error.message.split(key).join('[key]'), error.details)
}

export function createAnthropicAdapter(endpoint: ProviderEndpoint): ProviderAdapter {
  const timeoutMs = endpoint.timeoutMs ?? DEFAULT_TIMEOUT_MS

  // A client per request (about 40 µs) so each has its own watchdog fetch.
  const client = (guard: StreamGuard): Anthropic => {
    if (!endpoint.apiKey) {
      throw providerError('PROVIDER_AUTH', `${endpoint.name} has no API key: add one in Settings > Providers.`, { provider: endpoint.id })
    }
    return new Anthropic({
      apiKey: endpoint.apiKey,
      baseURL: endpoint.baseUrl ?? null,
      timeout: timeoutMs,
      maxRetries: 0,
      fetch: guard.fetch(),
      // The SDK would log raw stream chunks on a parse error; we report errors ourselves.
      logLevel: 'off'
    })
  }

  async function listModels(options: CallOptions = {}): Promise<ModelInfo[]> {
    const guard = new StreamGuard(endpoint, options.signal, timeoutMs)
    try {
      const models: ModelInfo[] = []
      for await (const m of guard.iterate(client(guard).models.list({ limit: 1000 }, { signal: guard.signal }))) {
        models.push({
          id: m.id,
          name: m.display_name || m.id,
          contextLength: m.max_input_tokens ?? undefined,
          capabilities: { vision: m.capabilities?.image_input?.supported ?? undefined, tools: true, embedding: false }
        })
      }
      return models
    } catch (err) {
      throw normalize(guard, err)
    } finally {
      guard.dispose()
    }
  }

  return {
    endpoint,

    async *streamChat(request: ChatRequest, options: CallOptions = {}): AsyncIterable<ChatEvent> {
      const guard = new StreamGuard(endpoint, options.signal, timeoutMs)
      try {
        const stream = await guard.race(client(guard).messages.create(toAnthropicParams(request), { signal: guard.signal }))
        const mapper = new EventMapper()
        for await (const event of guard.iterate(stream)) {
          for (const out of mapper.accept(event)) yield out
          if (mapper.done) return
        }
        // The SDK ends quietly when aborted; otherwise the server stopped before message_stop.
        yield { type: 'error', error: guard.outcome() ?? endedEarly(endpoint) }
      } catch (err) {
        yield { type: 'error', error: normalize(guard, err, request.model) }
      } finally {
        guard.dispose()
      }
    },

    listModels,

    health: (options?: CallOptions): Promise<HealthResult> => healthByListing(listModels, options)
  }
}
