import type Database from 'better-sqlite3'
import { NexusError } from '../../../shared/errors'

export interface Migration {
  version: number
  name: string
  up: (db: Database.Database) => void
}

/**
 * Numbered migrations, applied in order, each in its own transaction together with the
 * `user_version` bump, so a crash leaves the database at the previous version. Never edit a
 * migration that has shipped: add the next number.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'settings',
    up: (db) => {
      db.exec(`
        CREATE TABLE settings (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL CHECK (json_valid(value)),
          updated_at TEXT NOT NULL
        ) STRICT;
      `)
    }
  }
]

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number
}

export function migrate(
  db: Database.Database,
  file: string,
  migrations: readonly Migration[] = MIGRATIONS
): void {
  const current = schemaVersion(db)
  const latest = migrations[migrations.length - 1]?.version ?? 0
  if (current > latest) {
    throw new NexusError(
      'DATABASE_TOO_NEW',
      `The database ${file} has schema version ${current}, but this NEXUS only knows up to ` +
        `${latest}. Update NEXUS, or start it with another --data-dir.`,
      { file, schemaVersion: current, supported: latest }
    )
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue
    db.transaction(() => {
      migration.up(db)
      db.pragma(`user_version = ${migration.version}`)
    })()
  }
}
