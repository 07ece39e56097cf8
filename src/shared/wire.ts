/** Frames of the headless host's WebSocket protocol; both ends parse them with these schemas. */
import { z } from 'zod'
import { ERROR_CODES } from './errors'
import { TopicPattern } from './contract'

const RequestId = z.string().min(1).max(64)

export const ClientFrame = z.discriminatedUnion('t', [
  z.object({ t: z.literal('req'), id: RequestId, name: z.string().max(100), input: z.unknown() }),
  z.object({ t: z.literal('cancel'), id: RequestId }),
  z.object({ t: z.literal('sub'), topic: TopicPattern }),
  z.object({ t: z.literal('unsub'), topic: TopicPattern })
])
export type ClientFrame = z.infer<typeof ClientFrame>

const WireError = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.unknown().optional()
})

export const ServerFrame = z.union([
  z.object({ t: z.literal('res'), id: RequestId, ok: z.literal(true), value: z.unknown() }),
  z.object({ t: z.literal('res'), id: RequestId, ok: z.literal(false), error: WireError }),
  z.object({ t: z.literal('evt'), topic: z.string(), payload: z.unknown() }),
  /** A frame the server could not attribute to a request (malformed JSON, unknown shape). */
  z.object({ t: z.literal('err'), error: WireError })
])
export type ServerFrame = z.infer<typeof ServerFrame>

/** Path of the WebSocket endpoint on the host, and the query parameter carrying the token. */
export const WS_PATH = '/ws'
export const TOKEN_PARAM = 'token'
