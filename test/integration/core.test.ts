import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createCore, DATABASE_FILE, type Core } from '../../src/main/core'
import { migrate, MIGRATIONS } from '../../src/main/core/db/migrations'
import { LOCK_FILE } from '../../src/main/core/lock'
import { DEFAULT_SETTINGS, type Job } from '../../src/shared/contract'
import { tempDir } from '../helpers/tmp'

function open(dataDir: string): Core {
  return createCore({ dataDir, mode: 'cli', version: '9.9.9' })
}

describe('createCore against a real SQLite file', () => {
  it('opens the database in WAL mode with foreign keys, sqlite-vec and the latest schema', () => {
    const dir = tempDir()
    const core = open(dir)
    try {
      expect(core.db.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(core.db.pragma('foreign_keys', { simple: true })).toBe(1)
      expect(core.db.pragma('busy_timeout', { simple: true })).toBe(5000)
      const info = core.info()
      expect(info).toMatchObject({
        version: '9.9.9',
        mode: 'cli',
        dataDir: dir,
        databasePath: path.join(dir, DATABASE_FILE),
        schemaVersion: MIGRATIONS.at(-1)!.version,
        sqliteVecVersion: expect.stringMatching(/^v\d/)
      })
      expect(info.databaseSizeBytes).toBeGreaterThan(0)
      const distance = core.db.prepare("SELECT vec_distance_l2('[1,2]', '[1,5]') AS d").get() as { d: number }
      expect(distance.d).toBe(3)
    } finally {
      core.close()
    }
  })

  it('keeps settings across a restart and announces changes on the bus', () => {
    const dir = tempDir()
    const first = open(dir)
    const changes: string[] = []
    first.bus.subscribe('settings.changed', (s) => changes.push(s.theme))
    first.setSettings({ theme: 'dark' })
    first.close()
    const second = open(dir)
    try {
      expect(second.settings.get()).toMatchObject({ theme: 'dark', activityPanelOpen: false })
      expect(changes).toEqual(['dark'])
    } finally {
      second.close()
    }
  })

  it('falls back to the default for a stored setting that no longer fits the schema', () => {
    const dir = tempDir()
    const core = open(dir)
    try {
      core.db
        .prepare("INSERT INTO settings (key, value, updated_at) VALUES ('theme', '\"neon\"', 'now')")
        .run()
      core.setSettings({ activityPanelOpen: true })
      expect(core.settings.get()).toMatchObject({ theme: 'system', activityPanelOpen: true })
    } finally {
      core.close()
    }
  })

  it('reports health with the database and sqlite-vec checks', () => {
    const core = open(tempDir())
    try {
      const health = core.health()
      expect(health.status).toBe('ok')
      expect(health.checks.map((c) => c.name)).toEqual(['database', 'sqlite-vec', 'jobs'])
    } finally {
      core.close()
    }
  })

  it('runs the integrity check as a job that reports over the bus', async () => {
    const core = open(tempDir())
    try {
      const updates: Job[] = []
      core.bus.subscribe('jobs.updated', (job) => updates.push(job))
      const job = core.checkDatabase()
      await expect.poll(() => core.jobs.list().find((j) => j.id === job.id)?.state).toBe('succeeded')
      expect(updates.at(-1)).toMatchObject({ id: job.id, state: 'succeeded', message: 'No problems found' })
    } finally {
      core.close()
    }
  })
})

describe('data dir lock', () => {
  it('refuses a second core on the same data dir with a clear message, and frees it on close', () => {
    const dir = tempDir()
    const first = open(dir)
    expect(() => open(dir)).toThrow(expect.objectContaining({
      code: 'DATA_DIR_LOCKED',
      message: expect.stringContaining(`already running on ${dir} (pid ${process.pid}`)
    }))
    first.close()
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false)
    open(dir).close()
  })

  it('takes over a lock left behind by a process that died', () => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 7, mode: 'headless', startedAt: 'x' }))
    open(dir).close()
  })
})

describe('bad database files', () => {
  it('refuses a file that is not a database, naming it, and leaves it untouched', () => {
    const dir = tempDir()
    const file = path.join(dir, DATABASE_FILE)
    const garbage = Buffer.from('this is not an SQLite file at all, just some text '.repeat(100))
    fs.writeFileSync(file, garbage)
    expect(() => open(dir)).toThrow(expect.objectContaining({
      code: 'DATABASE_CORRUPT',
      message: expect.stringContaining(file)
    }))
    expect(fs.readFileSync(file).equals(garbage)).toBe(true)
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false)
  })

  it('refuses a database from a newer NEXUS and does not touch it', () => {
    const dir = tempDir()
    const file = path.join(dir, DATABASE_FILE)
    const db = new Database(file)
    db.pragma('user_version = 999')
    db.close()
    expect(() => open(dir)).toThrow(expect.objectContaining({
      code: 'DATABASE_TOO_NEW',
      message: expect.stringMatching(/schema version 999.*Update NEXUS/)
    }))
    const after = new Database(file)
    expect(after.pragma('user_version', { simple: true })).toBe(999)
    after.close()
  })
})

describe('migrations', () => {
  it('rolls back a failing migration entirely, leaving the previous schema version', () => {
    const dir = tempDir()
    const file = path.join(dir, 'm.db')
    const db = new Database(file)
    const broken = [
      ...MIGRATIONS,
      {
        version: MIGRATIONS.length + 1,
        name: 'half-done',
        up: (d: Database.Database) => {
          d.exec('CREATE TABLE half_done (id INTEGER)')
          d.exec('THIS IS NOT SQL')
        }
      }
    ]
    expect(() => migrate(db, file, broken)).toThrow()
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined()
    db.close()
  })
})

describe('settings patches', () => {
  it('change only the fields they name', () => {
    const core = open(tempDir())
    try {
      core.setSettings({ theme: 'dark' })
      expect(core.setSettings({ activityPanelOpen: true })).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', activityPanelOpen: true })
      expect(core.setSettings({ routingPreference: 'local' })).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', activityPanelOpen: true, routingPreference: 'local' })
    } finally {
      core.close()
    }
  })
})
