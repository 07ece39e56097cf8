/** Schemas of conversations, messages and chat requests. */
import { z } from 'zod'
import { ERROR_CODES } from '../errors'
import { RoutingInfo } from './routing'

const Id = z.string().min(1).max(100)
/** 10 MiB of image bytes as base64. */
const MAX_IMAGE_BASE64 = Math.ceil((10 * 1024 * 1024 * 4) / 3)

export const ImageMediaType = z.enum(['image/png', 'image/jpeg', 'image/gif', 'image/webp'])

export const ContentPart = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string().max(2_000_000) }),
  z.object({
    type: z.literal('image'),
    mediaType: ImageMediaType,
    data: z
      .string()
      .max(MAX_IMAGE_BASE64, 'an image may be at most 10 MiB')
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'image data must be base64 without a data: prefix')
  })
])
export type ContentPart = z.infer<typeof ContentPart>

export const MessageStatus = z.enum(['complete', 'streaming', 'interrupted', 'cancelled', 'error'])

export const Message = z.object({
  id: Id,
  conversationId: Id,
  role: z.enum(['user', 'assistant']),
  content: z.array(ContentPart),
  /** "providerId/model" that wrote an assistant message. */
  model: z.string().nullable(),
  status: MessageStatus,
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }).nullable(),
  inputTokens: z.number().int().nullable(),
  outputTokens: z.number().int().nullable(),
  costUsd: z.number().nullable(),
  ttftMs: z.number().nullable(),
  totalMs: z.number().nullable(),
  /** How "auto" chose the model (null when the user picked it). */
  routing: RoutingInfo.nullable(),
  /** The user's thumbs up (1) or down (-1), or 0. */
  rating: z.number().int().min(-1).max(1),
  createdAt: z.string()
})
export type Message = z.infer<typeof Message>

export const ConversationSummary = z.object({
  id: Id,
  title: z.string(),
  model: z.string().nullable(),
  systemPrompt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  messageCount: z.number().int()
})
export type ConversationSummary = z.infer<typeof ConversationSummary>

export const Conversation = ConversationSummary.extend({ messages: z.array(Message) })
export type Conversation = z.infer<typeof Conversation>

/** "provider/model", or "auto" to let NEXUS pick. */
const ModelRef = z.union([z.literal('auto'), z.string().min(3).max(400).regex(/^[^/\s]+\/\S.*$/, 'a model is written provider/model, or auto')])
const Title = z.string().trim().min(1).max(200)
const SystemPrompt = z.string().max(100_000)

export const CreateConversation = z
  .object({ title: Title.optional(), model: ModelRef.optional(), systemPrompt: SystemPrompt.optional() })
  .strict()
export const UpdateConversation = z
  .object({ id: Id, title: Title.optional(), model: ModelRef.nullable().optional(), systemPrompt: SystemPrompt.optional() })
  .strict()
export const ConversationRef = z.object({ id: Id }).strict()
export const ListConversations = z.object({ query: z.string().max(200).optional() }).strict().optional()

export const SendMessage = z
  .object({
    conversationId: Id,
    model: ModelRef,
    content: z.array(ContentPart).min(1).max(20)
  })
  .strict()
export const Regenerate = z.object({ messageId: Id, model: ModelRef.optional() }).strict()
export const EditAndResend = z
  .object({ messageId: Id, content: z.array(ContentPart).min(1).max(20), model: ModelRef })
  .strict()
export const MessageRef = z.object({ messageId: Id }).strict()
export const SendResult = z.object({ userMessageId: Id.nullable(), assistantMessageId: Id })

export const ChatDelta = z.object({ conversationId: Id, messageId: Id, delta: z.string() })
