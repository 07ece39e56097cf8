/**
 * Schedule triggers: cron expressions parsed and timed by croner, in the machine's local time.
 * They fire while the app or the headless host runs. Runs missed while NEXUS was closed follow
 * the workflow's policy: 'skip' drops them, 'run-once' runs once at start however many were missed.
 */
import { Cron } from 'croner'
import { NexusError } from '../../../../shared/errors'
import { sql, type Db } from '../../db/connection'
import { failedTrigger, type ActiveTrigger, type TriggerHost } from './host'

/** The workflow format documents 5 or 6 fields; croner would also take a 7th (years). */
const MODE = '5-or-6-parts'
const FORMAT_HINT =
  'write 5 fields (minute hour day-of-month month day-of-week), or 6 with seconds first, e.g. "0 9 * * 1-5" for 9:00 on weekdays'

function parse(expr: string): Cron {
  return new Cron(expr, { paused: true, mode: MODE })
}

/** Why a cron expression cannot be used, in words a person can act on; null when it is fine. */
export function cronError(expr: string): string | null {
  const fields = expr.trim().split(/\s+/).filter(Boolean).length
  if (fields !== 5 && fields !== 6) return `The schedule "${expr}" has ${fields} field${fields === 1 ? '' : 's'}: ${FORMAT_HINT}.`
  let cron: Cron
  try {
    cron = parse(expr)
  } catch (err) {
    const reason = (err instanceof Error ? err.message : String(err)).replace(/^CronPattern:\s*/, '')
    return `The schedule "${expr}" is not a valid cron expression (${reason}): ${FORMAT_HINT}.`
  }
  if (!cron.nextRun()) return `The schedule "${expr}" never fires: no date matches it.`
  return null
}

/** The next `count` fire times strictly after `from`. */
export function nextRunTimes(expr: string, count: number, from: Date): Date[] {
  return parse(expr).nextRuns(count, from)
}

/** Whether the schedule had a fire time in (since, now]. */
function missedSince(expr: string, since: Date, now: Date): boolean {
  const next = parse(expr).nextRun(since)
  return next !== null && next.getTime() <= now.getTime()
}

function readLastFired(db: Db, workflowId: string): Date | null {
  const row = sql(db, "SELECT last_fired_at FROM workflow_trigger_state WHERE workflow_id = ? AND kind = 'schedule'").get(workflowId) as
    | { last_fired_at: string }
    | undefined
  return row ? new Date(row.last_fired_at) : null
}

function writeLastFired(db: Db, workflowId: string, at: Date): void {
  sql(
    db,
    `INSERT INTO workflow_trigger_state (workflow_id, kind, last_fired_at) VALUES (?, 'schedule', ?)
     ON CONFLICT (workflow_id, kind) DO UPDATE SET last_fired_at = excluded.last_fired_at`
  ).run(workflowId, at.toISOString())
}

export interface ScheduleConfig {
  cron: string
  missed: 'skip' | 'run-once'
}

/**
 * Arms one workflow's schedule. `catchUp` is true for schedules found at startup: only then can
 * runs have been missed while NEXUS was closed. A schedule created or changed while running has
 * nothing to catch up, and its time is recorded as the baseline, so a later restart does not
 * count fire times of an older expression, or from before it existed, as missed.
 */
export function scheduleTrigger(host: TriggerHost, db: Db, config: ScheduleConfig, catchUp: boolean): ActiveTrigger {
  const detail = `cron ${config.cron}, missed runs: ${config.missed === 'run-once' ? 'run once' : 'skip'}`
  const error = cronError(config.cron)
  if (error) return failedTrigger(host, 'schedule', detail, new NexusError('BAD_REQUEST', error))

  // Recorded before starting: a crash while starting must not make the next start run it again.
  const fire = (): void => {
    try {
      writeLastFired(db, host.workflowId, host.now())
    } catch (err) {
      host.report(err)
    }
    host.fire({})
  }

  try {
    const last = catchUp ? readLastFired(db, host.workflowId) : null
    if (last === null) writeLastFired(db, host.workflowId, host.now())
    else if (config.missed === 'run-once' && missedSince(config.cron, last, host.now())) fire()
  } catch (err) {
    host.report(err)
  }

  const job = new Cron(config.cron, { mode: MODE, unref: true, catch: (err) => host.report(err) }, fire)
  return {
    status: () => ({ workflowId: host.workflowId, kind: 'schedule', detail, nextRunAt: job.nextRun()?.toISOString() }),
    stop: () => job.stop()
  }
}
