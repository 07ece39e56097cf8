/** Schemas of the persisted event log, durable subscribers, dead letters and sagas. */
import { z } from 'zod'

export const LoggedEvent = z.object({
  offset: z.number().int().positive(),
  topic: z.string(),
  payload: z.unknown(),
  at: z.string()
})
export type LoggedEvent = z.infer<typeof LoggedEvent>

/** Read the log from an offset (exclusive) or from a time, optionally for one topic pattern. */
export const ReadLog = z
  .object({
    afterOffset: z.number().int().nonnegative().optional(),
    since: z.iso.datetime({ offset: true }).optional(),
    pattern: z.string().min(1).max(100).optional(),
    limit: z.number().int().min(1).max(1_000).default(100)
  })
  .strict()
export const LogPage = z.object({ events: z.array(LoggedEvent), lastOffset: z.number().int().nonnegative() })

export const SubscriberView = z.object({
  name: z.string(),
  pattern: z.string(),
  deliveredOffset: z.number().int().nonnegative(),
  /** Persisted events matching the pattern not yet delivered. */
  lag: z.number().int().nonnegative(),
  deadLetters: z.number().int().nonnegative()
})

export const DeadLetter = z.object({
  id: z.number().int().positive(),
  subscriber: z.string(),
  offset: z.number().int().positive(),
  topic: z.string(),
  payload: z.unknown(),
  error: z.string(),
  attempts: z.number().int().positive(),
  failedAt: z.string()
})
export type DeadLetter = z.infer<typeof DeadLetter>
/** One dead letter by id, or every dead letter (of one subscriber) when id is absent. */
export const DeadLetterSelection = z.object({ id: z.number().int().positive().optional(), subscriber: z.string().max(100).optional() }).strict()
export const RetryResult = z.object({ retried: z.number().int(), delivered: z.number().int(), failed: z.number().int() })

export const SAGA_STATUSES = ['running', 'compensating', 'succeeded', 'compensated', 'failed'] as const
export const SagaView = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(SAGA_STATUSES),
  completed: z.array(z.string()),
  error: z.string().nullable(),
  startedAt: z.string(),
  updatedAt: z.string()
})
export type SagaView = z.infer<typeof SagaView>
