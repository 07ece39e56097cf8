import { DEFAULT_SETTINGS, Settings, SettingsPatch } from '../../../shared/contract'
import type { Db } from '../db/connection'
import type { z } from 'zod'

/** Owner of the `settings` table: one row per setting, values stored as JSON. */
export class SettingsStore {
  constructor(private readonly db: Db) {}

  get(): Settings {
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as {
      key: string
      value: string
    }[]
    const stored: Record<string, unknown> = {}
    for (const row of rows) {
      if (Object.hasOwn(DEFAULT_SETTINGS, row.key)) stored[row.key] = JSON.parse(row.value)
    }
    // A value written by another version that no longer fits falls back to its default.
    const parsed = Settings.safeParse({ ...DEFAULT_SETTINGS, ...stored })
    if (parsed.success) return parsed.data
    const fallback: Record<string, unknown> = { ...DEFAULT_SETTINGS }
    for (const [key, value] of Object.entries(stored)) {
      if (Settings.safeParse({ ...fallback, [key]: value }).success) fallback[key] = value
    }
    return Settings.parse(fallback)
  }

  /** Applies a validated patch in one transaction and returns the settings after it. */
  set(patch: z.output<typeof SettingsPatch>): Settings {
    const upsert = this.db.prepare(
      `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`
    )
    const now = new Date().toISOString()
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(patch)) {
        if (value !== undefined) upsert.run(key, JSON.stringify(value), now)
      }
    })()
    return this.get()
  }
}
