import type { z } from 'zod'
import type { EventMap } from '../../../shared/contract'
import type { ContentPart, EditAndResend, Message, Regenerate, SendMessage } from '../../../shared/schemas/chat'
import { NexusError, toSerializedError, type SerializedError } from '../../../shared/errors'
import { costOf, type ModelCatalog } from '../catalog/catalog'
import type { EventBus } from '../events/bus'
import type { ProviderService } from '../providers/service'
import type { ChatMessage } from '../providers/types'
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
}

/**
 * Sends messages and streams answers: the assistant message is stored as 'streaming' at once,
 * its text saved as it arrives, and finished as complete, cancelled or error. Messages left
 * streaming by a crash are marked interrupted when the core starts.
 */
export class ChatService {
  /** Answers streaming now, with the text that has arrived so far. */
  private readonly streams = new Map<string, { controller: AbortController; text: string }>()
  private closed = false

  constructor(private readonly o: ChatServiceOptions) {
    o.store.markInterrupted()
  }

  send(input: z.output<typeof SendMessage>): { userMessageId: string; assistantMessageId: string } {
    const { store } = this.o
    const conversation = store.summary(input.conversationId)
    this.o.providers.parseRef(input.model)
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
    return { userMessageId: null, assistantMessageId: this.answer(old.conversationId, model, old.id) }
  }

  edit(input: z.output<typeof EditAndResend>): { userMessageId: string; assistantMessageId: string } {
    const old = this.o.store.message(input.messageId)
    if (old.role !== 'user') throw new NexusError('BAD_REQUEST', 'Only your own messages can be edited; regenerate an answer instead.')
    this.o.providers.parseRef(input.model)
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

  private answer(conversationId: string, model: string, replaceFrom?: string): string {
    const history = this.o.store.history(conversationId, replaceFrom)
    const assistant = this.o.store.append(conversationId, { role: 'assistant', content: [{ type: 'text', text: '' }], model, status: 'streaming' }, replaceFrom)
    this.announce(assistant)
    const live = { controller: new AbortController(), text: '' }
    this.streams.set(assistant.id, live)
    void this.stream(assistant, history, model, live).finally(() => this.streams.delete(assistant.id))
    return assistant.id
  }

  private async stream(message: Message, history: Message[], modelRef: string, live: { controller: AbortController; text: string }): Promise<void> {
    const { store, providers, bus } = this.o
    const signal = live.controller.signal
    const started = performance.now()
    let ttftMs: number | null = null
    let usage = { inputTokens: 0, outputTokens: 0 }
    let error: SerializedError | null = null
    let lastSave = started
    let providerId = modelRef.split('/')[0] ?? ''
    let model = modelRef
    try {
      const ref = providers.parseRef(modelRef)
      providerId = ref.provider.id
      model = ref.model
      const adapter = await providers.adapter(ref.provider.id)
      const system = store.summary(message.conversationId).systemPrompt
      for await (const event of adapter.streamChat({ model: ref.model, system: system || undefined, messages: toChat(history) }, { signal })) {
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
    if (this.closed) return
    if (signal.aborted && (!error || error.code === 'CANCELLED')) error = { code: 'CANCELLED', message: 'Stopped; the text that arrived is kept.' }
    const totalMs = performance.now() - started
    const provider = providers.list().find((p) => p.id === providerId)
    const price = provider ? (provider.kind === 'ollama' ? { provider: 'ollama', model, inputPerMTok: 0, outputPerMTok: 0 } : this.o.catalog.lookup(providers.priceKeys(provider), model)) : null
    const costUsd = costOf(price, usage.inputTokens, usage.outputTokens)
    this.o.usage.record({ providerId, model, ...usage, ttftMs, totalMs, costUsd, outcome: error?.code ?? 'ok' })
    const status: Message['status'] = !error ? 'complete' : error.code === 'CANCELLED' ? 'cancelled' : 'error'
    this.announce(store.finish(message.id, live.text, { status, error, ...usage, costUsd, ttftMs, totalMs }))
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

/** Stored messages as a model sees them: failed empty answers are left out. */
function toChat(history: Message[]): ChatMessage[] {
  return history
    .filter((m) => m.role === 'user' || m.content.some((p) => p.type === 'text' && p.text !== ''))
    .map((m) => ({ role: m.role, content: m.content }))
}
