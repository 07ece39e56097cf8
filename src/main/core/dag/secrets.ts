/**
 * Workflow secrets, referenced as {{secret.NAME}}. The values live in the SecretStore (the OS
 * keychain, or safeStorage-encrypted) under `workflow:<NAME>`; the table workflow_secrets,
 * owned here, holds only names and dates, so listing never touches a value.
 */
import { SECRET_NAME } from '../../../shared/schemas/workflows'
import { NexusError } from '../../../shared/errors'
import { sql, type Db } from '../db/connection'
import type { SecretStore } from '../secrets/types'
import { missingSecret } from './template'

export interface SecretInfo {
  name: string
  updatedAt: string
}

function account(name: string): string {
  if (!SECRET_NAME.test(name)) {
    throw new NexusError('BAD_REQUEST', `"${name}" is not a secret name: use a letter or _ followed by letters, digits or _ (up to 64).`)
  }
  return `workflow:${name}`
}

export class WorkflowSecrets {
  constructor(
    private readonly db: Db,
    /** The store is chosen at start-up (the keychain may take a moment to answer). */
    private readonly store: () => Promise<SecretStore>
  ) {}

  list(): SecretInfo[] {
    return sql(this.db, 'SELECT name, updated_at AS updatedAt FROM workflow_secrets ORDER BY name').all() as SecretInfo[]
  }

  /** Stores (or replaces) a value; the name is recorded only once the store has it. */
  async set(name: string, value: string): Promise<SecretInfo> {
    const key = account(name)
    if (value.trim() === '') throw new NexusError('BAD_REQUEST', `The value of ${name} is empty.`)
    const store = await this.store()
    if (store.backend === 'environment') {
      throw new NexusError(
        'UNAVAILABLE',
        'No keychain answers, so NEXUS has nowhere safe to keep workflow secrets (it never writes them to a plain file). ' +
          'Unlock a system keychain (Linux: GNOME Keyring or KWallet with an unlocked login collection) and restart NEXUS.'
      )
    }
    await store.set(key, value)
    const updatedAt = new Date().toISOString()
    sql(this.db, 'INSERT INTO workflow_secrets (name, updated_at) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET updated_at = excluded.updated_at').run(name, updatedAt)
    return { name, updatedAt }
  }

  async delete(name: string): Promise<boolean> {
    const key = account(name)
    const store = await this.store()
    const stored = store.backend === 'environment' ? false : await store.delete(key)
    const listed = sql(this.db, 'DELETE FROM workflow_secrets WHERE name = ?').run(name).changes > 0
    return stored || listed
  }

  /** The values of the named secrets, for one run or tool call; a missing one is an error naming it. */
  async resolve(names: readonly string[]): Promise<Map<string, string>> {
    const values = new Map<string, string>()
    if (names.length === 0) return values
    const store = await this.store()
    for (const name of new Set(names)) {
      const value = await store.get(account(name))
      if (value === null) throw missingSecret(name)
      values.set(name, value)
    }
    return values
  }
}
