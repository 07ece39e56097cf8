#!/usr/bin/env node
/**
 * Builds the native modules the desktop app needs for Electron's ABI, into their own folder:
 *
 *   native/electron/node_modules/better-sqlite3/build/Release/better_sqlite3.node
 *
 * node_modules keeps the Node build, so `npm test` (plain Node) keeps working; the app loads the
 * Electron copy through better-sqlite3's `nativeBinding` option (src/main/native.ts). Run by
 * `npm start` and `npm run dev` before electron-vite; it does nothing when native/electron/stamp.json
 * says the copy was built for the same Electron, platform, arch and module versions.
 *
 * Node-API modules (keytar) are ABI-stable: their node_modules build already loads in Electron,
 * so they are reported and left alone. Packaged apps do not use this folder: electron-builder
 * rebuilds node_modules for Electron itself (npmRebuild).
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const TAG = '[electron-native]'

/** Modules with a native part that the app loads; `required` ones must build. */
export const NATIVE_MODULES = [
  { name: 'better-sqlite3', required: true },
  { name: 'keytar', required: false }
]

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** Keep in step with src/main/native.ts. */
export function nativePaths(root) {
  const dir = path.join(root, 'native', 'electron')
  return {
    dir,
    nodeModules: path.join(dir, 'node_modules'),
    stamp: path.join(dir, 'stamp.json'),
    binding: path.join(dir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')
  }
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch {
    return null
  }
}

export function readStamp(root) {
  return readJson(nativePaths(root).stamp)
}

/** The installed Electron's version, from node_modules (no binary needed). */
export function electronVersion(root) {
  const pkg = readJson(path.join(root, 'node_modules', 'electron', 'package.json'))
  if (!pkg || typeof pkg.version !== 'string') {
    throw new Error('Electron is not installed in node_modules: run `npm install` first.')
  }
  return pkg.version
}

/**
 * What to do with each native module found in node_modules: `build` (ABI-specific addon),
 * `napi` (Node-API, works in Electron as installed), or absent when not installed.
 */
export function planModules(root, modules = NATIVE_MODULES) {
  const plan = []
  for (const { name, required } of modules) {
    const pkg = readJson(path.join(root, 'node_modules', name, 'package.json'))
    if (!pkg) {
      if (required) throw new Error(`${name} is not installed in node_modules: run \`npm install\` first.`)
      continue
    }
    const napi = Array.isArray(pkg.binary?.napi_versions) && pkg.binary.napi_versions.length > 0
    plan.push({ name, version: pkg.version, required, action: napi ? 'napi' : 'build' })
  }
  return plan
}

export function wantedStamp({ electron, platform = process.platform, arch = process.arch, plan }) {
  const modules = {}
  for (const entry of plan) if (entry.action === 'build') modules[entry.name] = entry.version
  return { electron, platform, arch, modules }
}

/** Whether the copy must be (re)built, and why. */
export function buildDecision(stamp, wanted, bindingExists) {
  if (!stamp) return { build: true, reason: 'no Electron build yet' }
  if (stamp.electron !== wanted.electron) {
    return { build: true, reason: `Electron changed (${stamp.electron} -> ${wanted.electron})` }
  }
  if (stamp.platform !== wanted.platform || stamp.arch !== wanted.arch) {
    return {
      build: true,
      reason: `platform changed (${stamp.platform}-${stamp.arch} -> ${wanted.platform}-${wanted.arch})`
    }
  }
  const before = JSON.stringify(Object.entries(stamp.modules ?? {}).sort())
  const after = JSON.stringify(Object.entries(wanted.modules).sort())
  if (before !== after) return { build: true, reason: `module versions changed (${before} -> ${after})` }
  if (!bindingExists) return { build: true, reason: 'better_sqlite3.node is missing' }
  return { build: false, reason: `up to date for Electron ${wanted.electron}` }
}

export function repairMessage(err, electron) {
  const reason = err instanceof Error ? err.message : String(err)
  return [
    `${TAG} Could not build the native modules for Electron ${electron}:`,
    `  ${reason.split('\n').join('\n  ')}`,
    '',
    'How to repair:',
    '  1. Delete the native/ folder (rm -rf native) and run `npm start` again.',
    '  2. The build first tries a prebuilt binary, then compiles from source, which needs',
    '     python3, make and a C++ compiler:',
    '       Debian/Ubuntu: sudo apt-get install python3 make g++',
    '       macOS:         xcode-select --install',
    '       Windows:       Visual Studio Build Tools with "Desktop development with C++"',
    '  3. Either way it downloads Electron headers or a prebuilt binary once: it needs internet.',
    '`npm test` is not affected: it uses the Node build in node_modules.'
  ].join('\n')
}

/** Copies a package without its build output (that is the Node build we must not reuse). */
function copyPackage(from, to) {
  fs.cpSync(from, to, {
    recursive: true,
    filter: (src) => {
      const rel = path.relative(from, src)
      return rel !== 'build' && rel !== 'prebuilds' && !rel.startsWith(`build${path.sep}`)
    }
  })
}

async function electronRebuild(options) {
  const { rebuild } = await import('@electron/rebuild')
  const run = rebuild(options)
  run.lifecycle.on('module-found', (name) => console.log(`${TAG}   building ${name}...`))
  run.lifecycle.on('module-done', (name) => console.log(`${TAG}   ${name} done`))
  await run
}

/**
 * Makes native/electron current. The new copy is built in a temporary folder and only replaces
 * the old one (stamp written last) when every required module built.
 */
export async function ensureElectronNative({
  root = PROJECT_ROOT,
  electron = electronVersion(root),
  rebuild = electronRebuild,
  log = (line) => console.log(line),
  force = false
} = {}) {
  const paths = nativePaths(root)
  const plan = planModules(root)
  for (const entry of plan) {
    if (entry.action === 'napi') {
      log(`${TAG} ${entry.name} ${entry.version} uses Node-API: the node_modules build works in Electron as is.`)
    }
  }
  const wanted = wantedStamp({ electron, plan })
  const decision = buildDecision(readStamp(root), wanted, fs.existsSync(paths.binding))
  if (!decision.build && !force) {
    log(`${TAG} native/electron is ${decision.reason}; nothing to do.`)
    return { built: false, reason: decision.reason, dir: paths.dir }
  }
  const toBuild = plan.filter((entry) => entry.action === 'build')
  log(`${TAG} Building ${toBuild.map((e) => `${e.name} ${e.version}`).join(', ')} for Electron ${electron} (${decision.reason}) into ${path.relative(root, paths.dir) || paths.dir}`)

  const staging = `${paths.dir}.tmp-${process.pid}`
  fs.rmSync(staging, { recursive: true, force: true })
  try {
    fs.mkdirSync(path.join(staging, 'node_modules'), { recursive: true })
    const dependencies = {}
    for (const entry of toBuild) {
      copyPackage(path.join(root, 'node_modules', entry.name), path.join(staging, 'node_modules', entry.name))
      dependencies[entry.name] = entry.version
    }
    fs.writeFileSync(
      path.join(staging, 'package.json'),
      JSON.stringify({ name: 'nexus-electron-native', private: true, version: '0.0.0', dependencies }, null, 2)
    )
    await rebuild({
      buildPath: staging,
      electronVersion: electron,
      arch: process.arch,
      onlyModules: toBuild.map((e) => e.name),
      types: ['prod'],
      force: true,
      mode: 'sequential'
    })
    const built = path.join(staging, path.relative(paths.dir, paths.binding))
    if (!fs.existsSync(built)) throw new Error(`the build finished but ${path.basename(built)} was not produced`)
    fs.writeFileSync(path.join(staging, 'stamp.json'), JSON.stringify(wanted, null, 2))
    fs.rmSync(paths.dir, { recursive: true, force: true })
    fs.mkdirSync(path.dirname(paths.dir), { recursive: true })
    fs.renameSync(staging, paths.dir)
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true })
    throw err
  }
  log(`${TAG} Done: ${path.relative(root, paths.binding)}`)
  return { built: true, reason: decision.reason, dir: paths.dir }
}

const invokedDirectly = process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url
if (invokedDirectly) {
  let electron = '?'
  try {
    electron = electronVersion(PROJECT_ROOT)
    await ensureElectronNative({ electron, force: process.argv.includes('--force') })
  } catch (err) {
    console.error(repairMessage(err, electron))
    process.exit(1)
  }
}
