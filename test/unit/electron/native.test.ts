/**
 * The Electron-ABI copy of the native modules: scripts/electron-native.mjs (what `npm start`
 * runs) and src/main/native.ts (what the app loads). The real rebuild needs Electron's headers
 * from the internet; here a fake rebuild stands in for @electron/rebuild and everything around
 * it (plan, stamp, copy, swap, failure) runs for real.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  NATIVE_REPAIR_HINT,
  betterSqliteBinding,
  isNativeAbiError,
  readStamp,
  resolveNativeBinding
} from '../../../src/main/native'
import { appFiles, dataDirFlag, desktopDataDir } from '../../../src/main/paths'

interface Stamp {
  electron: string
  platform: string
  arch: string
  modules: Record<string, string>
}
interface PlanEntry {
  name: string
  version: string
  required: boolean
  action: 'build' | 'napi'
}
interface RebuildOptions {
  buildPath: string
  electronVersion: string
  onlyModules: string[]
  force: boolean
}
interface ScriptApi {
  PROJECT_ROOT: string
  nativePaths(root: string): { dir: string; nodeModules: string; stamp: string; binding: string }
  electronVersion(root: string): string
  planModules(root: string): PlanEntry[]
  wantedStamp(args: { electron: string; platform?: string; arch?: string; plan: PlanEntry[] }): Stamp
  buildDecision(stamp: Stamp | null, wanted: Stamp, bindingExists: boolean): { build: boolean; reason: string }
  repairMessage(err: unknown, electron: string): string
  ensureElectronNative(options: {
    root: string
    electron?: string
    rebuild?: (options: RebuildOptions) => Promise<void>
    log?: (line: string) => void
    force?: boolean
  }): Promise<{ built: boolean; reason: string; dir: string }>
}

const REPO = path.resolve(__dirname, '../../..')
let script: ScriptApi

beforeAll(async () => {
  const specifier: string = '../../../scripts/electron-native.mjs'
  script = (await import(specifier)) as ScriptApi
})

let root: string
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-native-'))
})
afterEach(() => fs.rmSync(root, { recursive: true, force: true }))

/** A project with installed packages: better-sqlite3 (ABI-specific) and optionally keytar (N-API). */
function fakeProject(options: { sqliteVersion?: string; keytar?: boolean; electron?: string } = {}): void {
  const pkg = (name: string, json: object, files: Record<string, string> = {}): void => {
    const dir = path.join(root, 'node_modules', name)
    fs.mkdirSync(dir, { recursive: true })
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, ...json }))
    for (const [file, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
      fs.writeFileSync(path.join(dir, file), content)
    }
  }
  pkg('electron', { version: options.electron ?? '41.7.1' })
  pkg(
    'better-sqlite3',
    { version: options.sqliteVersion ?? '12.11.1' },
    {
      'binding.gyp': '{}',
      'lib/index.js': 'module.exports = {}',
      'src/better_sqlite3.cpp': '// source',
      'build/Release/better_sqlite3.node': 'NODE-ABI BUILD'
    }
  )
  if (options.keytar) pkg('keytar', { version: '7.9.0', binary: { napi_versions: [3] } }, { 'build/Release/keytar.node': 'napi' })
}

/** Stands in for @electron/rebuild: checks what it was given and writes the addon. */
function fakeRebuild(content = 'ELECTRON-ABI BUILD') {
  return vi.fn(async (options: RebuildOptions) => {
    const pkgDir = path.join(options.buildPath, 'node_modules', 'better-sqlite3')
    // The copy must not carry the Node build, or a rebuild tool could mistake it for done.
    expect(fs.existsSync(path.join(pkgDir, 'build'))).toBe(false)
    expect(fs.existsSync(path.join(pkgDir, 'src', 'better_sqlite3.cpp'))).toBe(true)
    fs.mkdirSync(path.join(pkgDir, 'build', 'Release'), { recursive: true })
    fs.writeFileSync(path.join(pkgDir, 'build', 'Release', 'better_sqlite3.node'), `${content} ${options.electronVersion}`)
  })
}

const quiet = () => vi.fn<(line: string) => void>()

