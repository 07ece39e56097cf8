import { create } from 'zustand'
import type { ContentPart, ConversationSummary, Message } from '../../../shared/schemas/chat'
import type { EventPayload } from '../../../shared/contract'
import { appendText, fromConversation, mergeMessage, placeholder } from './chatMerge'
import { useConversations } from './conversations'
import { client, errorMessage } from './session'
import { recall, remember } from '../lib/storage'

const CURRENT_KEY = 'nexus.chat.conversation'
const MODEL_KEY = 'nexus.chat.model'
/** Deltas are applied in batches: one render of the streaming message per frame or so. */
const FLUSH_MS = 40

interface ChatStore {
  /** The open conversation; null while writing the first message of a new one. */
  conversation: ConversationSummary | null
  order: string[]
  messages: Record<string, Message>
  loading: boolean
  error: string | null
  /** Model of the next message ("providerId/model"). */
  model: string | null
  /** System prompt of a conversation not created yet. */
  draftSystemPrompt: string
  open(id: string | null): Promise<void>
  reload(): Promise<void>
  receiveMessage(message: Message): void
  receiveDelta(delta: EventPayload<'chat.delta'>): void
  receiveSummary(summary: ConversationSummary): void
  setModel(model: string): Promise<void>
  setSystemPrompt(text: string): Promise<boolean>
  send(content: ContentPart[]): Promise<boolean>
  regenerate(messageId: string): Promise<void>
  edit(messageId: string, content: ContentPart[]): Promise<boolean>
  stop(messageId: string): Promise<void>
  clearError(): void
}

export function remembered(key: 'conversation' | 'model'): string | null {
  return recall(key === 'conversation' ? CURRENT_KEY : MODEL_KEY)
}

let pending = new Map<string, { conversationId: string; text: string }>()
let flushTimer: number | undefined
let openGeneration = 0

