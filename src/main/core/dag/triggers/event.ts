/**
 * Event triggers: a run for each persisted bus event matching the workflow's topic pattern, read
 * through a durable subscriber of the event subsystem (at-least-once, resumed after a restart).
 */
import { TopicPattern } from '../../../../shared/contract'
import { NexusError } from '../../../../shared/errors'
import { failedTrigger, type ActiveTrigger, type TriggerHost } from './host'

/** A persisted event as the durable subscriber delivers it; it becomes the run's input `event`. */
export interface DurableEvent {
  topic: string
  payload: unknown
  /** Position in the event log. */
  offset: number
  /** ISO time the event was published. */
  at: string
}

export interface DurableSubscription {
  /** Stable across restarts: the event subsystem keeps this subscriber's position under it. */
  name: string
  pattern: string
  /** The event counts as delivered when this resolves; a rejection leaves it to the subscriber's retries. */
  handler: (event: DurableEvent) => Promise<void>
}

/** The durable subscriber delivering a workflow's event trigger. */
export const eventSubscriberName = (workflowId: string): string => `workflow-trigger:${workflowId}`

export type SubscribeDurable = (subscription: DurableSubscription) => () => void

/** A workflow listening to workflow.* would otherwise start itself on its own run's events, forever. */
function fromOwnRun(event: DurableEvent, workflowId: string): boolean {
  return event.topic.startsWith('workflow.') && (event.payload as { workflowId?: unknown } | null)?.workflowId === workflowId
}

export function eventTrigger(host: TriggerHost, config: { pattern: string }, subscribeDurable: SubscribeDurable): ActiveTrigger {
  const detail = `on events ${config.pattern}`
  if (!TopicPattern.safeParse(config.pattern).success) {
    return failedTrigger(
      host,
      'event',
      detail,
      new NexusError(
        'BAD_REQUEST',
        `Workflow "${host.workflowName}" listens to "${config.pattern}", which is not an event pattern: use a topic such as breaker.transition, a prefix such as routing.*, or *.`
      )
    )
  }
  const unsubscribe = subscribeDurable({
    name: eventSubscriberName(host.workflowId),
    pattern: config.pattern,
    handler: async (event) => {
      if (fromOwnRun(event, host.workflowId)) return
      // Rejecting (not reporting) lets the durable subscriber retry, then dead-letter, the event.
      await host.start({ event: { topic: event.topic, payload: event.payload, offset: event.offset, at: event.at } })
    }
  })
  return { status: () => ({ workflowId: host.workflowId, kind: 'event', detail }), stop: unsubscribe }
}
