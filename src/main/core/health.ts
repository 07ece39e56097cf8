import type { Health } from '../../shared/contract'
import type { Db } from './db/connection'

type Check = Health['checks'][number]

function probe(name: string, run: () => string): Check {
  try {
    return { name, status: 'ok', detail: run() }
  } catch (err) {
    return { name, status: 'down', detail: err instanceof Error ? err.message : String(err) }
  }
}

/** A snapshot of the core's health; later subsystems (providers, breakers) add their checks. */
export function healthSnapshot(db: Db, runningJobs: number, startedAt: number): Health {
  const checks: Check[] = [
    probe('database', () => {
      db.prepare('SELECT 1').get()
      return `schema ${String(db.pragma('user_version', { simple: true }))}, WAL`
    }),
    probe('sqlite-vec', () => {
      const row = db.prepare('SELECT vec_version() AS v').get() as { v: string }
      return `loaded ${row.v}`
    }),
    { name: 'jobs', status: 'ok', detail: `${runningJobs} running` }
  ]
  const memory = process.memoryUsage()
  const status = checks.some((c) => c.status === 'down')
    ? 'down'
    : checks.some((c) => c.status === 'degraded')
      ? 'degraded'
      : 'ok'
  return {
    status,
    checkedAt: new Date().toISOString(),
    uptimeSeconds: (Date.now() - startedAt) / 1000,
    memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed },
    checks
  }
}
