/** KeytarStore with keytar stand-ins: lazy load, one probe with a timeout, typed errors. */
import { describe, expect, it, vi } from 'vitest'
import { KeytarStore, type KeytarLike } from '../../../src/main/core/secrets'

function stub(overrides: Partial<KeytarLike> = {}): KeytarLike & { [K in keyof KeytarLike]: ReturnType<typeof vi.fn> } {
  return {
    getPassword: vi.fn(async () => null),
    setPassword: vi.fn(async () => {}),
    deletePassword: vi.fn(async () => true),
    findCredentials: vi.fn(async () => []),
    ...overrides
  } as never
}

const SECRET = 'sk-unit-secret-0123456789abcdef'

describe('KeytarStore', () => {
  it('loads keytar only when first needed, and probes the keychain once', async () => {
    const keytar = stub()
    const loader = vi.fn(() => keytar)
    const store = new KeytarStore({ keytar: loader })
    expect(loader).not.toHaveBeenCalled()
    expect(await store.available()).toBe(true)
    expect(await store.available()).toBe(true)
    expect(loader).toHaveBeenCalledTimes(1)
    expect(keytar.getPassword).toHaveBeenCalledTimes(1)
    expect(keytar.getPassword).toHaveBeenCalledWith('NEXUS', 'nexus:probe')
  })

  it('files keys under service NEXUS and the account, and passes results through', async () => {
    const keytar = stub({ getPassword: vi.fn(async () => SECRET), deletePassword: vi.fn(async () => false) })
    const store = new KeytarStore({ keytar })
    await store.set('provider:openai:k1', SECRET)
    expect(keytar.setPassword).toHaveBeenCalledWith('NEXUS', 'provider:openai:k1', SECRET)
    expect(await store.get('provider:openai:k1')).toBe(SECRET)
    expect(keytar.getPassword).toHaveBeenLastCalledWith('NEXUS', 'provider:openai:k1')
    expect(await store.delete('provider:openai:k1')).toBe(false)
  })

  it('reports a missing module, a dead bus, and a hung probe as reasons, not crashes', async () => {
    const missing = new KeytarStore({
      keytar: () => {
        throw new Error("Cannot find module 'keytar'")
      }
    })
    expect(await missing.unavailableReason()).toMatch(/keytar module could not be loaded \(Cannot find module 'keytar'\)/)
    const noBus = new KeytarStore({ keytar: stub({ getPassword: vi.fn(async () => Promise.reject(new Error('Cannot autolaunch D-Bus'))) }) })
    expect(await noBus.unavailableReason()).toBe('Cannot autolaunch D-Bus')
    const hung = new KeytarStore({ keytar: stub({ getPassword: vi.fn(() => new Promise<null>(() => {})) }), probeTimeoutMs: 30 })
    expect(await hung.available()).toBe(false)
    expect(await hung.unavailableReason()).toMatch(/did not answer within 30 ms/)
  })

  it('turns keychain failures into UNAVAILABLE with what to do, never echoing the key', async () => {
    const keytar = stub({ setPassword: vi.fn(async () => Promise.reject(new Error('Cannot create an item in a locked collection'))) })
    const err = (await new KeytarStore({ keytar }).set('provider:openai:k1', SECRET).catch((e: unknown) => e)) as Error
    expect(err).toMatchObject({ name: 'NexusError', code: 'UNAVAILABLE' })
    expect(err.message).toMatch(/could not store a key in the system keychain: Cannot create an item in a locked collection\. Unlock/)
    expect(err.message).not.toContain(SECRET)
    const slow = new KeytarStore({ keytar: stub({ getPassword: vi.fn(() => new Promise<null>(() => {})) }), operationTimeoutMs: 30 })
    await expect(slow.get('provider:openai:k1')).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/within 30 ms/) })
  })

  it('validates accounts and keys before touching the keychain', async () => {
    const keytar = stub()
    const store = new KeytarStore({ keytar })
    await expect(store.set('', SECRET)).rejects.toMatchObject({ code: 'BAD_REQUEST' })
    await expect(store.get('provider:openai:k1 ; rm')).rejects.toMatchObject({ code: 'BAD_REQUEST' })
    await expect(store.set('provider:openai:k1', '')).rejects.toMatchObject({ code: 'BAD_REQUEST' })
    expect(keytar.setPassword).not.toHaveBeenCalled()
    expect(keytar.getPassword).not.toHaveBeenCalled()
  })
})
