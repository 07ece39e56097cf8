/**
 * Keeps the armed triggers (schedule, file watch, event) equal to what the saved workflows ask
 * for. Manual, CLI and webhook runs need nothing armed and go straight to the workflow service.
 */
import type { Triggers } from '../../../../shared/schemas/workflows'
import type { Db } from '../../db/connection'
import { eventTrigger, type SubscribeDurable } from './event'
import { failedTrigger, type ActiveTrigger, type TriggerHost, type TriggerKind, type TriggerStatus } from './host'
import { scheduleTrigger } from './schedule'
import { watchTrigger, WATCH_DEBOUNCE_MS } from './watch'

export { cronError, nextRunTimes } from './schedule'
export { eventSubscriberName } from './event'
export type { DurableEvent, DurableSubscription, SubscribeDurable } from './event'
export type { TriggerKind, TriggerStatus } from './host'

export interface TriggerWorkflow {
  id: string
  name: string
  triggers: Triggers
}

export interface TriggerManagerOptions {
  db: Db
  /** The saved workflows, re-read on every sync(). */
  list: () => TriggerWorkflow[]
  start: (workflowId: string, inputs: Record<string, unknown>, trigger: TriggerKind) => Promise<unknown>
  subscribeDurable: SubscribeDurable
  onError: (err: unknown, where: string) => void
  now?: () => Date
  /** Quiet time after a file's last change before its run starts. */
  watchDebounceMs?: number
}

const KINDS: readonly TriggerKind[] = ['schedule', 'watch', 'event']

interface Armed {
  /** The trigger's config as JSON: a sync re-arms it only when this changes. */
  signature: string
  trigger: ActiveTrigger
}

export class TriggerManager {
  private readonly armed = new Map<string, Armed>()
  /** The first sync is the app starting: only then are schedules checked for missed runs. */
  private synced = false
  private stopped = false

  constructor(private readonly options: TriggerManagerOptions) {}

  /** Arms, re-arms and disarms triggers to match list(). Idempotent; call at start and after every save or delete. */
  sync(): void {
    if (this.stopped) return
    let workflows: TriggerWorkflow[]
    try {
      workflows = this.options.list()
    } catch (err) {
      this.options.onError(err, 'workflow triggers: listing workflows')
      return
    }
    const wanted = new Map<string, { workflow: TriggerWorkflow; kind: TriggerKind; signature: string }>()
    for (const workflow of workflows) {
      for (const kind of KINDS) {
        const config = workflow.triggers[kind]
        if (config) wanted.set(key(workflow.id, kind), { workflow, kind, signature: JSON.stringify(config) })
      }
    }
    for (const [k, armed] of this.armed) {
      if (wanted.get(k)?.signature === armed.signature) continue
      armed.trigger.stop()
      this.armed.delete(k)
    }
    for (const [k, { workflow, kind, signature }] of wanted) {
      if (!this.armed.has(k)) this.armed.set(k, { signature, trigger: this.arm(workflow, kind) })
    }
    this.synced = true
  }

  status(): TriggerStatus[] {
    return [...this.armed.values()]
      .map((a) => a.trigger.status())
      .sort((a, b) => a.workflowId.localeCompare(b.workflowId) || KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind))
  }

  /** Disarms everything; later syncs do nothing (the core is closing). */
  stop(): void {
    this.stopped = true
    for (const armed of this.armed.values()) armed.trigger.stop()
    this.armed.clear()
  }

  private arm(workflow: TriggerWorkflow, kind: TriggerKind): ActiveTrigger {
    const { options } = this
    const where = `${kind} trigger of workflow "${workflow.name}"`
    const report = (err: unknown): void => options.onError(err, where)
    const start = async (inputs: Record<string, unknown>): Promise<unknown> => options.start(workflow.id, inputs, kind)
    const host: TriggerHost = {
      workflowId: workflow.id,
      workflowName: workflow.name,
      now: options.now ?? (() => new Date()),
      start,
      fire: (inputs) => void start(inputs).catch(report),
      report
    }
    const { triggers } = workflow
    try {
      // sync() arms only the kinds a workflow configures, so the config is there.
      switch (kind) {
        case 'schedule':
          return scheduleTrigger(host, options.db, triggers.schedule!, !this.synced)
        case 'watch':
          return watchTrigger(host, triggers.watch!, options.watchDebounceMs ?? WATCH_DEBOUNCE_MS)
        case 'event':
          return eventTrigger(host, triggers.event!, options.subscribeDurable)
      }
    } catch (err) {
      return failedTrigger(host, kind, `${kind} trigger`, err)
    }
  }
}

function key(workflowId: string, kind: TriggerKind): string {
  return `${workflowId}\u0000${kind}`
}
