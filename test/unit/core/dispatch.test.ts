import { describe, expect, it } from 'vitest'
import { createDispatch, type Handlers } from '../../../src/main/core/api/dispatch'
import { DEFAULT_SETTINGS, MAX_REQUEST_BYTES, REQUEST_NAMES } from '../../../src/shared/contract'

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const unused = (): never => {
    throw new Error('not used in this test')
  }
  return {
    ...(Object.fromEntries(REQUEST_NAMES.map((name) => [name, unused])) as unknown as Handlers),
    'settings.get': () => DEFAULT_SETTINGS,
    'settings.set': (patch) => ({ ...DEFAULT_SETTINGS, ...patch }),
    'jobs.list': () => [],
    ...overrides
  }
}

describe('dispatch', () => {
  const dispatch = createDispatch(handlers())

  it('runs a valid request', async () => {
    await expect(dispatch('settings.set', { theme: 'dark' })).resolves.toEqual({
      ok: true,
      value: { ...DEFAULT_SETTINGS, theme: 'dark' }
    })
  })

  it('names the unknown request and lists the known ones', async () => {
    const result = await dispatch('settings.delete', {})
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_REQUEST' } })
    if (!result.ok) expect(result.error.message).toMatch(/"settings.delete".*settings.get/)
    expect(await dispatch(42, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_REQUEST' } })
  })

  it('explains which field of the input is wrong', async () => {
    const result = await dispatch('settings.set', { theme: 'neon' })
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', details: { issues: [{ path: ['theme'] }] } } })
    if (!result.ok) expect(result.error.message).toMatch(/settings.set.*theme/s)
    expect(await dispatch('settings.set', { colour: 'red' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    expect(await dispatch('settings.get', 'not an object')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
  })

  it('refuses an oversized input before validating it', async () => {
    const result = await dispatch('settings.set', { theme: 'x'.repeat(MAX_REQUEST_BYTES) })
    expect(result).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } })
  })

  it('refuses input that is not plain JSON data', async () => {
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(await dispatch('settings.set', cyclic)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
  })

  it('turns an unexpected exception into an INTERNAL error without throwing', async () => {
    const failing = createDispatch(handlers({ 'jobs.list': () => { throw new TypeError('oops') } }))
    await expect(failing('jobs.list', {})).resolves.toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Unexpected error: oops' }
    })
  })

  it('settles with CANCELLED as soon as the caller aborts', async () => {
    const slow = createDispatch(handlers({ 'jobs.list': () => new Promise(() => {}) }))
    const controller = new AbortController()
    const pending = slow('jobs.list', {}, controller.signal)
    controller.abort()
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    expect(await slow('jobs.list', {}, AbortSignal.abort())).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
  })
})
