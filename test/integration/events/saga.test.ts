import { describe, expect, it } from 'vitest'
import type { SagaStep } from '../../../src/main/core/events/saga'
import { tempDir } from '../../helpers/tmp'
import { deferred, openEvents, type Opened } from './open'

interface Booking {
  order: string
  flight?: string
  hotel?: string
}

/** Three steps that record what they do and undo; `fail` names a step that throws. */
function booking(log: string[], fail?: string): SagaStep<Booking>[] {
  const step = (name: 'flight' | 'hotel' | 'charge'): SagaStep<Booking> => ({
    name,
    run: async (data) => {
      log.push(`run ${name}`)
      if (name === fail) throw new Error(`${name} refused`)
      return name === 'charge' ? undefined : { ...data, [name]: `${name}-for-${data.order}` }
    },
    compensate: (data) => {
      log.push(`undo ${name} ${JSON.stringify(data)}`)
    }
  })
  return [step('flight'), step('hotel'), step('charge')]
}

function define(app: Opened, steps: SagaStep<Booking>[]): void {
  app.events.sagas.define('book', steps)
}

describe('sagas', () => {
  it('runs every step, passing on the data each returns, and stores the progress', async () => {
    const app = openEvents(tempDir())
    try {
      const log: string[] = []
      define(app, booking(log))
      const outcome = await app.events.sagas.start('book', { order: 'o1' })
      expect(outcome).toEqual({ id: expect.any(String), status: 'succeeded', error: null })
      expect(log).toEqual(['run flight', 'run hotel', 'run charge'])
      expect(app.events.sagas.list()).toEqual([
        { id: outcome.id, name: 'book', status: 'succeeded', completed: ['flight', 'hotel', 'charge'], error: null, startedAt: expect.any(String), updatedAt: expect.any(String) }
      ])
      const row = app.db.prepare('SELECT data FROM sagas WHERE id = ?').get(outcome.id) as { data: string }
      expect(JSON.parse(row.data)).toEqual({ order: 'o1', flight: 'flight-for-o1', hotel: 'hotel-for-o1' })
    } finally {
      app.close()
    }
  })

  it('compensates the completed steps in reverse order when a step fails', async () => {
    const app = openEvents(tempDir())
    try {
      const log: string[] = []
      define(app, booking(log, 'charge'))
      const outcome = await app.events.sagas.start('book', { order: 'o2' })
      expect(outcome).toMatchObject({ status: 'compensated', error: 'charge refused' })
      const data = JSON.stringify({ order: 'o2', flight: 'flight-for-o2', hotel: 'hotel-for-o2' })
      expect(log).toEqual(['run flight', 'run hotel', 'run charge', `undo hotel ${data}`, `undo flight ${data}`])
      expect(app.events.sagas.list()[0]).toMatchObject({ status: 'compensated', completed: [], error: 'charge refused' })
    } finally {
      app.close()
    }
  })

  it('ends failed when a compensation throws, and recover() finishes the undo later', async () => {
    const dir = tempDir()
    const first = openEvents(dir)
    const log: string[] = []
    const steps = booking(log, 'charge')
    steps[0]!.compensate = () => {
      throw new Error('airline offline')
    }
    define(first, steps)
    const outcome = await first.events.sagas.start('book', { order: 'o3' })
    expect(outcome).toEqual({ id: outcome.id, status: 'failed', error: 'charge refused; then undoing "flight" failed: airline offline' })
    expect(first.events.sagas.list()[0]).toMatchObject({ status: 'failed', completed: ['flight'] })
    first.close()

    const second = openEvents(dir)
    try {
      const later: string[] = []
      define(second, booking(later))
      expect(await second.events.sagas.recover()).toEqual([{ id: outcome.id, status: 'compensated', error: 'charge refused' }])
      expect(later).toEqual([`undo flight ${JSON.stringify({ order: 'o3', flight: 'flight-for-o3', hotel: 'hotel-for-o3' })}`])
      expect(await second.events.sagas.recover()).toEqual([])
    } finally {
      second.close()
    }
  })

  it('compensates, after a restart, the completed steps of a saga interrupted mid-step', async () => {
    const dir = tempDir()
    const first = openEvents(dir)
    const log: string[] = []
    const reached = deferred()
    const steps = booking(log)
    // The hotel step starts and never ends: the process dies during it.
    steps[1]!.run = () => {
      reached.resolve()
      return new Promise(() => {})
    }
    define(first, steps)
    void first.events.sagas.start('book', { order: 'o4' }).catch(() => {})
    await reached.promise
    expect(first.events.sagas.list()[0]).toMatchObject({ status: 'running', completed: ['flight'] })
    first.close()

    const second = openEvents(dir)
    try {
      const after: string[] = []
      define(second, booking(after))
      const [outcome, ...rest] = await second.events.sagas.recover()
      expect(rest).toEqual([])
      expect(outcome).toMatchObject({ status: 'compensated', error: 'NEXUS stopped while the saga was running' })
      // Only the flight was done; the hotel step never completed, so it is not undone.
      expect(after).toEqual([`undo flight ${JSON.stringify({ order: 'o4', flight: 'flight-for-o4' })}`])
      expect(second.events.sagas.list()[0]).toMatchObject({ status: 'compensated', completed: [] })
    } finally {
      second.close()
    }
  })

  it('leaves sagas of an undefined name for later and refuses to start one', async () => {
    const app = openEvents(tempDir())
    try {
      app.db
        .prepare(`INSERT INTO sagas VALUES ('s1', 'gone', 'running', '{}', '["a"]', NULL, '2030-01-01T00:00:00Z', '2030-01-01T00:00:00Z')`)
        .run()
      expect(await app.events.sagas.recover()).toEqual([])
      expect(app.events.sagas.list()[0]).toMatchObject({ id: 's1', status: 'running' })
      await expect(app.events.sagas.start('gone', {})).rejects.toThrow(/No saga named "gone"/)
    } finally {
      app.close()
    }
  })

  it('compensates when the caller aborts, and aborts its steps when the core closes', async () => {
    const app = openEvents(tempDir())
    const log: string[] = []
    const steps = booking(log)
    steps[1]!.run = (_data, signal) =>
      new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }))
    define(app, steps)
    const controller = new AbortController()
    const cancelled = app.events.sagas.start('book', { order: 'o5' }, controller.signal)
    await new Promise((resolve) => setImmediate(resolve))
    controller.abort(new Error('user cancelled'))
    expect(await cancelled).toMatchObject({ status: 'compensated', error: 'user cancelled' })
    expect(log).toEqual(['run flight', `undo flight ${JSON.stringify({ order: 'o5', flight: 'flight-for-o5' })}`])

    const closing = app.events.sagas.start('book', { order: 'o6' })
    await new Promise((resolve) => setImmediate(resolve))
    app.close()
    await expect(closing).rejects.toThrow(/undone at the next start/)
  })
})
