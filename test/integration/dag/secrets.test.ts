/**
 * Workflow secrets against the real database and a real KeytarStore (over an in-memory keytar):
 * values go to the store only, names and dates to SQLite, and nothing hands a value back but resolve().
 */
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../../src/main/core/db/connection'
import { WorkflowSecrets } from '../../../src/main/core/dag/secrets'
import { secretHandlers } from '../../../src/main/core/dag/tools/handlers'
import { EnvironmentStore, KeytarStore, type SecretStore } from '../../../src/main/core/secrets'
import { memoryKeytar } from '../../helpers/fakes'
import { filesContaining, sentinelKey, valueLeaks } from '../../helpers/leak-scan'
import { tempDir } from '../../helpers/tmp'

const open: Db[] = []
afterEach(() => {
  for (const db of open.splice(0)) db.close()
})

function setup(store: SecretStore = new KeytarStore({ keytar: memoryKeytar() })): { db: Db; dir: string; secrets: WorkflowSecrets } {
  const dir = tempDir()
  const db = openDatabase(path.join(dir, 'nexus.db'))
  open.push(db)
  return { db, dir, secrets: new WorkflowSecrets(db, async () => store) }
}

const ctx = { signal: new AbortController().signal }

describe('WorkflowSecrets', () => {
  it('keeps the value in the keychain as workflow:<NAME>, and only the name and date in the database', async () => {
    const keytar = memoryKeytar()
    const { db, dir, secrets } = setup(new KeytarStore({ keytar }))
    const value = sentinelKey()
    const saved = await secrets.set('WEATHER_KEY', value)
    expect(saved).toEqual({ name: 'WEATHER_KEY', updatedAt: expect.any(String) })
    expect(keytar.items.get('NEXUS\u0000workflow:WEATHER_KEY')).toBe(value)
    expect(secrets.list()).toEqual([saved])
    expect((await secrets.resolve(['WEATHER_KEY'])).get('WEATHER_KEY')).toBe(value)
    db.pragma('wal_checkpoint(TRUNCATE)')
    expect(filesContaining(dir, value)).toEqual([])
  })

  it('replaces a value, and deletes it from both places', async () => {
    const { secrets } = setup()
    await secrets.set('TOKEN', 'first-value')
    const replaced = await secrets.set('TOKEN', 'second-value')
    expect(secrets.list()).toEqual([replaced])
    expect((await secrets.resolve(['TOKEN'])).get('TOKEN')).toBe('second-value')
    expect(await secrets.delete('TOKEN')).toBe(true)
    expect(secrets.list()).toEqual([])
    await expect(secrets.resolve(['TOKEN'])).rejects.toMatchObject({ code: 'BAD_REQUEST' })
    expect(await secrets.delete('TOKEN')).toBe(false)
  })

  it('names a missing secret and where to add it', async () => {
    const { secrets } = setup()
    await secrets.set('A', 'value-of-a')
    await expect(secrets.resolve(['A', 'MISSING'])).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'The secret {{secret.MISSING}} is not set: add it in Settings > Workflows > Secrets.'
    })
    expect(await secrets.resolve([])).toEqual(new Map())
  })

  it('refuses to store when only the environment is available, recording nothing', async () => {
    const { secrets } = setup(new EnvironmentStore({}))
    await expect(secrets.set('TOKEN', 'some-value')).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('Unlock a system keychain')
    })
    expect(secrets.list()).toEqual([])
  })

  it('refuses names that cannot be written as {{secret.NAME}}', async () => {
    const { secrets } = setup()
    await expect(secrets.set('my key', 'v')).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('is not a secret name') })
    await expect(secrets.set('OK', '   ')).rejects.toMatchObject({ code: 'BAD_REQUEST' })
  })

  it('serves secrets.list/set/delete without ever returning a value', async () => {
    const { secrets } = setup()
    const handlers = secretHandlers(secrets)
    const value = sentinelKey()
    const replies = [
      await handlers['secrets.set']({ name: 'API_KEY', value }, ctx),
      await handlers['secrets.list'](undefined, ctx),
      await handlers['secrets.delete']({ name: 'API_KEY' }, ctx)
    ]
    expect(replies[1]).toEqual([{ name: 'API_KEY', updatedAt: expect.any(String) }])
    expect(replies[2]).toEqual({ deleted: true })
    for (const reply of replies) expect(valueLeaks(reply, value)).toEqual([])
  })
})
