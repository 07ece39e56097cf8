import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Triggers } from '../../../src/shared/schemas/workflows'
import { openDatabase, type Db } from '../../../src/main/core/db/connection'
import { TriggerManager, cronError, nextRunTimes, type DurableSubscription, type TriggerWorkflow } from '../../../src/main/core/dag/triggers'
import { WATCH_DEBOUNCE_MS } from '../../../src/main/core/dag/triggers/watch'
import { tempDir } from '../../helpers/tmp'

const NOW = new Date('2025-06-15T12:00:00Z')
/** Jan 1 at midnight: a fire time in any time zone between NOW - 200 days and NOW, and none soon in real time. */
const YEARLY = '0 0 1 1 *'
const DAY = 24 * 3_600_000

const open: { db: Db; manager: TriggerManager }[] = []
afterEach(() => {
  for (const { db, manager } of open.splice(0)) {
    manager.stop()
    db.close()
  }
})

function triggers(partial: Partial<Triggers>): Triggers {
  return { schedule: null, watch: null, event: null, webhook: false, ...partial }
}

function database(workflowIds: string[]): Db {
  const db = openDatabase(path.join(tempDir(), 'nexus.db'))
  const insert = db.prepare("INSERT INTO workflows (id, name, description, version, file, created_at, updated_at) VALUES (?, ?, '', 1, '{}', '', '')")
  for (const id of workflowIds) insert.run(id, id)
  return db
}

function lastFired(db: Db, id: string): string | undefined {
  const row = db.prepare("SELECT last_fired_at FROM workflow_trigger_state WHERE workflow_id = ? AND kind = 'schedule'").get(id) as
    | { last_fired_at: string }
    | undefined
  return row?.last_fired_at
}

function setLastFired(db: Db, id: string, at: Date): void {
  db.prepare("INSERT INTO workflow_trigger_state (workflow_id, kind, last_fired_at) VALUES (?, 'schedule', ?)").run(id, at.toISOString())
}

interface Harness {
  manager: TriggerManager
  start: ReturnType<typeof vi.fn>
  errors: { err: unknown; where: string }[]
  subscriptions: (DurableSubscription & { unsubscribe: ReturnType<typeof vi.fn> })[]
}

function harness(db: Db, list: () => TriggerWorkflow[], now = NOW): Harness {
  const start = vi.fn(async () => ({ id: 'run-1' }))
  const errors: Harness['errors'] = []
  const subscriptions: Harness['subscriptions'] = []
  const manager = new TriggerManager({
    db,
    list,
    start,
    subscribeDurable: (subscription) => {
      const unsubscribe = vi.fn()
      subscriptions.push({ ...subscription, unsubscribe })
      return unsubscribe
    },
    onError: (err, where) => errors.push({ err, where }),
    now: () => now
  })
  open.push({ db, manager })
  return { manager, start, errors, subscriptions }
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err))

describe('cron expressions', () => {
  it('accepts 5 and 6 fields and explains what is wrong with a bad one', () => {
    expect(cronError('0 9 * * 1-5')).toBeNull()
    expect(cronError('*/30 0 9 * * MON-FRI')).toBeNull()
    expect(cronError('* * *')).toMatch(/"\* \* \*" has 3 fields: write 5 fields \(minute hour day-of-month month day-of-week\)/)
    expect(cronError('0 0 9 * * * 2030')).toMatch(/has 7 fields/)
    expect(cronError('61 * * * *')).toMatch(/"61 \* \* \* \*" is not a valid cron expression \(Invalid value for minute: 61\)/)
    expect(cronError('0 9 * * funday')).toMatch(/is not a valid cron expression/)
    expect(cronError('0 0 31 2 *')).toMatch(/never fires/)
  })

  it('lists the next fire times', () => {
    const times = nextRunTimes('0 9 * * *', 3, NOW)
    expect(times).toHaveLength(3)
    expect(times.map((t) => t.getHours())).toEqual([9, 9, 9])
    expect(times[0]!.getTime()).toBeGreaterThan(NOW.getTime())
    expect(times[1]!.getTime() - times[0]!.getTime()).toBeGreaterThanOrEqual(23 * 3_600_000)
  })
})

