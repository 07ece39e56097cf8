import type { NexusClient } from '../../../src/shared/client'
import type { Message } from '../../../src/shared/schemas/chat'
import { expect } from './fixtures'

/** Waits until this answer (or, without an id, the last answer) is no longer streaming, and returns it. */
export async function waitForAnswer(api: NexusClient, conversationId: string, messageId?: string, timeout = 30_000): Promise<Message> {
  let found: Message | undefined
  await expect
    .poll(
      async () => {
        const { messages } = await api.call('conversations.get', { id: conversationId })
        found = messageId ? messages.find((m) => m.id === messageId) : messages.filter((m) => m.role === 'assistant').at(-1)
        return found?.status ?? 'none'
      },
      { timeout }
    )
    .not.toMatch(/^(streaming|none)$/)
  if (!found) throw new Error('no answer')
  return found
}

/** Sends one message through the API and waits for its answer. */
export async function ask(api: NexusClient, conversationId: string, model: string, text: string): Promise<Message> {
  const sent = await api.call('chat.send', { conversationId, model, content: [{ type: 'text', text }] })
  return waitForAnswer(api, conversationId, sent.assistantMessageId)
}
