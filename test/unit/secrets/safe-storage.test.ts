/**
 * src/main/secrets.ts maps Electron's safeStorage onto the core's Encryptor. There is no
 * Electron binary here, so `electron` is a small stub whose safeStorage records its calls.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { EncryptedStore } from '../../../src/main/core/secrets'
import { createSafeStorageEncryptor } from '../../../src/main/secrets'

const safeStorage = vi.hoisted(() => ({
  available: true,
  selected: 'gnome_libsecret' as string,
  isEncryptionAvailable: vi.fn(function (this: void) {
    return safeStorage.available
  }),
  getSelectedStorageBackend: vi.fn(() => safeStorage.selected),
  // Reversible but not plaintext, like the real thing from the caller's point of view.
  encryptString: vi.fn((text: string) => Buffer.from(`v11${Buffer.from(text).toString('hex')}`)),
  decryptString: vi.fn((buf: Buffer) => Buffer.from(buf.subarray(3).toString(), 'hex').toString())
}))

vi.mock('electron', () => ({ safeStorage }))

beforeEach(() => {
  safeStorage.available = true
  safeStorage.selected = 'gnome_libsecret'
  vi.clearAllMocks()
})

describe('createSafeStorageEncryptor', () => {
  it('uses electron.safeStorage by default and maps each call', () => {
    const encryptor = createSafeStorageEncryptor(undefined, 'linux')
    expect(encryptor.isEncryptionAvailable()).toBe(true)
    expect(encryptor.backend()).toBe('gnome_libsecret')
    const cipher = encryptor.encrypt('sk-abc')
    expect(safeStorage.encryptString).toHaveBeenCalledWith('sk-abc')
    expect(cipher.toString()).not.toContain('sk-abc')
    expect(encryptor.decrypt(cipher)).toBe('sk-abc')
    expect(safeStorage.decryptString).toHaveBeenCalledWith(cipher)
  })

  it('reports basic_text on Linux without a keyring, and the core then refuses to store', async () => {
    safeStorage.selected = 'basic_text'
    const encryptor = createSafeStorageEncryptor(undefined, 'linux')
    expect(encryptor.backend()).toBe('basic_text')
    const db = { prepare: vi.fn() }
    const store = new EncryptedStore(db as never, encryptor)
    expect(await store.available()).toBe(false)
    await expect(store.set('provider:openai:k1', 'sk-0123456789abcdef')).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('backend "basic_text"')
    })
    expect(safeStorage.encryptString).not.toHaveBeenCalled()
    expect(db.prepare).not.toHaveBeenCalled()
  })

  it('asks getSelectedStorageBackend only on Linux, where it exists', () => {
    expect(createSafeStorageEncryptor(undefined, 'darwin').backend()).toBe('macos_keychain')
    expect(createSafeStorageEncryptor(undefined, 'win32').backend()).toBe('dpapi')
    expect(createSafeStorageEncryptor(undefined, 'freebsd').backend()).toBe('unknown')
    expect(safeStorage.getSelectedStorageBackend).not.toHaveBeenCalled()
  })

  it('passes "encryption unavailable" through', () => {
    safeStorage.available = false
    expect(createSafeStorageEncryptor(undefined, 'win32').isEncryptionAvailable()).toBe(false)
  })
})
