/**
 * electron-builder cannot run here (no Electron binary, no network), so this checks its
 * configuration instead: against electron-builder's own schema, and for what NEXUS needs.
 */
import fs from 'node:fs'
import path from 'node:path'
import { Minimatch } from 'minimatch'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

const ROOT = path.resolve(__dirname, '../../..')
const raw = fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')
const config = parse(raw) as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  main: string
  productName: string
  dependencies: Record<string, string>
  optionalDependencies?: Record<string, string>
}

/** electron-builder matches file patterns with minimatch and { dot: true }, in order, `!` excluding. */
function selected(patterns: string[], file: string): boolean {
  let included = false
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!')
    if (new Minimatch(negated ? pattern.slice(1) : pattern, { dot: true }).match(file)) included = !negated
  }
  return included
}

const unpacked = (file: string): boolean =>
  (config.asarUnpack as string[]).some((p) => new Minimatch(p, { dot: true }).match(file))

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? walk(full) : [full]
  })
}

describe('electron-builder.yml', () => {
  it('is valid for the installed electron-builder', async () => {
    const { validateConfiguration } = await import('app-builder-lib/out/util/config/config')
    await expect(validateConfiguration(config as never, { isEnabled: false, add: () => {} } as never)).resolves.toBeUndefined()
    await expect(
      validateConfiguration({ ...config, electronFuses: { ...config.electronFuses, runAsNod: false } } as never, {
        isEnabled: false,
        add: () => {}
      } as never)
    ).rejects.toThrow(/electronFuses/)
  })

  it('names the app and writes installers to dist/', () => {
    expect(config.appId).toMatch(/^[a-z][a-z0-9]*(\.[a-z0-9-]+)+$/)
    expect(config.productName).toBe('NEXUS')
    expect(config.productName).toBe(pkg.productName)
    expect(config.directories.output).toBe('dist')
  })

  it('builds AppImage + deb, dmg + zip and nsis', () => {
    const targets = (platform: { target: (string | { target: string })[] }): string[] =>
      platform.target.map((t) => (typeof t === 'string' ? t : t.target))
    expect(targets(config.linux)).toEqual(expect.arrayContaining(['AppImage', 'deb']))
    expect(targets(config.mac)).toEqual(expect.arrayContaining(['dmg', 'zip']))
    expect(targets(config.win)).toEqual(['nsis'])
    expect(config.linux.category).toBe('Development')
    expect(config.linux.maintainer).toMatch(/<[^@\s]+@[^>\s]+>/)
    expect(config.mac.category).toBe('public.app-category.developer-tools')
    expect(config.mac.hardenedRuntime).toBe(true)
    expect(fs.existsSync(path.join(ROOT, config.mac.entitlements))).toBe(true)
  })

  it('packs only the built app: every file glob stays inside out/ (plus package.json and the example workflows)', () => {
    const files = config.files as string[]
    const positive = files.filter((f) => !f.startsWith('!'))
    for (const glob of positive) expect(glob === 'package.json' || glob === 'examples/*.json' || glob.startsWith('out/')).toBe(true)
    expect(positive).toContain('package.json')
    for (const file of ['out/main/index.js', 'out/main/host.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/renderer/assets/index-abc.js', 'package.json', 'examples/daily-digest.json']) {
      expect(selected(files, file), file).toBe(true)
    }
    for (const file of ['src/main/index.ts', 'src/preload/index.ts', 'test/unit/electron/ipc.test.ts', 'scripts/electron-native.mjs', 'native/electron/node_modules/better-sqlite3/build/Release/better_sqlite3.node', 'electron.vite.config.ts', 'tsconfig.json', 'README.md', 'out/main/index.js.map']) {
      expect(selected(files, file), file).toBe(false)
    }
    expect(selected(files, pkg.main.replace(/^\.\//, ''))).toBe(true)
    expect(config.asar).toBe(true)
  })

  it('unpacks every native addon and sqlite-vec\'s library from the asar', () => {
    for (const file of [
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'node_modules/keytar/build/Release/keytar.node',
      'node_modules/some-dep/prebuilds/linux-x64/addon.node',
      'node_modules/sqlite-vec-linux-x64/vec0.so',
      'node_modules/sqlite-vec-linux-arm64/vec0.so',
      'node_modules/sqlite-vec-darwin-arm64/vec0.dylib',
      'node_modules/sqlite-vec-darwin-x64/vec0.dylib',
      'node_modules/sqlite-vec-windows-x64/vec0.dll',
      'node_modules/sqlite-vec-linux-x64/package.json'
    ]) {
      expect(unpacked(file), file).toBe(true)
    }
    expect(unpacked('out/main/index.js')).toBe(false)
    expect(unpacked('node_modules/zod/index.js')).toBe(false)
  })

  it('unpacks the native files actually installed for the production dependencies', () => {
    const natives = Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })
      .concat(fs.readdirSync(path.join(ROOT, 'node_modules')).filter((n) => n.startsWith('sqlite-vec-')))
      .flatMap((name) => walk(path.join(ROOT, 'node_modules', name)))
      .map((file) => path.relative(ROOT, file).split(path.sep).join('/'))
      .filter((file) => /\.(node|so|dylib|dll)$/.test(file) && !file.includes('/obj.target/'))
    expect(natives.some((f) => f.endsWith('better_sqlite3.node'))).toBe(true)
    expect(natives.some((f) => f.startsWith('node_modules/sqlite-vec-'))).toBe(true)
    for (const file of natives) expect(unpacked(file), file).toBe(true)
  })

  it('rebuilds native modules for Electron while packaging', () => {
    expect(config.npmRebuild).toBe(true)
  })

  it('publishes a generic update feed with a URL', () => {
    const publish = Array.isArray(config.publish) ? config.publish[0] : config.publish
    expect(publish.provider).toBe('generic')
    expect(() => new URL(publish.url.replace('${channel}', 'latest'))).not.toThrow()
    expect(new URL(publish.url.replace('${channel}', 'latest')).protocol).toBe('https:')
    expect(raw).toMatch(/PLACEHOLDER/)
  })

  it('sets the Electron fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true
    })
  })

  it('has a 512x512 PNG icon (and its SVG source)', () => {
    const png = fs.readFileSync(path.join(ROOT, 'resources', 'icon.png'))
    expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]))
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR')
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512])
    expect(fs.readFileSync(path.join(ROOT, 'resources', 'icon.svg'), 'utf8')).toMatch(/<svg[^>]+viewBox="0 0 512 512"/)
    for (const platform of ['linux', 'mac', 'win']) {
      expect(fs.existsSync(path.join(ROOT, config[platform].icon)), platform).toBe(true)
    }
  })
})
