/**
 * Test doubles for the secret stores: an Encryptor that really encrypts (AES-256-GCM with a key
 * held in memory, like safeStorage's OS-protected key) and keytar stand-ins.
 */
import crypto from 'node:crypto'
import path from 'node:path'
import type { Db } from '../../src/main/core/db/connection'
import { openDatabase } from '../../src/main/core/db/connection'
import { createEncryptedSecretsTable, ENCRYPTED_SECRETS_TABLE } from '../../src/main/core/secrets'
import type { Encryptor, KeytarLike } from '../../src/main/core/secrets'

export class FakeEncryptor implements Encryptor {
  private readonly key = crypto.randomBytes(32)
  encrypted = 0

  constructor(
    public backendName = 'gnome_libsecret',
    public encryptionAvailable = true
  ) {}

  isEncryptionAvailable(): boolean {
    return this.encryptionAvailable
  }

  backend(): string {
    return this.backendName
  }

  encrypt(text: string): Buffer {
    this.encrypted++
    const iv = crypto.randomBytes(12)
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv)
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()])
    return Buffer.concat([Buffer.from('v10'), iv, cipher.getAuthTag(), body])
  }

  decrypt(buf: Buffer): string {
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, buf.subarray(3, 15))
    decipher.setAuthTag(buf.subarray(15, 31))
    return Buffer.concat([decipher.update(buf.subarray(31)), decipher.final()]).toString('utf8')
  }
}

/** An in-memory keychain that answers, recording every call (never the passwords). */
export function memoryKeytar(): KeytarLike & { calls: string[]; items: Map<string, string> } {
  const items = new Map<string, string>()
  const calls: string[] = []
  const key = (service: string, account: string): string => `${service}\u0000${account}`
  return {
    items,
    calls,
    getPassword: async (service, account) => {
      calls.push(`get ${service} ${account}`)
      return items.get(key(service, account)) ?? null
    },
    setPassword: async (service, account, password) => {
      calls.push(`set ${service} ${account}`)
      items.set(key(service, account), password)
    },
    deletePassword: async (service, account) => {
      calls.push(`delete ${service} ${account}`)
      return items.delete(key(service, account))
    },
    findCredentials: async (service) =>
      [...items].filter(([k]) => k.startsWith(`${service}\u0000`)).map(([k, password]) => ({
        account: k.slice(service.length + 1),
        password
      }))
  }
}

/** keytar as it behaves on a Linux box with no session bus: every call rejects. */
export function noBusKeytar(): KeytarLike {
  const fail = async (): Promise<never> => {
    throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')
  }
  return { getPassword: fail, setPassword: fail, deletePassword: fail, findCredentials: fail }
}

/** keytar missing or built for another ABI: loading it throws. */
export function missingKeytar(): never {
  throw new Error("Cannot find module 'keytar'")
}

/** The core's real database (WAL, migrations) in `dir`, with the encrypted_secrets table. */
export function openSecretsDb(dir: string): Db {
  const db = openDatabase(path.join(dir, 'nexus.db'))
  const exists = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(ENCRYPTED_SECRETS_TABLE)
  if (!exists) createEncryptedSecretsTable(db)
  return db
}
