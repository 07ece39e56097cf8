import { createRequire } from 'node:module'
import { NexusError } from '../../../shared/errors'
import { checkAccount, checkSecret, SECRET_SERVICE, type KeytarLike, type SecretStore } from './types'

export interface KeytarStoreOptions {
  /** The module itself, or a loader (Electron's ABI copy, a test stub); default require('keytar'). */
  keytar?: KeytarLike | (() => KeytarLike)
  service?: string
  /** How long the one-time probe may take before the keychain counts as not answering. */
  probeTimeoutMs?: number
  /** Upper bound for one operation; an unlock prompt may be waiting for the user. */
  operationTimeoutMs?: number
}

/** An account nobody writes: looking it up proves the keychain answers without reading keys. */
const PROBE_ACCOUNT = 'nexus:probe'

const UNLOCK_HINT =
  'Unlock the system keychain (Linux: GNOME Keyring or KWallet with an unlocked login collection), ' +
  'or set the provider key in the environment (OPENAI_API_KEY, ANTHROPIC_API_KEY).'

/**
 * keytar is an optional dependency: it may be missing, built for another ABI, or find no Secret
 * Service on the bus. A name the bundler cannot follow keeps it out of the bundle, so it is
 * loaded from node_modules at run time (asar-unpacked in a packaged app).
 */
function loadKeytar(): KeytarLike {
  const name = 'keytar'
  const load = typeof require === 'function' ? require : createRequire(import.meta.url)
  return load(name) as KeytarLike
}

function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms)
    timer.unref()
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** The OS keychain through keytar: macOS Keychain, Windows Credential Manager, Secret Service. */
export class KeytarStore implements SecretStore {
  readonly backend = 'keychain' as const
  private readonly service: string
  private readonly probeTimeoutMs: number
  private readonly operationTimeoutMs: number
  private module: KeytarLike | null = null
  private probe: Promise<string | null> | null = null

  constructor(private readonly options: KeytarStoreOptions = {}) {
    this.service = options.service ?? SECRET_SERVICE
    this.probeTimeoutMs = options.probeTimeoutMs ?? 3000
    this.operationTimeoutMs = options.operationTimeoutMs ?? 60_000
  }

  async available(): Promise<boolean> {
    return (await this.unavailableReason()) === null
  }

  /** Null when the keychain answers; else why not. Probed once, then remembered. */
  unavailableReason(): Promise<string | null> {
    this.probe ??= (async () => {
      try {
        const keytar = this.load()
        await withTimeout(keytar.getPassword(this.service, PROBE_ACCOUNT), this.probeTimeoutMs, 'The keychain')
        return null
      } catch (err) {
        return reasonOf(err)
      }
    })()
    return this.probe
  }

  async get(account: string): Promise<string | null> {
    checkAccount(account)
    return this.run('read a key from', (k) => k.getPassword(this.service, account))
  }

  async set(account: string, secret: string): Promise<void> {
    checkAccount(account)
    checkSecret(secret)
    await this.run('store a key in', (k) => k.setPassword(this.service, account, secret))
  }

  async delete(account: string): Promise<boolean> {
    checkAccount(account)
    return this.run('delete a key from', (k) => k.deletePassword(this.service, account))
  }

  private load(): KeytarLike {
    if (this.module) return this.module
    const injected = this.options.keytar
    try {
      this.module = typeof injected === 'function' ? injected() : (injected ?? loadKeytar())
    } catch (err) {
      throw new Error(`the keytar module could not be loaded (${reasonOf(err)})`)
    }
    return this.module
  }

  /** Runs one keychain call; failures become UNAVAILABLE with what to do. Keys never appear. */
  private async run<T>(what: string, call: (keytar: KeytarLike) => Promise<T>): Promise<T> {
    try {
      return await withTimeout(call(this.load()), this.operationTimeoutMs, 'The keychain')
    } catch (err) {
      throw new NexusError('UNAVAILABLE', `NEXUS could not ${what} the system keychain: ${reasonOf(err)}. ${UNLOCK_HINT}`)
    }
  }
}