describe('schedule triggers and missed runs', () => {
  const scheduled = (missed: 'skip' | 'run-once', cron = YEARLY): TriggerWorkflow[] => [
    { id: 'wf', name: 'Daily digest', triggers: triggers({ schedule: { cron, missed } }) }
  ]

  it("'run-once' runs exactly once after a gap that held several fire times, and records it", () => {
    const db = database(['wf'])
    setLastFired(db, 'wf', new Date(NOW.getTime() - 800 * DAY))
    const { manager, start, errors } = harness(db, () => scheduled('run-once'))
    manager.sync()
    manager.sync()
    expect(start).toHaveBeenCalledTimes(1)
    expect(start).toHaveBeenCalledWith('wf', {}, 'schedule')
    expect(lastFired(db, 'wf')).toBe(NOW.toISOString())
    expect(errors).toEqual([])
  })

  it("'skip' runs nothing after a gap", () => {
    const db = database(['wf'])
    const before = new Date(NOW.getTime() - 800 * DAY)
    setLastFired(db, 'wf', before)
    const { manager, start } = harness(db, () => scheduled('skip'))
    manager.sync()
    expect(start).not.toHaveBeenCalled()
    expect(lastFired(db, 'wf')).toBe(before.toISOString())
  })

  it("'run-once' runs nothing when no fire time passed while closed", () => {
    const db = database(['wf'])
    setLastFired(db, 'wf', new Date(NOW.getTime() - 10 * 60_000))
    const { manager, start } = harness(db, () => scheduled('run-once'))
    manager.sync()
    expect(start).not.toHaveBeenCalled()
  })

  it('a schedule that never fired counts missed runs from when it was armed', () => {
    const db = database(['wf'])
    const first = harness(db, () => scheduled('run-once'), new Date(NOW.getTime() - 300 * DAY))
    first.manager.sync()
    expect(first.start).not.toHaveBeenCalled()
    first.manager.stop()
    const restarted = harness(db, () => scheduled('run-once'))
    restarted.manager.sync()
    expect(restarted.start).toHaveBeenCalledTimes(1)
  })

  it('a schedule changed while running is not caught up on its old fire times', () => {
    const db = database(['wf'])
    setLastFired(db, 'wf', new Date(NOW.getTime() - 10 * 60_000))
    let list = scheduled('run-once', '0 9 1 7 *')
    const { manager, start } = harness(db, () => list)
    manager.sync()
    list = scheduled('run-once', YEARLY)
    manager.sync()
    expect(start).not.toHaveBeenCalled()
    expect(lastFired(db, 'wf')).toBe(NOW.toISOString())
    expect(manager.status()).toEqual([
      { workflowId: 'wf', kind: 'schedule', detail: `cron ${YEARLY}, missed runs: run once`, nextRunAt: expect.any(String) }
    ])
  })

  it('reports a bad expression without throwing, and shows it in status', () => {
    const db = database(['wf'])
    const { manager, start, errors } = harness(db, () => scheduled('run-once', '0 25 * * *'))
    expect(() => manager.sync()).not.toThrow()
    expect(start).not.toHaveBeenCalled()
    expect(errors).toHaveLength(1)
    expect(errors[0]!.where).toBe('schedule trigger of workflow "Daily digest"')
    expect(message(errors[0]!.err)).toMatch(/Invalid value for hour: 25/)
    expect(manager.status()[0]).toMatchObject({ workflowId: 'wf', kind: 'schedule', error: expect.stringMatching(/not a valid cron/) })
  })

  it('reports a run that cannot start instead of throwing', async () => {
    const db = database(['wf'])
    setLastFired(db, 'wf', new Date(NOW.getTime() - 800 * DAY))
    const { manager, start, errors } = harness(db, () => scheduled('run-once'))
    start.mockRejectedValueOnce(new Error('the workflow does not validate'))
    expect(() => manager.sync()).not.toThrow()
    await vi.waitFor(() => expect(errors.map((e) => message(e.err))).toEqual(['the workflow does not validate']))
  })
})

describe('file-watch triggers', () => {
  const watching = (folder: string, pattern?: string): TriggerWorkflow[] => [
    { id: 'wf', name: 'Summarize notes', triggers: triggers({ watch: { folder, ...(pattern ? { pattern } : {}) } }) }
  ]
  const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, WATCH_DEBOUNCE_MS * 3))

  it('starts exactly one run per saved file, with its absolute path as input file', async () => {
    const folder = tempDir()
    const file = path.join(folder, 'note.md')
    fs.writeFileSync(file, 'draft')
    const { manager, start } = harness(database(['wf']), () => watching(folder))
    manager.sync()
    // An editor's save: several writes, each seen by the watcher as its own change.
    for (const text of ['one', 'two', 'three']) {
      fs.writeFileSync(file, text)
      for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve))
    }
    await vi.waitFor(() => expect(start).toHaveBeenCalled(), { timeout: 10_000 })
    await settle()
    // The last save's text comes along, so a workflow can use the note itself.
    expect(start.mock.calls).toEqual([['wf', { file, content: 'three' }, 'watch']])
    expect(manager.status()).toEqual([{ workflowId: 'wf', kind: 'watch', detail: `watching ${folder}` }])
  })

  it('starts runs only for files matching the pattern, in subfolders too', async () => {
    const folder = tempDir()
    fs.mkdirSync(path.join(folder, 'sub'))
    const { manager, start } = harness(database(['wf']), () => watching(folder, '*.md'))
    manager.sync()
    fs.writeFileSync(path.join(folder, 'skip.txt'), 'no')
    fs.writeFileSync(path.join(folder, '.hidden.md'), 'no')
    const nested = path.join(folder, 'sub', 'deep.md')
    fs.writeFileSync(nested, 'yes')
    await vi.waitFor(() => expect(start).toHaveBeenCalled(), { timeout: 10_000 })
    await settle()
    expect(start.mock.calls).toEqual([['wf', { file: nested, content: 'yes' }, 'watch']])
  })

  it('reports a folder that does not exist without crashing', () => {
    const folder = path.join(tempDir(), 'missing')
    const { manager, errors } = harness(database(['wf']), () => watching(folder))
    expect(() => manager.sync()).not.toThrow()
    expect(errors).toHaveLength(1)
    expect(message(errors[0]!.err)).toBe(
      `Workflow "Summarize notes" watches ${folder}, which does not exist: create it or choose another folder, then save the workflow.`
    )
    expect(manager.status()).toEqual([{ workflowId: 'wf', kind: 'watch', detail: `watching ${folder}`, error: message(errors[0]!.err) }])
  })
})

