import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const OUT = path.resolve(__dirname, '../../out')

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]))
}

describe('the built app (npm run build)', () => {
  it('contains no test fixture, fake provider server or test helper', () => {
    expect(fs.existsSync(OUT), 'out/ is missing: run npm run build first').toBe(true)
    const built = files(OUT).filter((f) => /\.(c?js|mjs|html)$/.test(f))
    expect(built.length).toBeGreaterThan(3)
    const offenders = built.filter((f) => /startOpenAIFixture|startFixtureServer|test\/fixtures|memoryKeytar|sentinelKey/.test(fs.readFileSync(f, 'utf8')))
    expect(offenders).toEqual([])
  })
})
