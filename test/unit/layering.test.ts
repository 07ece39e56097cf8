import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(__dirname, '../..')

function violations(target: string): string[] {
  let out: string
  try {
    out = execFileSync(
      process.execPath,
      [path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), target, '--config', '.dependency-cruiser.cjs', '--output-type', 'json'],
      { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }
    )
  } catch (err) {
    out = String((err as { stdout: string }).stdout)
  }
  const report = JSON.parse(out) as { summary: { violations: { rule: { name: string }; from: string }[] } }
  return report.summary.violations.map((v) => `${v.rule.name} ${path.basename(v.from)}`).sort()
}

describe('layering rules (dependency-cruiser)', () => {
  it('flag core importing electron, the renderer reaching core or Node, and shared depending on a layer', () => {
    expect(violations('test/fixtures/layering')).toEqual([
      'core-imports-no-electron uses-electron.ts',
      'renderer-no-node reaches-core.ts',
      'renderer-only-shared reaches-core.ts',
      'shared-is-a-leaf reaches-renderer.ts'
    ])
  })

})