describe('event triggers', () => {
  const event = { topic: 'breaker.transition', payload: { key: 'openai/gpt-4o', to: 'open' }, offset: 7, at: NOW.toISOString() }

  it('registers one durable subscriber per workflow with an event trigger and runs with the event', async () => {
    const list: TriggerWorkflow[] = [
      { id: 'on-breaker', name: 'Alert', triggers: triggers({ event: { pattern: 'breaker.*' } }) },
      { id: 'plain', name: 'Plain', triggers: triggers({}) }
    ]
    const { manager, start, subscriptions } = harness(database([]), () => list)
    manager.sync()
    manager.sync()
    expect(subscriptions.map((s) => [s.name, s.pattern])).toEqual([['workflow-trigger:on-breaker', 'breaker.*']])
    await subscriptions[0]!.handler(event)
    expect(start).toHaveBeenCalledWith('on-breaker', { event }, 'event')
  })

  it('leaves a failed start to the durable subscriber, and ignores its own runs', async () => {
    const list: TriggerWorkflow[] = [{ id: 'wf', name: 'Watcher', triggers: triggers({ event: { pattern: 'workflow.*' } }) }]
    const { manager, start, subscriptions } = harness(database([]), () => list)
    manager.sync()
    const handler = subscriptions[0]!.handler
    await handler({ ...event, topic: 'workflow.run', payload: { workflowId: 'wf', status: 'succeeded' } })
    expect(start).not.toHaveBeenCalled()
    start.mockRejectedValueOnce(new Error('busy'))
    await expect(handler({ ...event, topic: 'workflow.run', payload: { workflowId: 'other' } })).rejects.toThrow('busy')
  })

  it('reports a pattern that is not a topic pattern', () => {
    const list: TriggerWorkflow[] = [{ id: 'wf', name: 'Bad', triggers: triggers({ event: { pattern: 'breaker.*.open' } }) }]
    const { manager, subscriptions, errors } = harness(database([]), () => list)
    manager.sync()
    expect(subscriptions).toHaveLength(0)
    expect(message(errors[0]?.err)).toMatch(/"breaker\.\*\.open", which is not an event pattern/)
  })
})

describe('sync', () => {
  it('disarms the triggers of deleted workflows and re-arms changed ones', () => {
    const folder = tempDir()
    let list: TriggerWorkflow[] = [
      { id: 'a', name: 'A', triggers: triggers({ event: { pattern: 'breaker.*' }, watch: { folder } }) },
      { id: 'b', name: 'B', triggers: triggers({ schedule: { cron: YEARLY, missed: 'skip' } }) }
    ]
    const { manager, subscriptions } = harness(database(['a', 'b']), () => list)
    manager.sync()
    expect(manager.status().map((s) => `${s.workflowId}:${s.kind}`)).toEqual(['a:watch', 'a:event', 'b:schedule'])

    list = [{ id: 'a', name: 'A', triggers: triggers({ event: { pattern: 'routing.*' } }) }]
    manager.sync()
    expect(manager.status().map((s) => `${s.workflowId}:${s.kind}`)).toEqual(['a:event'])
    expect(subscriptions.map((s) => s.pattern)).toEqual(['breaker.*', 'routing.*'])
    expect(subscriptions[0]!.unsubscribe).toHaveBeenCalledTimes(1)

    list = []
    manager.sync()
    expect(manager.status()).toEqual([])
    expect(subscriptions[1]!.unsubscribe).toHaveBeenCalledTimes(1)
  })

  it('does nothing after stop()', () => {
    const list: TriggerWorkflow[] = [{ id: 'a', name: 'A', triggers: triggers({ event: { pattern: 'breaker.*' } }) }]
    const { manager, subscriptions } = harness(database([]), () => list)
    manager.stop()
    manager.sync()
    expect(subscriptions).toHaveLength(0)
    expect(manager.status()).toEqual([])
  })
})
