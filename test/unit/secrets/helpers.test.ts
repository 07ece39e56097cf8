/** Account names, key hints and constant-time comparison. */
import { describe, expect, it } from 'vitest'
import {
  checkAccount,
  constantTimeEqual,
  lastFour,
  parseProviderAccount,
  providerAccount,
  secretStatus,
  type SecretStore
} from '../../../src/main/core/secrets'

describe('secret helpers', () => {
  it('builds and parses provider accounts, refusing ids that would break the format', () => {
    expect(providerAccount('lmstudio-1', 'k_2')).toBe('provider:lmstudio-1:k_2')
    expect(parseProviderAccount('provider:lmstudio-1:k_2')).toEqual({ providerId: 'lmstudio-1', keyId: 'k_2' })
    expect(parseProviderAccount('provider:a:b:c')).toBeNull()
    expect(parseProviderAccount('gateway:a:b')).toBeNull()
    expect(() => providerAccount('a:b', 'k')).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }))
    expect(() => providerAccount('', 'k')).toThrow()
    expect(() => checkAccount('provider:x:y\u0000')).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }))
    expect(() => checkAccount('x'.repeat(256))).toThrow()
  })

  it('shows the last four characters only of keys long enough to spare them', () => {
    expect(lastFour('sk-proj-abcdefghWXYZ')).toBe('WXYZ')
    expect(lastFour('short-key')).toBe('')
    expect(lastFour('')).toBe('')
  })

  it('compares in constant time, including different lengths and prefixes', () => {
    expect(constantTimeEqual('token-abc', 'token-abc')).toBe(true)
    expect(constantTimeEqual('token-abc', 'token-abd')).toBe(false)
    expect(constantTimeEqual('token-abc', 'token-abc ')).toBe(false)
    expect(constantTimeEqual('', '')).toBe(true)
    expect(constantTimeEqual('', 'x')).toBe(false)
  })

  it('tells the renderer whether a key is set and its hint, never the key', async () => {
    const store = { get: async (a: string) => (a === 'provider:openai:k1' ? 'sk-0123456789abcdef' : null) } as SecretStore
    expect(await secretStatus(store, 'provider:openai:k1')).toEqual({ set: true, lastFour: 'cdef' })
    expect(await secretStatus(store, 'provider:openai:k2')).toEqual({ set: false, lastFour: '' })
  })
})
