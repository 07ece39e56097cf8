/** The leak scanners must find what they look for, or every "no leak" assertion means nothing. */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../helpers/tmp'
import { filesContaining, leaksIn, sentinelKey, valueLeaks } from '../../helpers/leak-scan'

describe('leak scanners', () => {
  it('find a planted key raw, as UTF-16, hex and base64 at every alignment, in nested files', () => {
    const secret = sentinelKey()
    const dir = tempDir()
    fs.mkdirSync(path.join(dir, 'logs', 'old'), { recursive: true })
    fs.writeFileSync(path.join(dir, 'clean.db'), Buffer.from('nothing to see'))
    fs.writeFileSync(path.join(dir, 'logs', 'old', 'a.log'), `auth header Bearer ${secret}\n`)
    expect(filesContaining(dir, secret)).toEqual([path.join('logs', 'old', 'a.log') + ' (utf8)'])

    expect(leaksIn(Buffer.from(`"${secret}"`, 'utf16le'), secret)).toContain('utf16le')
    expect(leaksIn(Buffer.from(Buffer.from(secret).toString('hex')), secret)).toContain('hex')
    for (const prefix of ['', 'a', 'ab', 'abc', 'Basic dXNlcjo']) {
      const encoded = Buffer.from(prefix + secret + 'tail').toString('base64')
      expect(leaksIn(Buffer.from(`Authorization: ${encoded}`), secret), prefix).not.toEqual([])
    }
  })

  it('find a key inside a reply or event object, and nothing in a clean one', () => {
    const secret = sentinelKey()
    expect(valueLeaks({ ok: true, value: { headers: { authorization: `Bearer ${secret}` } } }, secret)).toEqual(['utf8'])
    expect(valueLeaks({ ok: true, value: { set: true, lastFour: secret.slice(-4) } }, secret)).toEqual([])
    expect(valueLeaks(sentinelKey(), secret)).toEqual([])
  })
})
