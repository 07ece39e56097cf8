/**
 * OpenAI through the official `openai` SDK. The same adapter serves every OpenAI-compatible
 * server (openai-compatible.ts passes its family's differences), so there is one code path.
 */
import OpenAI from 'openai'
import { healthByListing } from './health'
import type { NexusError } from '../../../shared/errors'
import { cancelled, endedEarly, garbled, providerError } from './errors'
import { ChunkAssembler, toRequestBody, type ChatDialect } from './openai-chat'
import { normalizeOpenAIError } from './openai-errors'
import { raceAbort, StreamGuard, type Fetch } from './stream-guard'
import type { CallOptions, ChatEvent, ChatRequest, HealthResult, ModelInfo, ProviderAdapter, ProviderEndpoint } from './types'

/** What one family of Chat Completions servers needs that OpenAI proper does not (or vice versa). */
export interface OpenAIFamily extends ChatDialect {
  defaultBaseUrl: string
  /** Without a key the adapter refuses early; keyless families send no Authorization at all. */
  keyRequired: boolean
  embeddings: boolean
  /** The SDK asks for base64 embeddings (smaller); some compatible servers only answer floats. */
  floatEmbeddings: boolean
}

export const OPENAI_FAMILY: OpenAIFamily = {
  defaultBaseUrl: 'https://api.openai.com/v1',
  keyRequired: true,
  embeddings: true,
  floatEmbeddings: false,
  maxTokensField: 'max_completion_tokens',
  streamUsageOption: true
}

export const DEFAULT_TIMEOUT_MS = 60_000
/** The SDK refuses to start without a key; this one is never sent (Authorization is removed). */
const PLACEHOLDER_KEY = 'nexus-no-key'

export function createOpenAIAdapter(endpoint: ProviderEndpoint, family: OpenAIFamily = OPENAI_FAMILY): ProviderAdapter {
  const timeoutMs = endpoint.timeoutMs ?? DEFAULT_TIMEOUT_MS
  let shared: OpenAI | undefined

  function makeClient(fetchImpl?: Fetch): OpenAI {
    return new OpenAI({
      apiKey: endpoint.apiKey || PLACEHOLDER_KEY,
      baseURL: endpoint.baseUrl || family.defaultBaseUrl,
      timeout: timeoutMs,
      // Retries belong to the resilience layer, which sees every provider the same way.
      maxRetries: 0,
      // Explicit values everywhere: left undefined, the SDK reads OPENAI_* environment variables
      // and could send an unrelated key or organization to this endpoint.
      adminAPIKey: null,
      organization: null,
      project: null,
      webhookSecret: null,
      defaultHeaders: endpoint.apiKey ? undefined : { Authorization: null },
      // The SDK logs unparsable stream lines to the console; we report them as errors instead.
      logLevel: 'off',
      ...(fetchImpl ? { fetch: fetchImpl } : {})
    })
  }

  function client(): OpenAI {
    shared ??= makeClient()
    return shared
  }

  function missingKey(): NexusError | undefined {
    if (!family.keyRequired || endpoint.apiKey) return undefined
    return providerError('PROVIDER_AUTH', `${endpoint.name} needs an API key: add one in Settings > Providers.`, {
      provider: endpoint.id
    })
  }

  async function* streamChat(request: ChatRequest, options: CallOptions = {}): AsyncGenerator<ChatEvent> {
    const refused = missingKey() ?? (options.signal?.aborted ? cancelled(endpoint) : undefined)
    if (refused) {
      yield { type: 'error', error: refused }
      return
    }
    const guard = new StreamGuard(endpoint, options.signal, timeoutMs)
    const assembler = new ChunkAssembler()
    try {
      let failure: NexusError
      try {
        const sdk = makeClient(guard.fetch())
        const stream = await guard.race(sdk.chat.completions.create(toRequestBody(request, family), { signal: guard.signal }))
        for await (const chunk of guard.iterate(stream)) {
          for (const event of assembler.push(chunk)) yield event
        }
        // On abort the SDK's stream just ends, without an error: say why it ended.
        failure = guard.outcome() ?? endedEarly(endpoint)
      } catch (err) {
        failure = guard.outcome() ?? normalizeOpenAIError(endpoint, err, request.model)
      }
      if (options.signal?.aborted) yield { type: 'error', error: cancelled(endpoint) }
      else yield* ending(assembler, failure)
    } finally {
      guard.dispose()
    }
  }

  async function listModels(options: CallOptions = {}): Promise<ModelInfo[]> {
    const refused = missingKey()
    if (refused) throw refused
    try {
      const page = await raceAbort(client().models.list({ signal: options.signal }), options.signal, () => cancelled(endpoint))
      const raw: unknown = page.data
      if (!Array.isArray(raw)) throw garbled(endpoint, 'the model list has no data array')
      return raw.flatMap((entry: unknown) => toModelInfo(entry) ?? [])
    } catch (err) {
      throw normalizeOpenAIError(endpoint, err)
    }
  }

  async function embed(texts: string[], model: string, options: CallOptions = {}): Promise<number[][]> {
    const refused = missingKey()
    if (refused) throw refused
    if (texts.length === 0) return []
    try {
      const request = { model, input: texts, ...(family.floatEmbeddings ? { encoding_format: 'float' as const } : {}) }
      const response = await raceAbort(client().embeddings.create(request, { signal: options.signal }), options.signal, () => cancelled(endpoint))
      const data = Array.isArray(response.data) ? [...response.data].sort((a, b) => a.index - b.index) : []
      if (data.length !== texts.length || data.some((d) => !Array.isArray(d.embedding))) {
        throw garbled(endpoint, `expected ${texts.length} embeddings, got ${data.length}`)
      }
      return data.map((d) => d.embedding)
    } catch (err) {
      throw normalizeOpenAIError(endpoint, err, model)
    }
  }

  const health = (options?: CallOptions): Promise<HealthResult> => healthByListing(listModels, options)

  return { endpoint, streamChat, listModels, health, ...(family.embeddings ? { embed } : {}) }
}

/**
 * The end of a stream: a known finish reason means the answer is whole, so a failure after it
 * (a cut before [DONE], a lost usage chunk) still ends as `finish`; otherwise `failure`. Tool
 * calls that never saw a finish reason are dropped: half their arguments must not run.
 */
function* ending(assembler: ChunkAssembler, failure: NexusError): Generator<ChatEvent> {
  const reason = assembler.finalReason()
  if (reason === undefined) {
    yield { type: 'error', error: failure }
    return
  }
  if (assembler.usage) yield { type: 'usage', usage: assembler.usage }
  yield { type: 'finish', reason }
}

/** Model lists differ by server: only `id` is certain; names and context sizes vary in field name. */
export function toModelInfo(entry: unknown): ModelInfo | undefined {
  if (!entry || typeof entry !== 'object') return undefined
  const raw = entry as Record<string, unknown>
  if (typeof raw.id !== 'string' || raw.id === '') return undefined
  const context = [raw.context_length, raw.context_window, raw.max_model_len].find(
    (value): value is number => typeof value === 'number' && value > 0
  )
  return {
    id: raw.id,
    name: typeof raw.name === 'string' && raw.name ? raw.name : raw.id,
    ...(context ? { contextLength: context } : {}),
    ...(/embed/i.test(raw.id) ? { capabilities: { embedding: true } } : {})
  }
}
