import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import type { EventMap } from '../../../shared/contract'
import type { ContentPart, EditAndResend, Message, Regenerate, SendMessage } from '../../../shared/schemas/chat'
import { NexusError, toSerializedError, type SerializedError } from '../../../shared/errors'
import type { ModelCatalog } from '../catalog/catalog'
import { accountCall } from '../usage/account'
import { fallbackDeadlineError } from '../routing/fallback'
import type { EventBus } from '../events/bus'
import type { ProviderService } from '../providers/service'
import type { ChatMessage } from '../providers/types'
import { resilientStream } from '../resilience/stream'
import type { Resilience } from '../resilience/policy'
import type { RouteDecision, RoutingInfo } from '../../../shared/schemas/routing'
import type { UsageRecorder } from '../usage/recorder'
import type { ConversationStore } from './store'

/** How often streamed text is written to the database, so a crash loses at most this much. */
const SAVE_EVERY_MS = 250
const TITLE_LENGTH = 60

export interface ChatServiceOptions {
  store: ConversationStore
  providers: ProviderService
  catalog: ModelCatalog
  usage: UsageRecorder
  bus: EventBus<EventMap>
  resilience: Resilience
  /** Picks the models for "auto", best first. */
  route: (request: { text: string; attachments: { images: number; audio: number } }, traceId: string) => Promise<RouteDecision>
  /** How long "auto" may keep trying the next model, in seconds. */
  deadlineSeconds: () => number
}

interface Live {
  controller: AbortController
  text: string
}

interface Outcome {
  ref: string
  error: SerializedError | null
  /** Whether this try sent any text to the user (then no fallback may follow). */
  streamed: boolean
  usage: { inputTokens: number; outputTokens: number }
  ttftMs: number | null
  totalMs: number
  costUsd: number | null
}

/**
 * Sends messages and streams answers: the assistant message is stored as 'streaming' at once,
 * its text saved as it arrives, and finished as complete, cancelled or error. Messages left
 * streaming by a crash are marked interrupted when the core starts.
 */
export class ChatService {
  /** Answers streaming now, with the text that has arrived so far. */
  private readonly streams = new Map<string, Live>()
  private closed = false

  constructor(private readonly o: ChatServiceOptions) {
    o.store.markInterrupted()
  }

  send(input: z.output<typeof SendMessage>): { userMessageId: string; assistantMessageId: string } {
    const { store } = this.o
    const conversation = store.summary(input.conversationId)
    if (input.model !== 'auto') this.o.providers.parseRef(input.model)
    const user = store.append(input.conversationId, { role: 'user', content: input.content, model: null, status: 'complete' })
    this.announce(user)
    if (conversation.messageCount === 0 && conversation.title === 'New conversation') this.autoTitle(conversation.id, input.content)
    store.update(conversation.id, { model: input.model })
    return { userMessageId: user.id, assistantMessageId: this.answer(input.conversationId, input.model) }
  }

  regenerate(input: z.output<typeof Regenerate>): { userMessageId: null; assistantMessageId: string } {
    const old = this.o.store.message(input.messageId)
    if (old.role !== 'assistant') throw new NexusError('BAD_REQUEST', 'Only an answer can be regenerated; edit a question instead.')
    this.stop(old.id)
    const model = input.model ?? old.model
    if (!model) throw new NexusError('BAD_REQUEST', 'Pick a model to regenerate this answer with.')
    const replaced = old.model && old.model !== 'auto' ? { ref: old.model, intent: old.routing?.intent ?? 'GENERAL' } : undefined
    return { userMessageId: null, assistantMessageId: this.answer(old.conversationId, model, old.id, replaced) }
  }

  edit(input: z.output<typeof EditAndResend>): { userMessageId: string; assistantMessageId: string } {
    const old = this.o.store.message(input.messageId)
    if (old.role !== 'user') throw new NexusError('BAD_REQUEST', 'Only your own messages can be edited; regenerate an answer instead.')
    if (input.model !== 'auto') this.o.providers.parseRef(input.model)
    const messages = this.o.store.get(old.conversationId).messages
    for (const later of messages.slice(messages.findIndex((m) => m.id === old.id))) this.stop(later.id)
    const user = this.o.store.append(old.conversationId, { role: 'user', content: input.content, model: null, status: 'complete' }, old.id)
    this.announce(user)
    return { userMessageId: user.id, assistantMessageId: this.answer(old.conversationId, input.model) }
  }

