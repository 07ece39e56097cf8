/** {{ path }} templates: lookup, secrets, clear errors for what is missing, and redaction. */
import { describe, expect, it } from 'vitest'
import { redactError, redactSecrets, renderObject, renderTemplate, secretNames, templateVariables } from '../../../src/main/core/dag/template'
import { NexusError } from '../../../src/shared/errors'

const scope = {
  input: { name: 'Ada', tags: ['x', 'y'], n: 3, flag: false, nothing: null },
  fetch1: { body: { items: [{ id: 7, title: 'first' }] } }
}
const secrets = new Map([['API_KEY', 'sk-live-0123456789'], ['PIN', '42']])

describe('templates', () => {
  it('lists variables and secret names', () => {
    expect(templateVariables('Hi {{ input.name }}, {{fetch1.body.items.0.id}} {{secret.API_KEY}}')).toEqual(['input.name', 'fetch1.body.items.0.id', 'secret.API_KEY'])
    expect(secretNames('{{secret.A}} {{ secret.B }} {{secret.A}} {{input.x}}')).toEqual(['A', 'B'])
    expect(templateVariables('no variables { here } {{')).toEqual([])
  })

  it('renders strings as they are and other values as JSON', () => {
    expect(renderTemplate('Hello {{ input.name }}!', scope, secrets)).toBe('Hello Ada!')
    expect(renderTemplate('{{input.tags}} {{input.n}} {{input.flag}} {{input.nothing}}', scope, secrets)).toBe('["x","y"] 3 false null')
    expect(renderTemplate('{{fetch1.body.items.0.title}} / {{fetch1.body.items[0].id}}', scope, secrets)).toBe('first / 7')
    expect(renderTemplate('{{fetch1.body}}', scope, secrets)).toBe('{"items":[{"id":7,"title":"first"}]}')
  })

  it('inserts values once: a value that looks like a template is not rendered again', () => {
    const sneaky = { city: '{{secret.API_KEY}}' }
    expect(renderTemplate('q={{city}}', sneaky, secrets)).toBe('q={{secret.API_KEY}}')
  })

  it('encodes inserted values when asked (URLs)', () => {
    expect(renderTemplate('https://x.test/?q={{city}}&k={{secret.API_KEY}}', { city: 'Paris & Rome' }, secrets, { encode: encodeURIComponent })).toBe(
      'https://x.test/?q=Paris%20%26%20Rome&k=sk-live-0123456789'
    )
  })

  it('names a missing variable and what is there instead', () => {
    const fail = (t: string): NexusError => {
      try {
        renderTemplate(t, scope, secrets)
      } catch (err) {
        return err as NexusError
      }
      throw new Error('rendered')
    }
    expect(fail('{{input.nme}}')).toMatchObject({ code: 'BAD_REQUEST', message: 'Unknown variable {{input.nme}}: "input" has no "nme" (it has: name, tags, n, flag, nothing).' })
    expect(fail('{{llm2.text}}').message).toBe('Unknown variable {{llm2.text}}: nothing named "llm2" is available here (it has: input, fetch1).')
    expect(fail('{{input.name.first}}').message).toBe('Unknown variable {{input.name.first}}: "input.name" is a string, not an object or list.')
    expect(fail('{{input.tags.5}}').message).toBe('Unknown variable {{input.tags.5}}: "input.tags" has no "5" (it has 2 items).')
    expect(fail('{{ }}').message).toMatch(/empty/)
  })

  it('takes secrets from the map, and says where to add a missing one', () => {
    expect(renderTemplate('Bearer {{secret.API_KEY}}', scope, secrets)).toBe('Bearer sk-live-0123456789')
    expect(() => renderTemplate('{{secret.OTHER}}', scope, secrets)).toThrow('The secret {{secret.OTHER}} is not set: add it in Settings > Workflows > Secrets.')
  })

  it('renders each value of a record', () => {
    expect(renderObject({ Authorization: 'Bearer {{secret.API_KEY}}', 'X-Name': '{{input.name}}' }, scope, secrets)).toEqual({
      Authorization: 'Bearer sk-live-0123456789',
      'X-Name': 'Ada'
    })
  })
})

describe('redactSecrets', () => {
  it('replaces every occurrence of a secret value in any string, deep, and leaves the original alone', () => {
    const value = {
      url: 'https://x.test/?key=sk-live-0123456789',
      headers: { Authorization: 'Bearer sk-live-0123456789' },
      list: ['sk-live-0123456789sk-live-0123456789', 1, null, true],
      'sk-live-0123456789': 'as a key',
      pin: 'PIN 42 is too short to redact'
    }
    const copy = redactSecrets(value, secrets)
    expect(copy).toEqual({
      url: 'https://x.test/?key=[secret API_KEY]',
      headers: { Authorization: 'Bearer [secret API_KEY]' },
      list: ['[secret API_KEY][secret API_KEY]', 1, null, true],
      '[secret API_KEY]': 'as a key',
      pin: 'PIN 42 is too short to redact'
    })
    expect(value.headers.Authorization).toBe('Bearer sk-live-0123456789')
    expect(redactSecrets('nothing here', new Map())).toBe('nothing here')
  })

  it('replaces the longer secret first when one contains another', () => {
    const nested = new Map([['SHORT', 'abcd'], ['LONG', 'abcd-efgh']])
    expect(redactSecrets('abcd-efgh abcd', nested)).toBe('[secret LONG] [secret SHORT]')
  })

  it('redacts errors, keeping their code', () => {
    const err = redactError(new NexusError('NETWORK', 'Could not reach https://x.test/sk-live-0123456789: refused', { url: 'https://x.test/sk-live-0123456789' }), secrets)
    expect(err).toBeInstanceOf(NexusError)
    expect(err.toJSON()).toEqual({ code: 'NETWORK', message: 'Could not reach https://x.test/[secret API_KEY]: refused', details: { url: 'https://x.test/[secret API_KEY]' } })
    expect(redactError(new Error('boom sk-live-0123456789'), secrets).message).toBe('Unexpected error: boom [secret API_KEY]')
  })
})
