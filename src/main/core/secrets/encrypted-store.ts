import type Database from 'better-sqlite3'
import { NexusError } from '../../../shared/errors'
import { ENCRYPTED_SECRETS_TABLE } from './schema'
import { checkAccount, checkSecret, type Encryptor, type SecretStore } from './types'

/**
 * safeStorage backends that do not really encrypt: 'basic_text' is Chromium's fixed-key
 * obfuscation on a Linux desktop without a keyring; 'unknown' is what Electron reports before
 * the app is ready, when we cannot tell it is not basic_text.
 */
const WEAK_BACKENDS = new Set(['basic_text', 'unknown'])

const KEYRING_HINT =
  'Install and unlock GNOME Keyring or KWallet (or start NEXUS with --password-store=gnome-libsecret), ' +
  'or set the key in the environment (OPENAI_API_KEY, ANTHROPIC_API_KEY) instead.'

interface Row {
  ciphertext: Buffer
  backend: string
}

/**
 * The desktop fallback when the keychain does not answer: keys encrypted by Electron's
 * safeStorage, ciphertext kept in the encrypted_secrets table (this class is its owner).
 */
export class EncryptedStore implements SecretStore {
  readonly backend = 'encrypted' as const

  constructor(
    private readonly db: Database.Database,
    private readonly encryptor: Encryptor
  ) {}

  async available(): Promise<boolean> {
    return this.unavailableReason() === null
  }

  /** Null when keys can be stored safely; else why not (without the hint on what to do). */
  unavailableReason(): string | null {
    let ok: boolean
    let backend: string
    try {
      ok = this.encryptor.isEncryptionAvailable()
      backend = this.encryptor.backend()
    } catch (err) {
      return `Electron safeStorage failed (${(err as Error).message})`
    }
    if (!ok) return 'Electron safeStorage cannot encrypt on this system'
    if (WEAK_BACKENDS.has(backend)) {
      return (
        `Electron safeStorage has no keyring here (backend "${backend}"), so NEXUS refuses to ` +
        'store API keys on disk: they would only be obfuscated, not encrypted'
      )
    }
    return null
  }

  async get(account: string): Promise<string | null> {
    checkAccount(account)
    const row = this.db
      .prepare(`SELECT ciphertext, backend FROM ${ENCRYPTED_SECRETS_TABLE} WHERE account = ?`)
      .get(account) as Row | undefined
    if (!row) return null
    this.ensureUsable()
    try {
      return this.encryptor.decrypt(row.ciphertext)
    } catch {
      throw new NexusError(
        'UNAVAILABLE',
        `The stored key ${account} could not be decrypted (it was encrypted with "${row.backend}", ` +
          `now "${this.encryptor.backend()}"). Enter the key again in Settings > Providers.`
      )
    }
  }

  async set(account: string, secret: string): Promise<void> {
    checkAccount(account)
    checkSecret(secret)
    this.ensureUsable()
    const ciphertext = this.encryptor.encrypt(secret)
    // Guard against an encryptor that only pretends: the key must not be readable in the file.
    // (Below 8 bytes a match in random ciphertext could be chance; real keys are far longer.)
    const plain = Buffer.from(secret, 'utf8')
    if (!Buffer.isBuffer(ciphertext) || (plain.length >= 8 && ciphertext.includes(plain))) {
      throw new NexusError(
        'UNAVAILABLE',
        `Electron safeStorage returned the key unencrypted, so NEXUS did not store it. ${KEYRING_HINT}`
      )
    }
    this.db
      .prepare(
        `INSERT INTO ${ENCRYPTED_SECRETS_TABLE} (account, ciphertext, backend, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(account) DO UPDATE SET ciphertext = excluded.ciphertext,
           backend = excluded.backend, updated_at = excluded.updated_at`
      )
      .run(account, ciphertext, this.encryptor.backend(), new Date().toISOString())
  }

  /** Works even without encryption: removing ciphertext never needs the key. */
  async delete(account: string): Promise<boolean> {
    checkAccount(account)
    const result = this.db.prepare(`DELETE FROM ${ENCRYPTED_SECRETS_TABLE} WHERE account = ?`).run(account)
    return result.changes > 0
  }

  private ensureUsable(): void {
    const reason = this.unavailableReason()
    if (reason !== null) throw new NexusError('UNAVAILABLE', `${reason}. ${KEYRING_HINT}`)
  }
}