  stop(messageId: string): boolean {
    const stream = this.streams.get(messageId)
    stream?.controller.abort()
    return stream !== undefined
  }

  /** Stops every stream and saves what each had, marked interrupted, before the database closes. */
  close(): void {
    this.closed = true
    for (const [id, stream] of this.streams) {
      stream.controller.abort()
      this.o.store.finish(id, stream.text, { status: 'interrupted', error: { code: 'CANCELLED', message: 'NEXUS closed while this answer was streaming; what arrived before is kept.' } })
    }
    this.streams.clear()
  }

  private answer(conversationId: string, model: string, replaceFrom?: string, regenerated?: { ref: string; intent: string }): string {
    const history = this.o.store.history(conversationId, replaceFrom)
    const assistant = this.o.store.append(conversationId, { role: 'assistant', content: [{ type: 'text', text: '' }], model, status: 'streaming' }, replaceFrom, regenerated)
    this.announce(assistant)
    const live = { controller: new AbortController(), text: '' }
    this.streams.set(assistant.id, live)
    void this.stream(assistant, history, model, live).finally(() => this.streams.delete(assistant.id))
    return assistant.id
  }

  /**
   * Streams the answer. With "auto", walks down the ranked models: a model that fails before
   * sending any text is recorded as a fallback (an event and a note on the message), never
   * skipped silently; once text has streamed, a failure ends the answer.
   */
  private async stream(message: Message, history: Message[], modelRef: string, live: Live): Promise<void> {
    const traceId = randomUUID()
    let candidates: { ref: string; reason: string }[] = [{ ref: modelRef, reason: 'Chosen by you.' }]
    let routing: RoutingInfo | null = null
    let outcome: Outcome | null = null
    try {
      if (modelRef === 'auto') {
        const decision = await this.o.route({ text: lastUserText(history), attachments: attachmentsOf(history) }, traceId)
        candidates = decision.ranked.map((r) => ({ ref: r.ref, reason: r.reason }))
        routing = { traceId, intent: decision.intent.intent, confidence: decision.intent.confidence, preference: decision.preference, reason: '', fallbacks: [] }
        if (candidates.length === 0) {
          throw new NexusError('UNAVAILABLE', 'No usable model for "auto": add a provider in Settings > Providers, or check that one is turned on.')
        }
      }
    } catch (err) {
      outcome = { ref: modelRef, error: toSerializedError(err), streamed: false, usage: { inputTokens: 0, outputTokens: 0 }, ttftMs: null, totalMs: 0, costUsd: null }
    }
    const deadline = this.o.resilience.clock.now() + this.o.deadlineSeconds() * 1000
    for (const [i, candidate] of (outcome ? [] : candidates).entries()) {
      outcome = await this.attempt(message, history, candidate.ref, live, traceId, routing ? deadline : undefined)
      if (routing) routing.reason = candidate.reason
      const next = candidates[i + 1]
      if (!routing || !outcome.error || outcome.streamed || outcome.error.code === 'CANCELLED' || !next || live.controller.signal.aborted) break
      if (this.o.resilience.clock.now() >= deadline) {
        routing.fallbacks.push({ ref: candidate.ref, code: outcome.error.code, message: outcome.error.message })
        outcome = { ...outcome, error: fallbackDeadlineError(this.o.deadlineSeconds(), routing.fallbacks.length) }
        break
      }
      routing.fallbacks.push({ ref: candidate.ref, code: outcome.error.code, message: outcome.error.message })
      this.o.bus.publish('routing.fallback', { traceId, messageId: message.id, from: candidate.ref, to: next.ref, code: outcome.error.code, message: outcome.error.message, at: new Date().toISOString() })
    }
    if (this.closed || !outcome) return
    let error = outcome.error
    if (live.controller.signal.aborted && (!error || error.code === 'CANCELLED')) error = { code: 'CANCELLED', message: 'Stopped; the text that arrived is kept.' }
    const status: Message['status'] = !error ? 'complete' : error.code === 'CANCELLED' ? 'cancelled' : 'error'
    const { usage, costUsd, ttftMs, totalMs } = outcome
    this.announce(this.o.store.finish(message.id, live.text, { status, error, ...usage, costUsd, ttftMs, totalMs, model: outcome.ref, routing }))
  }