describe('scripts/electron-native.mjs', () => {
  it('puts the binding exactly where src/main/native.ts looks for it', () => {
    expect(script.nativePaths(root).binding).toBe(betterSqliteBinding(root))
    expect(script.nativePaths(root).dir).toBe(path.join(root, 'native', 'electron'))
    expect(script.PROJECT_ROOT).toBe(REPO)
  })

  it('plans the installed modules of this repository: better-sqlite3 is rebuilt, keytar (Node-API) is not', () => {
    const plan = script.planModules(REPO)
    expect(plan.find((e) => e.name === 'better-sqlite3')).toMatchObject({ action: 'build', required: true })
    expect(plan.find((e) => e.name === 'better-sqlite3')?.version).toMatch(/^12\./)
    const keytar = plan.find((e) => e.name === 'keytar')
    if (fs.existsSync(path.join(REPO, 'node_modules', 'keytar'))) expect(keytar).toMatchObject({ action: 'napi' })
    else expect(keytar).toBeUndefined()
    expect(script.electronVersion(REPO)).toMatch(/^\d+\.\d+\.\d+/)
  })

  it('decides from the stamp whether to build', () => {
    const plan: PlanEntry[] = [
      { name: 'better-sqlite3', version: '12.11.1', required: true, action: 'build' },
      { name: 'keytar', version: '7.9.0', required: false, action: 'napi' }
    ]
    const wanted = script.wantedStamp({ electron: '41.7.1', platform: 'linux', arch: 'x64', plan })
    expect(wanted).toEqual({ electron: '41.7.1', platform: 'linux', arch: 'x64', modules: { 'better-sqlite3': '12.11.1' } })
    expect(script.buildDecision(null, wanted, false)).toMatchObject({ build: true })
    expect(script.buildDecision(wanted, wanted, true)).toMatchObject({ build: false })
    expect(script.buildDecision(wanted, wanted, false)).toMatchObject({ build: true, reason: expect.stringMatching(/missing/) })
    expect(script.buildDecision({ ...wanted, electron: '40.0.0' }, wanted, true)).toMatchObject({
      build: true,
      reason: expect.stringContaining('40.0.0 -> 41.7.1')
    })
    expect(script.buildDecision({ ...wanted, modules: { 'better-sqlite3': '12.10.0' } }, wanted, true)).toMatchObject({ build: true })
    expect(script.buildDecision({ ...wanted, modules: {} }, wanted, true)).toMatchObject({ build: true })
    expect(script.buildDecision({ ...wanted, arch: 'arm64' }, wanted, true)).toMatchObject({ build: true })
  })

  it('builds a copy, writes the stamp, leaves node_modules alone, and skips the next run', async () => {
    fakeProject({ keytar: true })
    const rebuild = fakeRebuild()
    const log = quiet()
    const first = await script.ensureElectronNative({ root, rebuild, log })
    expect(first.built).toBe(true)
    expect(rebuild).toHaveBeenCalledTimes(1)
    const options = rebuild.mock.calls[0]![0]
    expect(options).toMatchObject({ electronVersion: '41.7.1', onlyModules: ['better-sqlite3'], force: true })
    expect(path.isAbsolute(options.buildPath)).toBe(true)

    expect(fs.readFileSync(betterSqliteBinding(root), 'utf8')).toBe('ELECTRON-ABI BUILD 41.7.1')
    expect(fs.readFileSync(path.join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), 'utf8')).toBe('NODE-ABI BUILD')
    expect(readStamp(root)).toEqual({
      electron: '41.7.1',
      platform: process.platform,
      arch: process.arch,
      modules: { 'better-sqlite3': '12.11.1' }
    })
    expect(fs.existsSync(path.join(root, 'native', 'electron', 'node_modules', 'keytar'))).toBe(false)
    expect(log.mock.calls.flat().join('\n')).toMatch(/keytar .*Node-API/)

    const second = await script.ensureElectronNative({ root, rebuild, log })
    expect(second.built).toBe(false)
    expect(rebuild).toHaveBeenCalledTimes(1)
    expect(fs.readdirSync(path.join(root, 'native'))).toEqual(['electron'])
  })

  it('rebuilds when Electron or better-sqlite3 changes, or when forced', async () => {
    fakeProject()
    const rebuild = fakeRebuild()
    await script.ensureElectronNative({ root, rebuild, log: quiet() })
    await script.ensureElectronNative({ root, rebuild, log: quiet(), electron: '42.0.0' })
    expect(rebuild).toHaveBeenCalledTimes(2)
    expect(readStamp(root)?.electron).toBe('42.0.0')
    expect(fs.readFileSync(betterSqliteBinding(root), 'utf8')).toBe('ELECTRON-ABI BUILD 42.0.0')

    fakeProject({ sqliteVersion: '12.12.0', electron: '42.0.0' })
    await script.ensureElectronNative({ root, rebuild, log: quiet() })
    expect(rebuild).toHaveBeenCalledTimes(3)
    expect(readStamp(root)?.modules).toEqual({ 'better-sqlite3': '12.12.0' })

    await script.ensureElectronNative({ root, rebuild, log: quiet(), force: true })
    expect(rebuild).toHaveBeenCalledTimes(4)
  })

  it('keeps the previous build and leaves no half-built folder when a rebuild fails', async () => {
    fakeProject()
    await script.ensureElectronNative({ root, rebuild: fakeRebuild(), log: quiet() })
    const failing = vi.fn(async () => {
      throw new Error('node-gyp failed: gyp ERR! stack Error: make failed')
    })
    await expect(script.ensureElectronNative({ root, rebuild: failing, log: quiet(), electron: '42.0.0' })).rejects.toThrow(/make failed/)
    expect(fs.readdirSync(path.join(root, 'native'))).toEqual(['electron'])
    expect(readStamp(root)?.electron).toBe('41.7.1')
    expect(fs.readFileSync(betterSqliteBinding(root), 'utf8')).toBe('ELECTRON-ABI BUILD 41.7.1')
  })

  it('fails when the rebuild "succeeds" without producing the addon', async () => {
    fakeProject()
    await expect(script.ensureElectronNative({ root, rebuild: vi.fn(async () => {}), log: quiet() })).rejects.toThrow(/not produced/)
    expect(fs.existsSync(path.join(root, 'native', 'electron'))).toBe(false)
  })

  it('says how to repair, and asks for npm install when packages are missing', () => {
    const message = script.repairMessage(new Error('gyp ERR! not ok'), '41.7.1')
    expect(message).toContain('gyp ERR! not ok')
    expect(message).toContain('41.7.1')
    expect(message).toMatch(/Delete the native\/ folder/)
    expect(message).toMatch(/python3/)
    expect(message).toMatch(/make/)
    expect(message).toMatch(/C\+\+ compiler/)
    expect(() => script.planModules(root)).toThrow(/better-sqlite3 is not installed.*npm install/)
    expect(() => script.electronVersion(root)).toThrow(/Electron is not installed/)
  })
})

