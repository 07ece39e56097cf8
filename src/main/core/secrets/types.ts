/**
 * Where API keys live. Keys are written and read only in main; the renderer sees at most
 * whether a key is set and its last four characters (see helpers.ts).
 */
import { NexusError } from '../../../shared/errors'

/** The keychain "service" every NEXUS secret is filed under. */
export const SECRET_SERVICE = 'NEXUS'

export type SecretBackend = 'keychain' | 'encrypted' | 'environment'

export interface SecretStore {
  readonly backend: SecretBackend
  /** Whether this store can be used right now (a keychain answers, encryption is real...). */
  available(): Promise<boolean>
  get(account: string): Promise<string | null>
  set(account: string, secret: string): Promise<void>
  /** True when something was deleted. */
  delete(account: string): Promise<boolean>
}

/**
 * Electron's safeStorage seen from the core (src/main/secrets.ts adapts it). `backend()` is
 * safeStorage's Linux backend name ('basic_text', 'gnome_libsecret', 'kwallet*', 'unknown'),
 * or the platform's store elsewhere.
 */
export interface Encryptor {
  isEncryptionAvailable(): boolean
  backend(): string
  encrypt(text: string): Buffer
  decrypt(buf: Buffer): string
}

/** The part of keytar we use; an injected module (Electron's copy, a test stub) fits it. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
  findCredentials(service: string): Promise<{ account: string; password: string }[]>
}

/** Accounts are `provider:<providerId>:<keyId>`; ids are slugs, so the format stays parseable. */
const ID = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/
const ACCOUNT = /^[A-Za-z0-9][A-Za-z0-9._@:-]{0,254}$/
export const MAX_SECRET_LENGTH = 16_384

export function providerAccount(providerId: string, keyId: string): string {
  if (!ID.test(providerId) || !ID.test(keyId)) {
    throw new NexusError(
      'BAD_REQUEST',
      'Provider and key ids may use letters, digits, ".", "_", "@" and "-" (up to 100 characters).'
    )
  }
  return `provider:${providerId}:${keyId}`
}

export function parseProviderAccount(account: string): { providerId: string; keyId: string } | null {
  const parts = account.split(':')
  if (parts.length !== 3 || parts[0] !== 'provider') return null
  const [, providerId = '', keyId = ''] = parts
  return ID.test(providerId) && ID.test(keyId) ? { providerId, keyId } : null
}

export function checkAccount(account: string): void {
  if (typeof account !== 'string' || !ACCOUNT.test(account)) {
    throw new NexusError(
      'BAD_REQUEST',
      'A secret account name must be like "provider:<providerId>:<keyId>" (letters, digits, ".", "_", "@", "-", ":").'
    )
  }
}

/** Never echoes the secret: the message only says what is wrong with it. */
export function checkSecret(secret: string): void {
  if (typeof secret !== 'string' || secret.trim() === '') {
    throw new NexusError('BAD_REQUEST', 'The API key is empty: paste the whole key.')
  }
  if (secret.length > MAX_SECRET_LENGTH) {
    throw new NexusError(
      'BAD_REQUEST',
      `The API key is ${secret.length} characters long; NEXUS accepts up to ${MAX_SECRET_LENGTH}. Check what was pasted.`
    )
  }
}
