import crypto from 'node:crypto'
import type { SecretStore } from './types'

/** Below this length, even four characters give away too much of the secret. */
const MIN_LENGTH_FOR_HINT = 12

/** The last four characters, for "sk-…abcd" hints; empty for short secrets. */
export function lastFour(secret: string): string {
  return secret.length >= MIN_LENGTH_FOR_HINT ? secret.slice(-4) : ''
}

/**
 * Compares tokens without leaking where they differ or how long they are: both sides are hashed
 * to the same length first, then compared with timingSafeEqual.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const ha = crypto.createHash('sha256').update(a, 'utf8').digest()
  const hb = crypto.createHash('sha256').update(b, 'utf8').digest()
  return crypto.timingSafeEqual(ha, hb) && a.length === b.length
}

/** What the renderer may know about a key: whether it is set and its last four characters. */
export async function secretStatus(
  store: SecretStore,
  account: string
): Promise<{ set: boolean; lastFour: string }> {
  const secret = await store.get(account)
  return secret === null ? { set: false, lastFour: '' } : { set: true, lastFour: lastFour(secret) }
}