describe('src/main/native.ts', () => {
  it('uses node_modules as is in a packaged app', () => {
    expect(resolveNativeBinding({ isPackaged: true, projectRoot: root, electronVersion: '41.7.1', exists: () => true })).toEqual({})
  })

  it('warns and falls back when the Electron copy was never built', () => {
    const result = resolveNativeBinding({ isPackaged: false, projectRoot: root, electronVersion: '41.7.1' })
    expect(result.binding).toBeUndefined()
    expect(result.warning).toMatch(/npm start/)
  })

  it('returns the copy, with a warning when its stamp names another Electron', () => {
    const exists = (file: string): boolean => file === betterSqliteBinding(root)
    const stamp = { electron: '41.7.1', platform: process.platform, arch: process.arch, modules: {} }
    expect(resolveNativeBinding({ isPackaged: false, projectRoot: root, electronVersion: '41.7.1', exists, stamp })).toEqual({
      binding: betterSqliteBinding(root)
    })
    const stale = resolveNativeBinding({ isPackaged: false, projectRoot: root, electronVersion: '42.0.0', exists, stamp })
    expect(stale.binding).toBe(betterSqliteBinding(root))
    expect(stale.warning).toContain(NATIVE_REPAIR_HINT)
  })

  it('recognises the errors of a module built for another ABI', () => {
    expect(
      isNativeAbiError(
        "The module '/x/better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 140."
      )
    ).toBe(true)
    expect(isNativeAbiError('/x/y.node: invalid ELF header')).toBe(true)
    expect(isNativeAbiError('NEXUS is already running on /data (pid 12)')).toBe(false)
  })
})

describe('src/main/paths.ts', () => {
  it('takes --data-dir over NEXUS_DATA_DIR over <userData>/data', () => {
    expect(dataDirFlag(['electron', '.', '--data-dir=/a'])).toBe('/a')
    expect(dataDirFlag(['electron', '.', '--data-dir', '/b'])).toBe('/b')
    expect(dataDirFlag(['electron', '.', '--data-dir', '--other'])).toBeUndefined()
    expect(dataDirFlag(['electron', '.'])).toBeUndefined()
    expect(desktopDataDir(['x', '--data-dir=/flag'], { NEXUS_DATA_DIR: '/env' }, '/user')).toBe(path.resolve('/flag'))
    expect(desktopDataDir(['x'], { NEXUS_DATA_DIR: '/env' }, '/user')).toBe(path.resolve('/env'))
    expect(desktopDataDir(['x'], { NEXUS_DATA_DIR: '' }, '/user')).toBe(path.resolve('/user/data'))
    expect(desktopDataDir(['x'], {}, '/user')).toBe(path.resolve('/user/data'))
  })

  it('finds the built preload and renderer under out/', () => {
    expect(appFiles('/app')).toMatchObject({
      preload: path.join('/app', 'out', 'preload', 'index.cjs'),
      renderer: path.join('/app', 'out', 'renderer')
    })
  })
})
