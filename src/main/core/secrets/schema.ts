/**
 * The table EncryptedStore owns, created by a numbered migration in db/migrations.ts. Once that
 * migration has shipped this SQL is frozen: a change needs a new migration, not an edit here.
 * No imports besides types, so the migrations can depend on this file without a cycle.
 */
import type Database from 'better-sqlite3'

export const ENCRYPTED_SECRETS_TABLE = 'encrypted_secrets'

/**
 * One row per account. `ciphertext` is what safeStorage produced (never the key itself);
 * `backend` records which safeStorage backend encrypted it, to explain a failed decrypt later.
 */
export const ENCRYPTED_SECRETS_SQL = `
  CREATE TABLE ${ENCRYPTED_SECRETS_TABLE} (
    account TEXT PRIMARY KEY,
    ciphertext BLOB NOT NULL,
    backend TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT;
`

export function createEncryptedSecretsTable(db: Database.Database): void {
  db.exec(ENCRYPTED_SECRETS_SQL)
}