  /** One model's try at the answer, through the resilience stack; records its usage. */
  private async attempt(message: Message, history: Message[], ref: string, live: Live, traceId: string, deadline?: number): Promise<Outcome> {
    const { store, providers, bus } = this.o
    const started = performance.now()
    const textBefore = live.text.length
    let ttftMs: number | null = null
    let usage = { inputTokens: 0, outputTokens: 0 }
    let error: SerializedError | null = null
    let lastSave = started
    let providerId = ref.split('/')[0] ?? ''
    let model = ref
    let release: (latencyMs?: number) => void = () => {}
    try {
      const parsed = providers.parseRef(ref)
      providerId = parsed.provider.id
      model = parsed.model
      const lease = await providers.lease(providerId)
      release = lease.done
      const adapter = lease.adapter
      const system = store.summary(message.conversationId).systemPrompt
      const request = { model, system: system || undefined, messages: toChat(history) }
      const events = resilientStream(this.o.resilience, `${providerId}/${model}`, 'chat', (signal) => adapter.streamChat(request, { signal }), { signal: live.controller.signal, traceId, deadline })
      for await (const event of events) {
        if (event.type === 'text') {
          ttftMs ??= performance.now() - started
          live.text += event.delta
          bus.publish('chat.delta', { conversationId: message.conversationId, messageId: message.id, delta: event.delta })
          if (performance.now() - lastSave > SAVE_EVERY_MS) {
            store.saveText(message.id, live.text)
            lastSave = performance.now()
          }
        } else if (event.type === 'usage') {
          usage = event.usage
        } else if (event.type === 'error') {
          error = event.error.toJSON()
        }
      }
    } catch (err) {
      error = toSerializedError(err)
    }
    const totalMs = performance.now() - started
    release(error ? undefined : totalMs)
    const key = `${providerId}/${model}`
    // The core closed meanwhile: close() has saved the text; the database is gone.
    if (this.closed) return { ref: key, error, streamed: false, usage, ttftMs, totalMs, costUsd: null }
    const costUsd = accountCall(this.o, { providerId, model, usage, ttftMs, totalMs, errorCode: error?.code ?? null })
    return { ref: key, error, streamed: live.text.length > textBefore, usage, ttftMs, totalMs, costUsd }
  }

  private autoTitle(conversationId: string, content: ContentPart[]): void {
    const text = content.find((p) => p.type === 'text')?.text.replace(/\s+/g, ' ').trim()
    if (!text) return
    const title = text.length > TITLE_LENGTH ? `${text.slice(0, TITLE_LENGTH - 1)}…` : text
    this.o.store.update(conversationId, { title })
    this.o.bus.publish('conversations.changed', { id: conversationId, deleted: false })
  }

  private announce(message: Message): void {
    this.o.bus.publish('chat.message', message)
  }
}

function lastUserText(history: Message[]): string {
  const last = [...history].reverse().find((m) => m.role === 'user')
  return (last?.content ?? []).map((p) => (p.type === 'text' ? p.text : '')).join('\n')
}

function attachmentsOf(history: Message[]): { images: number; audio: number } {
  const last = [...history].reverse().find((m) => m.role === 'user')
  return { images: (last?.content ?? []).filter((p) => p.type === 'image').length, audio: 0 }
}

/** Stored messages as a model sees them: failed empty answers are left out. */
function toChat(history: Message[]): ChatMessage[] {
  return history
    .filter((m) => m.role === 'user' || m.content.some((p) => p.type === 'text' && p.text !== ''))
    .map((m) => ({ role: m.role, content: m.content }))
}
