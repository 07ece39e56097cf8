/** What every trigger kind shares: how it starts runs, reports problems and describes itself. */
export type TriggerKind = 'schedule' | 'watch' | 'event'

export interface TriggerStatus {
  workflowId: string
  kind: TriggerKind
  /** One line for people, e.g. "cron 0 9 * * 1-5, missed runs: skip". */
  detail: string
  /** ISO time of the next scheduled run (schedules only). */
  nextRunAt?: string
  /** Why the trigger is not armed (bad cron, missing folder...). */
  error?: string
}

export interface ActiveTrigger {
  status(): TriggerStatus
  stop(): void
}

/** Given by the TriggerManager to each trigger of one workflow. */
export interface TriggerHost {
  workflowId: string
  workflowName: string
  now(): Date
  /** Starts a run; rejects (never throws synchronously) when it cannot be started. */
  start(inputs: Record<string, unknown>): Promise<unknown>
  /** Starts a run from a timer or watcher: failures go to report(), nothing is thrown. */
  fire(inputs: Record<string, unknown>): void
  report(err: unknown): void
}

/** A trigger that could not be armed: it stays visible in status() with its error until the workflow changes. */
export function failedTrigger(host: TriggerHost, kind: TriggerKind, detail: string, err: unknown): ActiveTrigger {
  host.report(err)
  const error = err instanceof Error ? err.message : String(err)
  return { status: () => ({ workflowId: host.workflowId, kind, detail, error }), stop: () => {} }
}
