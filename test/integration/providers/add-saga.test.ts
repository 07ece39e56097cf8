/**
 * Adding a provider with a key writes a row and a keychain entry, which cannot share a
 * transaction: it is a saga. A crash between the two leaves neither after the next start.
 */
import { describe, expect, it } from 'vitest'
import { createCore } from '../../../src/main/core'
import type { SecretStore } from '../../../src/main/core/secrets/types'
import { memoryKeytar } from '../../helpers/fakes'
import { tempDir } from '../../helpers/tmp'

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return
    await new Promise((r) => setTimeout(r, 10))
  }
  throw new Error(`timed out waiting for ${what}`)
}

describe('adding a provider is a saga', () => {
  it('a provider whose key was being stored when NEXUS died is removed at the next start', async () => {
    const dataDir = tempDir()
    // A keychain that never finishes writing: the process "dies" in the middle of the second step.
    const stuck: SecretStore = {
      backend: 'keychain',
      available: async () => true,
      get: async () => null,
      set: () => new Promise<void>(() => {}),
      delete: async () => true
    }
    const first = createCore({ dataDir, mode: 'headless', version: 'test', secretStore: stuck })
    void first.dispatch('providers.add', { kind: 'openai', name: 'Half added', apiKey: 'sk-half-added-0123456789' })
    await until(() => first.providers.list().some((p) => p.name === 'Half added'), 'the provider row')
    expect(first.events.sagas.list()[0]).toMatchObject({ name: 'provider.add', status: 'running', completed: ['record provider'] })
    first.close()

    const second = createCore({ dataDir, mode: 'headless', version: 'test', keytar: memoryKeytar() })
    try {
      await until(() => second.events.sagas.list()[0]?.status === 'compensated', 'the compensation')
      expect(second.providers.list().map((p) => p.name)).not.toContain('Half added')
      const row = second.db.prepare("SELECT data FROM sagas WHERE name = 'provider.add'").get() as { data: string }
      expect(row.data).not.toContain('sk-half-added')
    } finally {
      second.close()
    }
  })

  it('a key the keychain refuses leaves no provider behind, with the keychain\'s error', async () => {
    const refusing: SecretStore = {
      backend: 'keychain',
      available: async () => true,
      get: async () => null,
      set: async () => {
        throw Object.assign(new Error('The keychain is locked.'), { code: 'UNAVAILABLE' })
      },
      delete: async () => true
    }
    const core = createCore({ dataDir: tempDir(), mode: 'cli', version: 'test', secretStore: refusing })
    try {
      const result = await core.dispatch('providers.add', { kind: 'anthropic', name: 'Refused', apiKey: 'sk-ant-refused-0123456789' })
      expect(result).toMatchObject({ ok: false, error: { message: expect.stringContaining('The keychain is locked.') } })
      expect(core.providers.list().map((p) => p.name)).not.toContain('Refused')
      expect(core.events.sagas.list()[0]).toMatchObject({ name: 'provider.add', status: 'compensated' })
    } finally {
      core.close()
    }
  })
})
