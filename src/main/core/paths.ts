import os from 'node:os'
import path from 'node:path'

/**
 * Where NEXUS keeps its data when no --data-dir or NEXUS_DATA_DIR is given. It matches
 * Electron's app.getPath('userData') for the product name NEXUS, so the desktop app, the
 * headless host and the CLI share one profile by default.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir()
): string {
  const base =
    platform === 'win32'
      ? (env.APPDATA ?? path.join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? path.join(home, 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? path.join(home, '.config'))
  return path.join(base, 'NEXUS', 'data')
}

/** --data-dir wins over NEXUS_DATA_DIR, which wins over the default; empty values count as unset. */
export function resolveDataDir(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  fallback: string = defaultDataDir(process.platform, env)
): string {
  return path.resolve(flag || env.NEXUS_DATA_DIR || fallback)
}
