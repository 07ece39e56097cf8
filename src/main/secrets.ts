/**
 * Electron's safeStorage as the core's Encryptor (the core never imports electron). The core
 * refuses to persist keys when the Linux backend is 'basic_text'; this file only reports it.
 */
import { safeStorage } from 'electron'
import type { Encryptor } from './core/secrets'

type SafeStorage = Pick<
  Electron.SafeStorage,
  'isEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptString' | 'decryptString'
>

/** What encrypts when the platform is not Linux (getSelectedStorageBackend is Linux-only). */
const PLATFORM_BACKEND: Partial<Record<NodeJS.Platform, string>> = {
  darwin: 'macos_keychain',
  win32: 'dpapi'
}

/** Call after app 'ready': before it, Linux reports the backend as 'unknown'. */
export function createSafeStorageEncryptor(
  storage: SafeStorage = safeStorage,
  platform: NodeJS.Platform = process.platform
): Encryptor {
  return {
    isEncryptionAvailable: () => storage.isEncryptionAvailable(),
    backend: () =>
      platform === 'linux' ? storage.getSelectedStorageBackend() : (PLATFORM_BACKEND[platform] ?? 'unknown'),
    encrypt: (text) => storage.encryptString(text),
    decrypt: (buf) => storage.decryptString(buf)
  }
}
