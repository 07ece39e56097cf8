/**
 * EncryptedStore against the core's real SQLite file (WAL) in a temp dir, with an Encryptor that
 * really encrypts: keys round-trip, only ciphertext reaches the disk, basic_text is refused.
 */
import { describe, expect, it } from 'vitest'
import type { Db } from '../../../src/main/core/db/connection'
import { EncryptedStore, ENCRYPTED_SECRETS_TABLE, type Encryptor } from '../../../src/main/core/secrets'
import { tempDir } from '../../helpers/tmp'
import { FakeEncryptor, openSecretsDb } from '../../helpers/fakes'
import { filesContaining, leaksIn, sentinelKey } from '../../helpers/leak-scan'

const ACCOUNT = 'provider:openai:k1'

function withStore<T>(encryptor: Encryptor, run: (store: EncryptedStore, db: Db, dir: string) => Promise<T>): Promise<T> {
  const dir = tempDir()
  const db = openSecretsDb(dir)
  return run(new EncryptedStore(db, encryptor), db, dir).finally(() => db.close())
}

describe('EncryptedStore', () => {
  it('round-trips keys through encryption and overwrites in place', async () => {
    await withStore(new FakeEncryptor(), async (store, db) => {
      expect(store.backend).toBe('encrypted')
      expect(await store.available()).toBe(true)
      expect(await store.get(ACCOUNT)).toBeNull()
      const first = sentinelKey()
      const second = sentinelKey()
      await store.set(ACCOUNT, first)
      expect(await store.get(ACCOUNT)).toBe(first)
      await store.set(ACCOUNT, second)
      expect(await store.get(ACCOUNT)).toBe(second)
      expect(db.prepare(`SELECT count(*) AS n FROM ${ENCRYPTED_SECRETS_TABLE}`).get()).toEqual({ n: 1 })
      expect(await store.delete(ACCOUNT)).toBe(true)
      expect(await store.delete(ACCOUNT)).toBe(false)
      expect(await store.get(ACCOUNT)).toBeNull()
    })
  })

  it('stores only ciphertext: not in the row, not in any file of the data dir (db, WAL)', async () => {
    await withStore(new FakeEncryptor(), async (store, db, dir) => {
      const secret = sentinelKey()
      await store.set(ACCOUNT, secret)
      await store.set('provider:anthropic:k2', sentinelKey())
      const row = db.prepare(`SELECT ciphertext, backend FROM ${ENCRYPTED_SECRETS_TABLE} WHERE account = ?`).get(ACCOUNT) as {
        ciphertext: Buffer
        backend: string
      }
      expect(row.backend).toBe('gnome_libsecret')
      expect(leaksIn(row.ciphertext, secret)).toEqual([])
      expect(filesContaining(dir, secret)).toEqual([])
      db.pragma('wal_checkpoint(TRUNCATE)')
      expect(filesContaining(dir, secret)).toEqual([])
    })
  })

  it.each(['basic_text', 'unknown'])('refuses to store anything when safeStorage reports %s', async (backend) => {
    await withStore(new FakeEncryptor(backend), async (store, db, dir) => {
      const secret = sentinelKey()
      expect(await store.available()).toBe(false)
      const err = await store.set(ACCOUNT, secret).catch((e: unknown) => e)
      expect(err).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining(`backend "${backend}"`) })
      expect((err as Error).message).toMatch(/GNOME Keyring or KWallet/)
      expect((err as Error).message).not.toContain(secret)
      expect(db.prepare(`SELECT count(*) AS n FROM ${ENCRYPTED_SECRETS_TABLE}`).get()).toEqual({ n: 0 })
      expect(filesContaining(dir, secret)).toEqual([])
    })
  })

  it('refuses when encryption is unavailable, and when the encryptor hands back the plaintext', async () => {
    await withStore(new FakeEncryptor('gnome_libsecret', false), async (store) => {
      await expect(store.set(ACCOUNT, sentinelKey())).rejects.toMatchObject({
        code: 'UNAVAILABLE',
        message: expect.stringContaining('cannot encrypt')
      })
    })
    const identity: Encryptor = {
      isEncryptionAvailable: () => true,
      backend: () => 'kwallet5',
      encrypt: (text) => Buffer.from(`v11${text}`),
      decrypt: (buf) => buf.subarray(3).toString()
    }
    await withStore(identity, async (store, _db, dir) => {
      const secret = sentinelKey()
      await expect(store.set(ACCOUNT, secret)).rejects.toMatchObject({ code: 'UNAVAILABLE' })
      expect(filesContaining(dir, secret)).toEqual([])
    })
  })

  it('explains a key that no longer decrypts (other OS key), and can still delete it', async () => {
    const dir = tempDir()
    const db = openSecretsDb(dir)
    try {
      await new EncryptedStore(db, new FakeEncryptor()).set(ACCOUNT, sentinelKey())
      const other = new EncryptedStore(db, new FakeEncryptor('kwallet5'))
      await expect(other.get(ACCOUNT)).rejects.toMatchObject({
        code: 'UNAVAILABLE',
        message: expect.stringMatching(/could not be decrypted.*"gnome_libsecret".*"kwallet5".*Settings > Providers/)
      })
      expect(await new EncryptedStore(db, new FakeEncryptor('basic_text')).delete(ACCOUNT)).toBe(true)
    } finally {
      db.close()
    }
  })

  it('rejects bad accounts and empty or huge keys without echoing them', async () => {
    await withStore(new FakeEncryptor(), async (store) => {
      await expect(store.set('provider:openai:k1\n', 'sk-abcdefghijkl')).rejects.toMatchObject({ code: 'BAD_REQUEST' })
      await expect(store.set(ACCOUNT, '   ')).rejects.toMatchObject({ code: 'BAD_REQUEST' })
      const huge = 'x'.repeat(20_000)
      const err = (await store.set(ACCOUNT, huge).catch((e: unknown) => e)) as Error
      expect(err).toMatchObject({ code: 'BAD_REQUEST' })
      expect(err.message).not.toContain('xxxxxxxx')
    })
  })
})
