/**
 * KeytarStore against the REAL Secret Service (gnome-keyring on a private D-Bus session; see
 * .ci/run), cross-checked with libsecret's own `secret-tool`. keytar files each item under the
 * schema org.freedesktop.Secret.Generic with attributes service=NEXUS and account=<account>, and
 * matches the schema when reading. Without a keychain these tests skip, saying why, unless
 * NEXUS_REQUIRE_KEYCHAIN=1 (CI): then they run and fail.
 */
import { execFile } from 'node:child_process'
import crypto from 'node:crypto'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { chooseSecretStore, KeytarStore, SECRET_SERVICE } from '../../../src/main/core/secrets'
import { tempDir } from '../../helpers/tmp'
import { FakeEncryptor, openSecretsDb } from '../../helpers/fakes'
import { filesContaining, sentinelKey } from '../../helpers/leak-scan'

const run = promisify(execFile)
const required = process.env.NEXUS_REQUIRE_KEYCHAIN === '1'
const problem = await new KeytarStore({ probeTimeoutMs: 5000 }).unavailableReason()
const skip = problem !== null && !required
const title = skip
  ? `real keychain: SKIPPED, no Secret Service answers (${problem}); run inside dbus-run-session with gnome-keyring, or set NEXUS_REQUIRE_KEYCHAIN=1 to fail instead`
  : 'real keychain (Secret Service)'
if (skip) console.warn(`[secrets] ${title}`)

/** A per-run provider id, so parallel or interrupted runs never share items. */
const run_id = crypto.randomBytes(6).toString('hex')
const account = (key: string): string => `provider:nexus-test-${run_id}:${key}`
const written: string[] = []

/** libsecret's own lookup; null when no item matches (secret-tool exits 1). */
async function secretToolLookup(acct: string): Promise<string | null> {
  try {
    const { stdout } = await run('secret-tool', ['lookup', 'service', SECRET_SERVICE, 'account', acct])
    return stdout.replace(/\n$/, '')
  } catch (err) {
    if ((err as { code?: unknown }).code === 1) return null
    throw err
  }
}

describe.skipIf(skip)(title, () => {
  const store = new KeytarStore({ probeTimeoutMs: 5000 })

  afterAll(async () => {
    for (const acct of written) await store.delete(acct).catch(() => false)
  })

  it('answers the probe', async () => {
    expect(await store.unavailableReason()).toBeNull()
    expect(await store.available()).toBe(true)
  })

  it('stores a key that secret-tool finds under service NEXUS and the account', async () => {
    const acct = account('k1')
    const secret = sentinelKey()
    written.push(acct)
    await store.set(acct, secret)
    expect(await secretToolLookup(acct)).toBe(secret)
    expect(await store.get(acct)).toBe(secret)
    const { stdout } = await run('secret-tool', ['search', '--all', 'service', SECRET_SERVICE, 'account', acct])
    expect(stdout).toContain(`label = NEXUS/${acct}`)
    expect(stdout).toContain('schema = org.freedesktop.Secret.Generic')
  })

  it('reads a key written by secret-tool with the same attributes', async () => {
    const acct = account('from-secret-tool')
    const secret = sentinelKey()
    written.push(acct)
    const attributes = ['xdg:schema', 'org.freedesktop.Secret.Generic', 'service', SECRET_SERVICE, 'account', acct]
    const child = execFile('secret-tool', ['store', '--label', `NEXUS/${acct}`, ...attributes])
    const done = new Promise<number | null>((resolve) => {
      child.on('exit', resolve)
      child.on('error', () => resolve(-1)) // secret-tool missing
    })
    child.stdin?.on('error', () => {}) // it may exit before reading
    child.stdin?.end(secret)
    expect(await done).toBe(0)
    expect(await store.get(acct)).toBe(secret)
  })

  it('overwrites, deletes, and reports what it deleted', async () => {
    const acct = account('k2')
    written.push(acct)
    await store.set(acct, sentinelKey())
    const replacement = sentinelKey()
    await store.set(acct, replacement)
    expect(await store.get(acct)).toBe(replacement)
    expect(await secretToolLookup(acct)).toBe(replacement)
    expect(await store.delete(acct)).toBe(true)
    expect(await store.get(acct)).toBeNull()
    expect(await secretToolLookup(acct)).toBeNull()
    expect(await store.delete(acct)).toBe(false)
  })

  it('is what chooseSecretStore picks in every mode when NEXUS_REQUIRE_KEYCHAIN=1', async () => {
    const dir = tempDir()
    const db = openSecretsDb(dir)
    try {
      const env = { ...process.env, NEXUS_REQUIRE_KEYCHAIN: '1' }
      for (const mode of ['desktop', 'headless', 'cli'] as const) {
        const encryptor = new FakeEncryptor()
        const { store: chosen, notice } = await chooseSecretStore({ mode, env, encryptor, db, probeTimeoutMs: 5000 })
        expect(chosen.backend).toBe('keychain')
        expect(notice).toBeNull()
        const acct = account(`chosen-${mode}`)
        const secret = sentinelKey()
        written.push(acct)
        await chosen.set(acct, secret)
        expect(await secretToolLookup(acct)).toBe(secret)
        expect(encryptor.encrypted).toBe(0)
        expect(filesContaining(dir, secret)).toEqual([])
      }
    } finally {
      db.close()
    }
  })
})
