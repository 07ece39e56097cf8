/**
 * Pure translation between NEXUS chat types and the Chat Completions wire format, shared by the
 * OpenAI and OpenAI-compatible families: the request body, and the streamed chunks back into
 * text, complete tool calls, usage and one finish reason.
 */
import type {
  ChatCompletionChunk,
  ChatCompletionContentPart,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam
} from 'openai/resources/chat/completions'
import type { ChatEvent, ChatMessage, ChatRequest, ContentPart, FinishReason, ToolCall, Usage } from './types'

/** What differs between servers that speak Chat Completions. */
export interface ChatDialect {
  /** OpenAI wants max_completion_tokens (max_tokens is deprecated there and refused by o-series);
   * most compatible servers only know max_tokens. */
  maxTokensField: 'max_completion_tokens' | 'max_tokens'
  /** Whether the server accepts stream_options; strict servers (Mistral) refuse unknown fields. */
  streamUsageOption: boolean
}

export function toRequestBody(request: ChatRequest, dialect: ChatDialect): ChatCompletionCreateParamsStreaming {
  const messages: ChatCompletionMessageParam[] = []
  if (request.system) messages.push({ role: 'system', content: request.system })
  for (const message of request.messages) messages.push(toMessage(message))
  const body: ChatCompletionCreateParamsStreaming = { model: request.model, messages, stream: true }
  if (dialect.streamUsageOption) body.stream_options = { include_usage: true }
  if (request.tools?.length) {
    body.tools = request.tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        ...(tool.description ? { description: tool.description } : {}),
        parameters: tool.parameters
      }
    }))
  }
  if (request.temperature !== undefined) body.temperature = request.temperature
  if (request.maxTokens !== undefined) body[dialect.maxTokensField] = request.maxTokens
  if (request.stop?.length) body.stop = request.stop
  return body
}

function toMessage(message: ChatMessage): ChatCompletionMessageParam {
  if (message.role === 'tool') return { role: 'tool', tool_call_id: message.toolCallId, content: message.content }
  if (message.role === 'assistant') {
    // The API takes no images from the assistant; its text is what matters for context.
    const text = message.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('')
    const calls = message.toolCalls ?? []
    return {
      role: 'assistant',
      content: text === '' && calls.length > 0 ? null : text,
      ...(calls.length
        ? { tool_calls: calls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: c.arguments } })) }
        : {})
    }
  }
  // A lone text part goes as a plain string: older compatible servers only accept that form.
  const only = message.content.length === 1 ? message.content[0] : undefined
  if (only?.type === 'text') return { role: 'user', content: only.text }
  return { role: 'user', content: message.content.map(toContentPart) }
}

function toContentPart(part: ContentPart): ChatCompletionContentPart {
  if (part.type === 'text') return { type: 'text', text: part.text }
  return { type: 'image_url', image_url: { url: `data:${part.mediaType};base64,${part.data}` } }
}

const FINISH: Record<string, FinishReason> = {
  stop: 'stop',
  eos: 'stop',
  length: 'length',
  tool_calls: 'tool_calls',
  function_call: 'tool_calls',
  content_filter: 'content_filter'
}

interface PartialCall {
  id: string
  name: string
  arguments: string
}

/**
 * Folds streamed chunks into events. Text goes out at once; tool calls are held until complete
 * (arguments arrive as fragments keyed by index); usage and the finish reason are held so they
 * come last, in that order, whatever order the server sent them in.
 */
export class ChunkAssembler {
  private readonly calls = new Map<number, PartialCall>()
  private flushedCalls = 0
  private lastIndex?: number
  finish?: FinishReason
  usage?: Usage

  /** Events to yield now for one chunk. */
  push(chunk: ChatCompletionChunk): ChatEvent[] {
    const events: ChatEvent[] = []
    const usage = chunk.usage ?? (chunk as { x_groq?: { usage?: ChatCompletionChunk['usage'] } }).x_groq?.usage
    if (usage) this.usage = { inputTokens: usage.prompt_tokens ?? 0, outputTokens: usage.completion_tokens ?? 0 }
    for (const choice of chunk.choices ?? []) {
      if ((choice.index ?? 0) !== 0) continue
      const delta = choice.delta ?? {}
      if (typeof delta.content === 'string' && delta.content) events.push({ type: 'text', delta: delta.content })
      // A refusal is the model's answer to show, in a separate field.
      if (typeof delta.refusal === 'string' && delta.refusal) events.push({ type: 'text', delta: delta.refusal })
      for (const fragment of delta.tool_calls ?? []) this.addFragment(fragment)
      if (choice.finish_reason) {
        this.finish = FINISH[choice.finish_reason] ?? 'other'
        events.push(...this.flushCalls())
      }
    }
    return events
  }

  private flushCalls(): ChatEvent[] {
    const ready = [...this.calls.entries()].sort(([a], [b]) => a - b)
    this.calls.clear()
    return ready.map(([index, call]): ChatEvent => {
      const complete: ToolCall = { id: call.id || `call_${index}`, name: call.name, arguments: call.arguments || '{}' }
      this.flushedCalls++
      return { type: 'tool_call', call: complete }
    })
  }

  /** Servers that stop with "stop" after tool calls still mean "run the tools". */
  finalReason(): FinishReason | undefined {
    return this.finish === 'stop' && this.flushedCalls > 0 ? 'tool_calls' : this.finish
  }

  private addFragment(fragment: NonNullable<ChatCompletionChunk.Choice.Delta['tool_calls']>[number]): void {
    // Some servers omit the index: a new id starts a new call, anything else continues the last.
    const last = this.lastIndex
    const index =
      typeof fragment.index === 'number'
        ? fragment.index
        : last === undefined || (fragment.id && fragment.id !== this.calls.get(last)?.id)
          ? this.calls.size + this.flushedCalls
          : last
    this.lastIndex = index
    const call = this.calls.get(index) ?? { id: '', name: '', arguments: '' }
    if (fragment.id && !call.id) call.id = fragment.id
    // The name arrives whole in the first fragment; later repeats must not double it.
    if (fragment.function?.name && !call.name) call.name = fragment.function.name
    if (fragment.function?.arguments) call.arguments += fragment.function.arguments
    this.calls.set(index, call)
  }
}
