import type { Conversation, Message } from '../../../shared/schemas/chat'
import { messageText } from '../lib/chatFormat'

/** Appends streamed text to a message's last text part. */
export function appendText(message: Message, delta: string): Message {
  const content = [...message.content]
  const last = content[content.length - 1]
  if (last?.type === 'text') content[content.length - 1] = { type: 'text', text: last.text + delta }
  else content.push({ type: 'text', text: delta })
  return { ...message, content }
}

/** A message the core has not described yet but whose first words already arrived. */
export function placeholder(conversationId: string, id: string): Message {
  return {
    id,
    conversationId,
    role: 'assistant',
    content: [],
    model: null,
    status: 'streaming',
    error: null,
    inputTokens: null,
    outputTokens: null,
    costUsd: null,
    ttftMs: null,
    totalMs: null,
    routing: null,
    rating: 0,
    createdAt: new Date().toISOString()
  }
}

/**
 * The core's view of a message wins, except that an assistant text we already hold and that
 * extends the core's (deltas that raced its snapshot) is kept.
 */
export function mergeMessage(local: Message | undefined, incoming: Message): Message {
  if (!local || incoming.role !== 'assistant') return incoming
  const mine = messageText(local.content)
  const theirs = messageText(incoming.content)
  if (mine.length > theirs.length && mine.startsWith(theirs) && !incoming.content.some((p) => p.type === 'image')) {
    return { ...incoming, content: [{ type: 'text', text: mine }] }
  }
  return incoming
}

export interface MessageState {
  order: string[]
  messages: Record<string, Message>
}

export function fromConversation(conversation: Conversation): MessageState {
  const messages: Record<string, Message> = {}
  for (const message of conversation.messages) messages[message.id] = message
  return { order: conversation.messages.map((m) => m.id), messages }
}
