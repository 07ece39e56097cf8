/**
 * In development the app loads better-sqlite3 built for Electron's ABI from native/electron
 * (made by scripts/electron-native.mjs), while node_modules keeps the Node build for `npm test`.
 * A packaged app needs none of this: electron-builder rebuilds node_modules for Electron.
 */
import fs from 'node:fs'
import path from 'node:path'

/** Keep in step with scripts/electron-native.mjs. */
export const NATIVE_DIR = path.join('native', 'electron')
export const STAMP_FILE = 'stamp.json'

export interface NativeStamp {
  electron: string
  platform: string
  arch: string
  modules: Record<string, string>
}

export function electronNativeRoot(projectRoot: string): string {
  return path.join(projectRoot, NATIVE_DIR)
}

export function betterSqliteBinding(projectRoot: string): string {
  return path.join(
    electronNativeRoot(projectRoot),
    'node_modules',
    'better-sqlite3',
    'build',
    'Release',
    'better_sqlite3.node'
  )
}

export function readStamp(projectRoot: string): NativeStamp | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(electronNativeRoot(projectRoot), STAMP_FILE), 'utf8')) as NativeStamp
  } catch {
    return null
  }
}

export const NATIVE_REPAIR_HINT =
  'Delete the native/ folder and run `npm start` again; it rebuilds the database module for ' +
  'Electron (this needs python3, make and a C++ compiler).'

export interface NativeBinding {
  /** Path for better-sqlite3's nativeBinding option; undefined = use node_modules as is. */
  binding?: string
  /** Something to tell the developer (missing or stale Electron build). */
  warning?: string
}

export function resolveNativeBinding(options: {
  isPackaged: boolean
  projectRoot: string
  electronVersion: string
  exists?: (file: string) => boolean
  stamp?: NativeStamp | null
}): NativeBinding {
  if (options.isPackaged) return {}
  const exists = options.exists ?? fs.existsSync
  const binding = betterSqliteBinding(options.projectRoot)
  if (!exists(binding)) {
    return {
      warning: `No Electron build of better-sqlite3 at ${binding}. Run \`npm start\` (or \`node scripts/electron-native.mjs\`) to build it.`
    }
  }
  const stamp = options.stamp === undefined ? readStamp(options.projectRoot) : options.stamp
  if (stamp && stamp.electron !== options.electronVersion) {
    return {
      binding,
      warning: `native/electron was built for Electron ${stamp.electron}, this is Electron ${options.electronVersion}. ${NATIVE_REPAIR_HINT}`
    }
  }
  return { binding }
}

/** True when an error is the classic "native module built for another ABI" failure. */
export function isNativeAbiError(message: string): boolean {
  return /NODE_MODULE_VERSION|compiled against a different Node\.js version|invalid ELF header|not a valid Win32 application|better_sqlite3\.node/i.test(
    message
  )
}
