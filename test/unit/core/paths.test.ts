import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultDataDir, resolveDataDir } from '../../../src/main/core/paths'

describe('data dir resolution', () => {
  it('prefers --data-dir, then NEXUS_DATA_DIR, then the per-platform default', () => {
    expect(resolveDataDir('/a', { NEXUS_DATA_DIR: '/b' })).toBe(path.resolve('/a'))
    expect(resolveDataDir(undefined, { NEXUS_DATA_DIR: '/b' })).toBe(path.resolve('/b'))
    expect(resolveDataDir(undefined, { NEXUS_DATA_DIR: '', XDG_CONFIG_HOME: '/cfg' })).toBe(
      path.resolve(defaultDataDir(process.platform, { XDG_CONFIG_HOME: '/cfg' }))
    )
  })

  it("matches Electron's userData location for the product name NEXUS", () => {
    expect(defaultDataDir('linux', {}, '/home/u')).toBe(path.join('/home/u', '.config', 'NEXUS', 'data'))
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/x' }, '/home/u')).toBe(path.join('/x', 'NEXUS', 'data'))
    expect(defaultDataDir('darwin', {}, '/Users/u')).toBe(path.join('/Users/u', 'Library', 'Application Support', 'NEXUS', 'data'))
    expect(defaultDataDir('win32', { APPDATA: 'C:\\AppData' }, 'C:\\u')).toBe(path.join('C:\\AppData', 'NEXUS', 'data'))
  })
})
