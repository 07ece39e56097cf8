import type Database from 'better-sqlite3'
import type { AppInfo } from '../../../shared/contract'
import { NexusError } from '../../../shared/errors'
import { EncryptedStore } from './encrypted-store'
import { ENV_KEY_VARIABLES, EnvironmentStore } from './environment-store'
import { KeytarStore, type KeytarStoreOptions } from './keytar-store'
import type { Encryptor, SecretStore } from './types'

export interface ChooseSecretStoreOptions {
  mode: AppInfo['mode']
  /** keytar itself or a loader for it; default require('keytar'). */
  keytar?: KeytarStoreOptions['keytar']
  /** Electron safeStorage (desktop only). */
  encryptor?: Encryptor
  /** Holds the encrypted_secrets table (desktop only). */
  db?: Database.Database
  env: NodeJS.ProcessEnv
  /** Fail instead of falling back; default: env.NEXUS_REQUIRE_KEYCHAIN === '1' (CI). */
  requireKeychain?: boolean
  probeTimeoutMs?: number
  /** Provider id => environment variable of its key; default ENV_KEY_VARIABLES. */
  envVariables?: Readonly<Record<string, string>>
}

export interface SecretStoreChoice {
  store: SecretStore
  /** Why a fallback is in use, for the log and Settings; null when the keychain answered. */
  notice: string | null
}

/**
 * Picks where keys live (DESIGN.md section 4): the OS keychain when it answers; else, in the
 * desktop app, safeStorage-encrypted values unless its backend is basic_text; else environment
 * variables only. Never a plain-text key file. `provider:<id>:env` accounts always read the
 * environment, so `OPENAI_API_KEY=... nexus chat` works whatever the store.
 */
export async function chooseSecretStore(options: ChooseSecretStoreOptions): Promise<SecretStoreChoice> {
  const variables = options.envVariables ?? ENV_KEY_VARIABLES
  const requireKeychain = options.requireKeychain ?? options.env.NEXUS_REQUIRE_KEYCHAIN === '1'
  const keychain = new KeytarStore({ keytar: options.keytar, probeTimeoutMs: options.probeTimeoutMs })
  const keychainProblem = await keychain.unavailableReason()
  if (keychainProblem === null) {
    return { store: new EnvOverlay(keychain, new EnvironmentStore(options.env, variables)), notice: null }
  }
  if (requireKeychain) {
    throw new NexusError(
      'UNAVAILABLE',
      `NEXUS_REQUIRE_KEYCHAIN=1 is set, but the system keychain does not answer: ${keychainProblem}. ` +
        'Start and unlock a Secret Service (for example `dbus-run-session` with ' +
        '`gnome-keyring-daemon --unlock --components=secrets`), or unset NEXUS_REQUIRE_KEYCHAIN.'
    )
  }
  const noKeychain = `The system keychain does not answer (${keychainProblem})`

  if (options.mode === 'desktop' && options.encryptor && options.db) {
    const encrypted = new EncryptedStore(options.db, options.encryptor)
    const encryptionProblem = encrypted.unavailableReason()
    if (encryptionProblem === null) {
      return {
        store: new EnvOverlay(encrypted, new EnvironmentStore(options.env, variables)),
        notice: `${noKeychain}; API keys are stored encrypted by Electron safeStorage.`
      }
    }
    const why = `${noKeychain}. ${encryptionProblem}`
    return {
      store: new EnvironmentStore(options.env, variables, why),
      notice: `${why}. API keys are read from environment variables only.`
    }
  }
  return {
    store: new EnvironmentStore(options.env, variables, noKeychain),
    notice: `${noKeychain}; API keys are read from environment variables only.`
  }
}

/** A writable store, with env accounts answered (read-only) by the environment. */
class EnvOverlay implements SecretStore {
  readonly backend: SecretStore['backend']

  constructor(
    private readonly primary: SecretStore,
    private readonly environment: EnvironmentStore
  ) {
    this.backend = primary.backend
  }

  available(): Promise<boolean> {
    return this.primary.available()
  }

  get(account: string): Promise<string | null> {
    return this.pick(account).get(account)
  }

  set(account: string, secret: string): Promise<void> {
    return this.pick(account).set(account, secret)
  }

  delete(account: string): Promise<boolean> {
    return this.pick(account).delete(account)
  }

  private pick(account: string): SecretStore {
    return this.environment.handles(account) ? this.environment : this.primary
  }
}
