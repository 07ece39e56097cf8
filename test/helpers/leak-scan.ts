/**
 * Key-leak test infrastructure: a sentinel key to plant, and scanners that look for it in every
 * form it could take on disk or on the wire (raw, UTF-16, base64 at any alignment, hex, JSON).
 * Other suites (database, WAL, logs, events, IPC and WebSocket replies) import these.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/** A key-shaped value no test data contains by chance. */
export function sentinelKey(prefix = 'sk-nexus-sentinel-'): string {
  return prefix + crypto.randomBytes(18).toString('base64url')
}

/** The byte strings that would give the secret away. */
export function secretForms(secret: string): { form: string; bytes: Buffer }[] {
  const utf8 = Buffer.from(secret, 'utf8')
  const forms = [
    { form: 'utf8', bytes: utf8 },
    { form: 'utf16le', bytes: Buffer.from(secret, 'utf16le') },
    { form: 'hex', bytes: Buffer.from(utf8.toString('hex'), 'latin1') },
    { form: 'HEX', bytes: Buffer.from(utf8.toString('hex').toUpperCase(), 'latin1') }
  ]
  // base64 of a longer text encodes the secret at one of three alignments; keep the stable middle.
  for (let shift = 0; shift < 3; shift++) {
    for (const alphabet of ['base64', 'base64url'] as const) {
      const encoded = Buffer.concat([Buffer.alloc(shift, 0x20), utf8]).toString(alphabet)
      const start = Math.ceil((shift * 4) / 3) + 1
      const middle = encoded.slice(start, encoded.length - 4)
      if (middle.length >= 12) forms.push({ form: `${alphabet}+${shift}`, bytes: Buffer.from(middle, 'latin1') })
    }
  }
  return forms
}

/** Which forms of the secret a buffer contains. */
export function leaksIn(data: Buffer, secret: string): string[] {
  return secretForms(secret)
    .filter(({ bytes }) => data.includes(bytes))
    .map(({ form }) => form)
}

/** Every file under `dir` (recursively) holding the secret in any form, with the forms found. */
export function filesContaining(dir: string, secret: string): string[] {
  const hits: string[] = []
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.isFile()) {
        const forms = leaksIn(fs.readFileSync(full), secret)
        if (forms.length > 0) hits.push(`${path.relative(dir, full)} (${forms.join(', ')})`)
      }
    }
  }
  walk(dir)
  return hits
}

/** Whether a reply, event or log line (any value) carries the secret in any form. */
export function valueLeaks(value: unknown, secret: string): string[] {
  const text = typeof value === 'string' ? value : JSON.stringify(value, (_k, v: unknown) =>
    Buffer.isBuffer(v) ? v.toString('latin1') : v
  )
  return leaksIn(Buffer.from(text ?? '', 'utf8'), secret)
}
