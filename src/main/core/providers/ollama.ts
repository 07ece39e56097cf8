/**
 * Ollama through the `ollama` library: chat over /api/chat (NDJSON), models from /api/tags,
 * embeddings from /api/embed. Model management (pull, delete, show) is in ollama-models.ts.
 */
import { randomUUID } from 'node:crypto'
import { healthByListing } from './health'
import type { ChatRequest as OllamaChatRequest, Message, Tool } from 'ollama'
import { endedEarly, garbled } from './errors'
import { OllamaRun } from './ollama-http'
import type {
  CallOptions,
  ChatEvent,
  ChatMessage,
  ChatRequest,
  FinishReason,
  HealthResult,
  ModelInfo,
  ProviderAdapter,
  ProviderEndpoint
} from './types'

/** Loading a large model can take minutes before the first token; a silent minute is too long. */
const DEFAULT_TIMEOUT_MS = 120_000

function parseArguments(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text || '{}')
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

export function toOllamaMessages(system: string | undefined, messages: ChatMessage[]): Message[] {
  const out: Message[] = system ? [{ role: 'system', content: system }] : []
  // Ollama identifies a tool result by the tool's name, not by a call id.
  const toolNames = new Map<string, string>()
  for (const m of messages) {
    if (m.role === 'tool') {
      const name = toolNames.get(m.toolCallId)
      out.push({ role: 'tool', content: m.content, ...(name ? { tool_name: name } : {}) })
      continue
    }
    const content = m.content.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('\n')
    const message: Message = { role: m.role, content }
    // Bytes, not strings: given a string, the library reads a file of that name if one exists.
    const images = m.content.flatMap((p) => (p.type === 'image' ? [new Uint8Array(Buffer.from(p.data, 'base64'))] : []))
    if (images.length && m.role === 'user') message.images = images
    if (m.role === 'assistant' && m.toolCalls?.length) {
      message.tool_calls = m.toolCalls.map((c) => {
        toolNames.set(c.id, c.name)
        return { function: { name: c.name, arguments: parseArguments(c.arguments) } }
      })
    }
    out.push(message)
  }
  return out
}

export function toOllamaRequest(request: ChatRequest): OllamaChatRequest & { stream: true } {
  const options: OllamaChatRequest['options'] = {}
  if (request.temperature !== undefined) options.temperature = request.temperature
  if (request.maxTokens !== undefined) options.num_predict = request.maxTokens
  if (request.stop?.length) options.stop = request.stop
  return {
    model: request.model,
    messages: toOllamaMessages(request.system, request.messages),
    stream: true,
    ...(request.tools?.length
      ? {
          tools: request.tools.map(
            (t): Tool => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters as Tool['function']['parameters'] } })
          )
        }
      : {}),
    ...(Object.keys(options).length ? { options } : {})
  }
}

function finishReason(doneReason: string | undefined, sawToolCalls: boolean): FinishReason {
  if (doneReason === 'length') return 'length'
  // Ollama says "stop" after tool calls too.
  if (doneReason === 'stop' || !doneReason) return sawToolCalls ? 'tool_calls' : 'stop'
  return 'other'
}

export function createOllamaAdapter(endpoint: ProviderEndpoint): ProviderAdapter {
  const timeoutMs = endpoint.timeoutMs ?? DEFAULT_TIMEOUT_MS

  async function call<T>(options: CallOptions, work: (run: OllamaRun) => Promise<T>, model?: string): Promise<T> {
    const run = new OllamaRun(endpoint, options.signal, timeoutMs)
    try {
      return await run.race(work(run))
    } catch (err) {
      throw run.error(err, model)
    } finally {
      run.dispose()
    }
  }

  const listModels = (options: CallOptions = {}): Promise<ModelInfo[]> =>
    call(options, async (run) => {
      const { models } = await run.client().list()
      if (!Array.isArray(models)) throw garbled(run.endpoint, 'the model list has no "models" array')
      return models.map((m) => {
        const families = m.details?.families ?? []
        // Only what the list can tell for sure; ollama-models show() has the full picture.
        const vision = families.some((f) => /clip|mllama/i.test(f))
        return { id: m.name, name: m.name, ...(vision ? { capabilities: { vision } } : {}) }
      })
    })

  return {
    endpoint,

    async *streamChat(request: ChatRequest, options: CallOptions = {}): AsyncIterable<ChatEvent> {
      const run = new OllamaRun(endpoint, options.signal, timeoutMs)
      try {
        const stream = await run.race(run.client().chat(toOllamaRequest(request)))
        let sawToolCalls = false
        for await (const chunk of run.iterate(stream)) {
          if (chunk.message?.content) yield { type: 'text', delta: chunk.message.content }
          for (const call of chunk.message?.tool_calls ?? []) {
            sawToolCalls = true
            const id = (call as { id?: unknown }).id
            yield {
              type: 'tool_call',
              call: {
                // Older Ollama gives no id; results are matched back by name (toOllamaMessages).
                id: typeof id === 'string' && id ? id : `call_${randomUUID().slice(0, 8)}`,
                name: call.function.name,
                arguments: JSON.stringify(call.function.arguments ?? {})
              }
            }
          }
          if (chunk.done) {
            yield { type: 'usage', usage: { inputTokens: chunk.prompt_eval_count ?? 0, outputTokens: chunk.eval_count ?? 0 } }
            yield { type: 'finish', reason: finishReason(chunk.done_reason, sawToolCalls) }
            return
          }
        }
        // Safety net: the library itself throws when a stream ends without done.
        yield { type: 'error', error: run.outcome() ?? endedEarly(run.endpoint) }
      } catch (err) {
        yield { type: 'error', error: run.error(err, request.model) }
      } finally {
        run.dispose()
      }
    },

    listModels,

    embed: (texts: string[], model: string, options: CallOptions = {}): Promise<number[][]> =>
      call(
        options,
        async (run) => {
          const { embeddings } = await run.client().embed({ model, input: texts })
          if (!Array.isArray(embeddings) || embeddings.length !== texts.length) {
            throw garbled(run.endpoint, `expected ${texts.length} embeddings`)
          }
          return embeddings
        },
        model
      ),

    health: (options?: CallOptions): Promise<HealthResult> => healthByListing(listModels, options)
  }
}
