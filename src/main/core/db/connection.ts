import Database from 'better-sqlite3'
import * as sqliteVec from 'sqlite-vec'
import { NexusError } from '../../../shared/errors'
import { migrate } from './migrations'

export type Db = Database.Database

export interface OpenOptions {
  /** Path of a better_sqlite3.node built for another ABI (the Electron copy). */
  nativeBinding?: string
}

/**
 * sqlite-vec's library cannot be loaded from inside an asar archive; in a packaged app it is
 * unpacked next to it (electron-builder's asarUnpack).
 */
export function sqliteVecPath(): string {
  return sqliteVec.getLoadablePath().replace(/app\.asar([\\/])/, 'app.asar.unpacked$1')
}

/**
 * Opens the database: WAL, foreign keys, busy timeout, sqlite-vec, then migrations. A file that
 * is not a readable SQLite database, or one written by a newer NEXUS, is refused with a message
 * naming the file and what to do.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  let db: Db | undefined
  try {
    db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
    db.pragma('journal_mode = WAL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    db.pragma('synchronous = NORMAL')
    db.loadExtension(sqliteVecPath())
    const check = db.pragma('quick_check', { simple: true })
    if (check !== 'ok') throw corrupt(file, String(check))
    migrate(db, file)
    return db
  } catch (err) {
    db?.close()
    if (err instanceof NexusError) throw err
    const reason = err instanceof Error ? err.message : String(err)
    const code = (err as { code?: unknown }).code
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') throw corrupt(file, reason)
    throw new NexusError('INTERNAL', `Could not open the database ${file}: ${reason}`, { file })
  }
}

function corrupt(file: string, reason: string): NexusError {
  return new NexusError(
    'DATABASE_CORRUPT',
    `The database ${file} cannot be read (${reason}). Restore it from a backup, or move it ` +
      'away to start with an empty database.',
    { file }
  )
}

const statements = new WeakMap<Db, Map<string, Database.Statement>>()

/**
 * A prepared statement, compiled once per connection and reused: preparing costs more than
 * running most of our queries, and hot paths (sending a message) run a dozen of them.
 */
export function sql(db: Db, text: string): Database.Statement {
  let cache = statements.get(db)
  if (!cache) statements.set(db, (cache = new Map()))
  let statement = cache.get(text)
  if (!statement) cache.set(text, (statement = db.prepare(text)))
  return statement
}
