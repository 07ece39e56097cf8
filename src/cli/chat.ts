import type { NexusClient } from '../shared/client'
import type { Message } from '../shared/schemas/chat'
import { NexusError } from '../shared/errors'

export interface ChatIO {
  write(text: string): void
  /** Resolves on Ctrl+C; the answer is then stopped and what arrived is kept. */
  interrupted: Promise<void>
}

/**
 * One prompt, one streamed answer, kept as a conversation like any chat in the app. Resolves
 * with the final message; rejects with the normalized error when the answer failed.
 */
export async function chatOnce(client: NexusClient, model: string, prompt: string, io: ChatIO): Promise<Message> {
  const conversation = await client.call('conversations.create', { model })
  let settle: (m: Message) => void = () => {}
  const finished = new Promise<Message>((resolve) => (settle = resolve))
  const offDelta = client.on('chat.delta', (d) => {
    if (d.conversationId === conversation.id) io.write(d.delta)
  })
  const offMessage = client.on('chat.message', (m) => {
    if (m.conversationId === conversation.id && m.role === 'assistant' && m.status !== 'streaming') settle(m)
  })
  try {
    const sent = await client.call('chat.send', { conversationId: conversation.id, model, content: [{ type: 'text', text: prompt }] })
    void io.interrupted.then(() => client.call('chat.stop', { messageId: sent.assistantMessageId }).catch(() => {}))
    const message = await finished
    if (message.status === 'error' && message.error) throw new NexusError(message.error.code, message.error.message)
    return message
  } finally {
    offDelta()
    offMessage()
  }
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}
