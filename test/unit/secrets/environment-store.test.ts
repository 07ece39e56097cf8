/** EnvironmentStore: the keys the SDKs already know, read-only. */
import { describe, expect, it } from 'vitest'
import { EnvironmentStore, envAccount, envVariableFor } from '../../../src/main/core/secrets'

describe('EnvironmentStore', () => {
  const env = { OPENAI_API_KEY: 'sk-openai-env-0123456789', ANTHROPIC_API_KEY: '  ', GROQ_API_KEY: 'gsk-x' }
  const store = new EnvironmentStore(env)

  it('answers provider:<id>:env from the SDK variable, and nothing else', async () => {
    expect(store.backend).toBe('environment')
    expect(await store.available()).toBe(true)
    expect(await store.get('provider:openai:env')).toBe('sk-openai-env-0123456789')
    expect(await store.get(envAccount('openai'))).toBe('sk-openai-env-0123456789')
    expect(await store.get('provider:anthropic:env')).toBeNull() // blank counts as unset
    expect(await store.get('provider:openai:k1')).toBeNull()
    expect(await store.get('provider:groq:env')).toBeNull() // not a default variable
    expect(await store.get('provider:constructor:env')).toBeNull()
    expect(store.accounts()).toEqual(['provider:openai:env'])
    expect(envVariableFor('provider:anthropic:env')).toBe('ANTHROPIC_API_KEY')
    expect(envVariableFor('provider:openai:k1')).toBeNull()
  })

  it('takes extra variables, e.g. for OpenAI-compatible presets', async () => {
    const custom = new EnvironmentStore(env, { groq: 'GROQ_API_KEY' })
    expect(await custom.get('provider:groq:env')).toBe('gsk-x')
    expect(await custom.get('provider:openai:env')).toBeNull()
  })

  it('refuses writes with what to do instead', async () => {
    await expect(store.set('provider:openai:k1', 'sk-new-0123456789')).rejects.toMatchObject({
      name: 'NexusError',
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/^No system keychain is available\. .*OPENAI_API_KEY, ANTHROPIC_API_KEY.*unlock a system keychain/)
    })
    await expect(store.delete('provider:openai:k1')).rejects.toMatchObject({ code: 'UNAVAILABLE' })
    await expect(store.set('provider:openai:env', 'sk-new-0123456789')).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('OPENAI_API_KEY environment variable')
    })
    const why = new EnvironmentStore(env, undefined, 'The system keychain does not answer (no bus)')
    await expect(why.set('provider:x:k', 'sk-new-0123456789')).rejects.toThrow(/^The system keychain does not answer \(no bus\)\. NEXUS cannot store keys/)
    await expect(store.get('not an account')).rejects.toMatchObject({ code: 'BAD_REQUEST' })
  })
})
