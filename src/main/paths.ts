/** Where the desktop app finds its data dir and its built files. No electron import here. */
import path from 'node:path'
import { resolveDataDir } from './core/paths'

/** The value of `--data-dir=DIR` or `--data-dir DIR` on the command line, if any. */
export function dataDirFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg.startsWith('--data-dir=')) return arg.slice('--data-dir='.length) || undefined
    if (arg === '--data-dir') {
      const next = argv[i + 1]
      return next && !next.startsWith('--') ? next : undefined
    }
  }
  return undefined
}

/**
 * --data-dir wins over NEXUS_DATA_DIR, which wins over `<userData>/data` (the same default the
 * CLI and the headless host use, so all three share one profile).
 */
export function desktopDataDir(argv: readonly string[], env: NodeJS.ProcessEnv, userData: string): string {
  return resolveDataDir(dataDirFlag(argv), env, path.join(userData, 'data'))
}

/** Built files, relative to app.getAppPath() (the project root in development, app.asar when packaged). */
export function appFiles(appPath: string): { preload: string; renderer: string; icon: string } {
  return {
    preload: path.join(appPath, 'out', 'preload', 'index.cjs'),
    renderer: path.join(appPath, 'out', 'renderer'),
    icon: path.join(appPath, 'resources', 'icon.png')
  }
}
