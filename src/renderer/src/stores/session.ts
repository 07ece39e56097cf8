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

/**
 * The message to show for a failure: the core's normalized NexusError message, never a stack
 * or "[object Object]".
 */
export function errorMessage(err: unknown): string {
  if (err instanceof Error && err.message) return err.message
  if (typeof err === 'string' && err) return err
  if (err && typeof err === 'object' && 'message' in err && typeof err.message === 'string' && err.message) {
    return err.message
  }
  return 'Something went wrong, and the core did not say what.'
}