export const useChat = create<ChatStore>()((set, get) => {
  const flush = (): void => {
    flushTimer = undefined
    if (pending.size === 0) return
    const batch = pending
    pending = new Map()
    const messages = { ...get().messages }
    const order = [...get().order]
    for (const [id, { conversationId, text }] of batch) {
      if (conversationId !== get().conversation?.id) continue
      const known = messages[id]
      if (!known) order.push(id)
      messages[id] = appendText(known ?? placeholder(conversationId, id), text)
    }
    set(order.length === get().order.length ? { messages } : { messages, order })
  }

  const fail = (what: string, err: unknown): void => set({ error: `${what}: ${errorMessage(err)}` })

  /** After a request that may drop or replace messages (edit, regenerate), resync unless all is known. */
  const ensureKnown = async (ids: (string | null)[]): Promise<void> => {
    const { messages } = get()
    if (ids.some((id) => id !== null && !messages[id])) await get().reload()
  }

  return {
    conversation: null,
    order: [],
    messages: {},
    loading: false,
    error: null,
    model: remembered('model'),
    draftSystemPrompt: '',
    async open(id) {
      openGeneration += 1
      const mine = openGeneration
      pending = new Map()
      remember(CURRENT_KEY, id)
      if (id === null) {
        set({ conversation: null, order: [], messages: {}, loading: false, error: null, draftSystemPrompt: '' })
        return
      }
      set({ loading: true, error: null })
      try {
        const conversation = await client().call('conversations.get', { id })
        if (mine !== openGeneration) return
        const { messages: _m, ...summary } = conversation
        set({ conversation: summary, ...fromConversation(conversation), loading: false })
        if (summary.model) set({ model: summary.model })
      } catch (err) {
        if (mine !== openGeneration) return
        remember(CURRENT_KEY, null)
        set({ conversation: null, order: [], messages: {}, loading: false })
        fail('Could not open the conversation', err)
      }
    },
    async reload() {
      const id = get().conversation?.id
      if (!id) return
      const mine = openGeneration
      try {
        const conversation = await client().call('conversations.get', { id })
        if (mine !== openGeneration) return
        for (const message of conversation.messages) pending.delete(message.id)
        const { messages: _m, ...summary } = conversation
        set({ conversation: summary, ...fromConversation(conversation) })
      } catch (err) {
        fail('Could not reload the conversation', err)
      }
    },
    receiveMessage(message) {
      if (message.conversationId !== get().conversation?.id) return
      if (pending.has(message.id)) flush()
      const local = get().messages[message.id]
      const messages = { ...get().messages, [message.id]: mergeMessage(local, message) }
      set(local ? { messages } : { messages, order: [...get().order, message.id] })
    },
    receiveDelta({ conversationId, messageId, delta }) {
      if (conversationId !== get().conversation?.id) return
      const entry = pending.get(messageId)
      if (entry) entry.text += delta
      else pending.set(messageId, { conversationId, text: delta })
      flushTimer ??= window.setTimeout(flush, FLUSH_MS)
    },
    receiveSummary(summary) {
      if (summary.id === get().conversation?.id) set({ conversation: summary })
    },
    async setModel(model) {
      set({ model })
      remember(MODEL_KEY, model)
      const id = get().conversation?.id
      if (!id) return
      try {
        const summary = await client().call('conversations.update', { id, model })
        get().receiveSummary(summary)
        useConversations.getState().upsert(summary)
      } catch (err) {
        fail('Could not change the model', err)
      }
    },
    async setSystemPrompt(systemPrompt) {
      const id = get().conversation?.id
      if (!id) {
        set({ draftSystemPrompt: systemPrompt })
        return true
      }
      try {
        const summary = await client().call('conversations.update', { id, systemPrompt })
        get().receiveSummary(summary)
        return true
      } catch (err) {
        fail('Could not save the system prompt', err)
        return false
      }
    },
    async send(content) {
      const model = get().model
      if (!model) {
        set({ error: 'Choose a model first.' })
        return false
      }
      set({ error: null })
      try {
        let conversation = get().conversation
        if (!conversation) {
          const systemPrompt = get().draftSystemPrompt
          conversation = await client().call('conversations.create', {
            model,
            ...(systemPrompt ? { systemPrompt } : {})
          })
          openGeneration += 1
          remember(CURRENT_KEY, conversation.id)
          set({ conversation, order: [], messages: {}, draftSystemPrompt: '' })
          useConversations.getState().upsert(conversation)
        }
        const result = await client().call('chat.send', { conversationId: conversation.id, model, content })
        await ensureKnown([result.userMessageId, result.assistantMessageId])
        return true
      } catch (err) {
        fail('Could not send the message', err)
        return false
      }
    },
    async regenerate(messageId) {
      set({ error: null })
      try {
        const model = get().model ?? undefined
        const result = await client().call('chat.regenerate', { messageId, model })
        await get().reload()
        await ensureKnown([result.assistantMessageId])
      } catch (err) {
        fail('Could not regenerate the answer', err)
      }
    },
    async edit(messageId, content) {
      const model = get().model
      if (!model) {
        set({ error: 'Choose a model first.' })
        return false
      }
      set({ error: null })
      try {
        await client().call('chat.edit', { messageId, content, model })
        await get().reload()
        return true
      } catch (err) {
        fail('Could not resend the message', err)
        return false
      }
    },
    async stop(messageId) {
      try {
        await client().call('chat.stop', { messageId })
      } catch (err) {
        fail('Could not stop the answer', err)
      }
    },
    clearError() {
      set({ error: null })
    }
  }
})

/** Id of the answer streaming in the open conversation, if any. */
export function selectStreamingId(s: ChatStore): string | null {
  for (let i = s.order.length - 1; i >= 0; i -= 1) {
    const id = s.order[i]
    if (id && s.messages[id]?.status === 'streaming') return id
  }
  return null
}
