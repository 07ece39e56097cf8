import { NexusError } from '../../../shared/errors'
import { checkAccount, parseProviderAccount, providerAccount, type SecretStore } from './types'

/** The key id of a provider configured from the environment: `provider:openai:env`. */
export const ENV_KEY_ID = 'env'

/** Variables the official SDKs already read, by provider id. */
export const ENV_KEY_VARIABLES: Readonly<Record<string, string>> = {
  openai: 'OPENAI_API_KEY',
  anthropic: 'ANTHROPIC_API_KEY'
}

export function envAccount(providerId: string): string {
  return providerAccount(providerId, ENV_KEY_ID)
}

/** The environment variable behind an account, or null when the account is not an env one. */
export function envVariableFor(
  account: string,
  variables: Readonly<Record<string, string>> = ENV_KEY_VARIABLES
): string | null {
  const parsed = parseProviderAccount(account)
  if (!parsed || parsed.keyId !== ENV_KEY_ID) return null
  return Object.hasOwn(variables, parsed.providerId) ? (variables[parsed.providerId] ?? null) : null
}

/**
 * Read-only: answers `provider:<id>:env` from the variable the provider's SDK knows. It is the
 * whole store when no keychain answers in headless mode and the CLI, so writes explain how to
 * get a writable store instead of silently keeping the key somewhere weaker.
 */
export class EnvironmentStore implements SecretStore {
  readonly backend = 'environment' as const

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly variables: Readonly<Record<string, string>> = ENV_KEY_VARIABLES,
    /** Why no writable store is in use, repeated in write errors. */
    private readonly why = 'No system keychain is available'
  ) {}

  async available(): Promise<boolean> {
    return true
  }

  /** Whether this account is an env one (answered here whatever the main store is). */
  handles(account: string): boolean {
    return envVariableFor(account, this.variables) !== null
  }

  async get(account: string): Promise<string | null> {
    checkAccount(account)
    const variable = envVariableFor(account, this.variables)
    const value = variable ? this.env[variable]?.trim() : undefined
    return value ? value : null
  }

  /** Env accounts whose variable is set now: the providers to configure from the environment. */
  accounts(): string[] {
    return Object.entries(this.variables)
      .filter(([, variable]) => Boolean(this.env[variable]?.trim()))
      .map(([providerId]) => envAccount(providerId))
  }

  async set(account: string, _secret: string): Promise<void> {
    checkAccount(account)
    throw this.readOnly(account)
  }

  async delete(account: string): Promise<boolean> {
    checkAccount(account)
    throw this.readOnly(account)
  }

  private readOnly(account: string): NexusError {
    const variable = envVariableFor(account, this.variables)
    if (variable) {
      return new NexusError(
        'BAD_REQUEST',
        `This key comes from the ${variable} environment variable: change or unset it there, then restart NEXUS.`
      )
    }
    const known = Object.values(this.variables).join(', ')
    return new NexusError(
      'UNAVAILABLE',
      `${this.why}. NEXUS cannot store keys: set the provider's key in the environment NEXUS ` +
        `runs in (${known}), or unlock a system keychain (Linux: gnome-keyring with an unlocked ` +
        'login collection) and restart NEXUS.'
    )
  }
}
