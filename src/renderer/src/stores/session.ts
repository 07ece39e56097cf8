import type { NexusClient } from '../../../shared/client'
import type { AppClient } from '../api/client'

/**
 * The one client of this window. Set once by the connection store when the app starts; the
 * other stores reach the core through `client()`.
 */
let current: AppClient | null = null

export function setAppClient(app: AppClient): void {
  current = app
}

export function appClient(): AppClient | null {
  return current
}

export function client(): NexusClient {
  if (!current) throw new Error('The NEXUS client is not started yet.')
  return current.client
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
