/**
 * chooseSecretStore per mode when the keychain is missing (keytar stubs that throw, reject or
 * hang), with the core's real database in a temp dir for the desktop fallback.
 */
import { describe, expect, it } from 'vitest'
import type { Db } from '../../../src/main/core/db/connection'
import { chooseSecretStore, type ChooseSecretStoreOptions, type KeytarLike } from '../../../src/main/core/secrets'
import { tempDir } from '../../helpers/tmp'
import { FakeEncryptor, memoryKeytar, missingKeytar, noBusKeytar, openSecretsDb } from '../../helpers/fakes'
import { filesContaining, sentinelKey } from '../../helpers/leak-scan'

const ACCOUNT = 'provider:openai:k1'

async function withDb<T>(run: (db: Db, dir: string) => Promise<T>): Promise<T> {
  const dir = tempDir()
  const db = openSecretsDb(dir)
  try {
    return await run(db, dir)
  } finally {
    db.close()
  }
}

function options(extra: Partial<ChooseSecretStoreOptions>): ChooseSecretStoreOptions {
  return { mode: 'desktop', env: {}, requireKeychain: false, keytar: missingKeytar, ...extra }
}

describe('chooseSecretStore when the keychain does not answer', () => {
  it('desktop: falls back to safeStorage-encrypted values, and no file in the data dir holds the key', async () => {
    await withDb(async (db, dir) => {
      const encryptor = new FakeEncryptor()
      const { store, notice } = await chooseSecretStore(options({ keytar: noBusKeytar(), encryptor, db }))
      expect(store.backend).toBe('encrypted')
      expect(notice).toMatch(/keychain does not answer \(Cannot autolaunch D-Bus.*stored encrypted by Electron safeStorage/)
      const secret = sentinelKey()
      await store.set(ACCOUNT, secret)
      expect(await store.get(ACCOUNT)).toBe(secret)
      expect(encryptor.encrypted).toBe(1)
      expect(filesContaining(dir, secret)).toEqual([])
      db.pragma('wal_checkpoint(TRUNCATE)')
      expect(filesContaining(dir, secret)).toEqual([])
    })
  })

  it('desktop with basic_text or no encryption: environment only, and writes are refused', async () => {
    for (const encryptor of [new FakeEncryptor('basic_text'), new FakeEncryptor('gnome_libsecret', false)]) {
      await withDb(async (db, dir) => {
        const env = { OPENAI_API_KEY: 'sk-from-env-0123456789' }
        const { store, notice } = await chooseSecretStore(options({ encryptor, db, env }))
        expect(store.backend).toBe('environment')
        expect(notice).toMatch(/keytar module could not be loaded.*safeStorage.*environment variables only/)
        expect(await store.get('provider:openai:env')).toBe('sk-from-env-0123456789')
        const secret = sentinelKey()
        await expect(store.set(ACCOUNT, secret)).rejects.toMatchObject({
          code: 'UNAVAILABLE',
          message: expect.stringMatching(/OPENAI_API_KEY.*unlock a system keychain/)
        })
        expect(filesContaining(dir, secret)).toEqual([])
        expect(encryptor.encrypted).toBe(0)
      })
    }
  })

  it.each(['headless', 'cli'] as const)('%s: environment only, even with an encryptor at hand', async (mode) => {
    await withDb(async (db) => {
      const encryptor = new FakeEncryptor()
      const env = { ANTHROPIC_API_KEY: ' sk-ant-env-0123456789 \n' }
      const { store, notice } = await chooseSecretStore(options({ mode, keytar: noBusKeytar(), encryptor, db, env }))
      expect(store.backend).toBe('environment')
      expect(notice).toMatch(/environment variables only/)
      expect(await store.get('provider:anthropic:env')).toBe('sk-ant-env-0123456789')
      expect(await store.get(ACCOUNT)).toBeNull()
      await expect(store.set(ACCOUNT, sentinelKey())).rejects.toMatchObject({ code: 'UNAVAILABLE' })
      expect(encryptor.encrypted).toBe(0)
    })
  })

  it('a keychain probe that hangs counts as not answering after the probe timeout', async () => {
    const hanging: KeytarLike = { ...noBusKeytar(), getPassword: () => new Promise(() => {}) }
    const { store, notice } = await chooseSecretStore(options({ mode: 'cli', keytar: hanging, probeTimeoutMs: 50 }))
    expect(store.backend).toBe('environment')
    expect(notice).toMatch(/did not answer within 50 ms/)
  })

  it('NEXUS_REQUIRE_KEYCHAIN=1 turns every fallback into a clear error', async () => {
    await withDb(async (db) => {
      for (const keytar of [missingKeytar, noBusKeytar()]) {
        const explicit = chooseSecretStore(options({ keytar, encryptor: new FakeEncryptor(), db, requireKeychain: true }))
        await expect(explicit).rejects.toMatchObject({
          code: 'UNAVAILABLE',
          message: expect.stringMatching(/NEXUS_REQUIRE_KEYCHAIN=1 is set, but the system keychain does not answer.*gnome-keyring-daemon/)
        })
        const fromEnv = { mode: 'headless' as const, keytar, env: { NEXUS_REQUIRE_KEYCHAIN: '1' } }
        await expect(chooseSecretStore(fromEnv)).rejects.toMatchObject({ code: 'UNAVAILABLE' })
      }
    })
  })
})

describe('chooseSecretStore when the keychain answers', () => {
  it.each(['desktop', 'headless', 'cli'] as const)('%s: uses the keychain under service NEXUS', async (mode) => {
    await withDb(async (db) => {
      const keytar = memoryKeytar()
      const encryptor = new FakeEncryptor()
      const { store, notice } = await chooseSecretStore(options({ mode, keytar, encryptor, db }))
      expect(store.backend).toBe('keychain')
      expect(notice).toBeNull()
      await store.set(ACCOUNT, 'sk-keychain-0123456789')
      expect(keytar.items.get(`NEXUS\u0000${ACCOUNT}`)).toBe('sk-keychain-0123456789')
      expect(await store.get(ACCOUNT)).toBe('sk-keychain-0123456789')
      expect(encryptor.encrypted).toBe(0)
    })
  })

  it('still answers env accounts from the environment, read-only', async () => {
    const keytar = memoryKeytar()
    const env = { OPENAI_API_KEY: 'sk-env-0123456789' }
    const { store } = await chooseSecretStore(options({ mode: 'cli', keytar, env }))
    expect(await store.get('provider:openai:env')).toBe('sk-env-0123456789')
    await expect(store.set('provider:openai:env', 'sk-other-0123456789')).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('OPENAI_API_KEY environment variable')
    })
    await expect(store.delete('provider:openai:env')).rejects.toMatchObject({ code: 'BAD_REQUEST' })
    expect(keytar.calls.filter((c) => !c.includes('nexus:probe'))).toEqual([])
  })
})
