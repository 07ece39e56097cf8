import { randomBytes } from 'node:crypto'
import { constantTimeEqual } from '../main/core/secrets/helpers'

export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

/** Compared in constant time, so response timing says nothing about the token. */
export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  return typeof given === 'string' && constantTimeEqual(expected, given)
}
