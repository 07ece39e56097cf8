/**
 * src/main/index.ts end to end against the electron stub and a real core on a temp data dir:
 * each test loads the entry afresh, makes the app "ready" and looks at what it set up.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { REQUEST_NAMES, ipcChannels, type Result } from '../../../src/shared/contract'
import { CONTENT_SECURITY_POLICY } from '../../../src/main/protocol'

vi.mock('electron', () => import('./electron-stub'))

type Stub = typeof import('./electron-stub')

let tmp: string
let appPath: string
let dataDir: string
const savedEnv = { ...process.env }

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-main-'))
  appPath = path.join(tmp, 'app')
  dataDir = path.join(tmp, 'data')
  fs.mkdirSync(path.join(appPath, 'out', 'renderer'), { recursive: true })
  fs.writeFileSync(path.join(appPath, 'out', 'renderer', 'index.html'), '<!doctype html><title>NEXUS</title>')
  process.env.NEXUS_DATA_DIR = dataDir
  delete process.env.ELECTRON_RENDERER_URL
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  vi.spyOn(console, 'error').mockImplementation(() => {})
})

afterEach(() => {
  process.env = { ...savedEnv }
  vi.restoreAllMocks()
  fs.rmSync(tmp, { recursive: true, force: true })
})

/** Loads src/main/index.ts with a fresh electron stub, configured by `setup` first. */
async function boot(setup: (electron: Stub) => void = () => {}): Promise<Stub> {
  vi.resetModules()
  // The mocked module keeps its instance across resetModules: reset it and reuse it.
  const electron = (await import('electron')) as unknown as Stub
  electron.resetElectronStub()
  electron.app.appPath = appPath
  electron.app.userData = path.join(tmp, 'userData')
  setup(electron)
  await import('../../../src/main/index')
  return electron
}

function invoke(electron: Stub, sender: unknown, name: string, input: unknown = {}): Promise<Result<unknown>> {
  return electron.ipcMain.invoke(ipcChannels.request(name as never), electron.ipcEvent(sender as never), {
    id: `t-${Math.random()}`,
    input
  }) as Promise<Result<unknown>>
}

describe('electron main entry', () => {
  it('registers app:// and the sandbox before ready, then opens one locked-down window on app://', async () => {
    const electron = await boot()
    const { app, protocol, FakeBrowserWindow } = electron
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) }
    ])
    expect(app.enableSandbox).toHaveBeenCalled()
    expect(app.requestSingleInstanceLock).toHaveBeenCalled()
    expect(FakeBrowserWindow.created).toHaveLength(0)

    await app.becomeReady()
    expect(FakeBrowserWindow.created).toHaveLength(1)
    const window = FakeBrowserWindow.created[0]!
    expect(window.loadURL).toHaveBeenCalledWith('app://nexus/index.html')
    expect(window.options.webPreferences).toMatchObject({
      preload: path.join(appPath, 'out', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true
    })
    // web-contents-created hardened the window: window.open is denied.
    expect(window.webContents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' })
    expect(window.webContents.fire('will-navigate', 'https://example.com/')).toBe(true)
    app.emit('will-quit')
  })

  it('serves out/renderer on app:// with the CSP and denies all permissions on the default session', async () => {
    const electron = await boot()
    await electron.app.becomeReady()
    const [scheme, handler] = electron.protocol.handle.mock.calls[0] as [string, (r: Request) => Promise<Response>]
    expect(scheme).toBe('app')
    const res = await handler(new Request('app://nexus/index.html'))
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('<title>NEXUS</title>')
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect((await handler(new Request('app://nexus/..%2f..%2fdata%2fnexus.db'))).status).toBe(403)

    const session = electron.session.defaultSession
    const callback = vi.fn()
    session.setPermissionRequestHandler.mock.calls[0]?.[0]({}, 'media', callback, {})
    expect(callback).toHaveBeenCalledWith(false)
    expect(session.setPermissionCheckHandler.mock.calls[0]?.[0]({}, 'notifications', 'app://nexus', {})).toBe(false)
    electron.app.emit('will-quit')
  })

  it('binds every request to a real core on the data dir, trusts only its own window, and closes the core on will-quit', async () => {
    const electron = await boot()
    const { app, ipcMain, FakeBrowserWindow, FakeWebContents } = electron
    await app.becomeReady()
    expect([...ipcMain.handlers.keys()].sort()).toEqual(REQUEST_NAMES.map((n) => ipcChannels.request(n)).sort())
    const window = FakeBrowserWindow.created[0]!

    const info = await invoke(electron, window.webContents, 'app.info')
    expect(info).toMatchObject({ ok: true, value: { mode: 'desktop', version: '9.9.9-test', dataDir: path.resolve(dataDir) } })
    if (info.ok) expect(Object.keys((info.value as { versions: object }).versions)).toEqual(expect.arrayContaining(['electron', 'chrome', 'node']))
    expect(fs.existsSync(path.join(dataDir, 'nexus.db'))).toBe(true)
    expect(fs.existsSync(path.join(dataDir, 'nexus.lock'))).toBe(true)

    const stranger = new FakeWebContents('app://nexus/index.html')
    expect(await invoke(electron, stranger, 'app.info')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

    app.emit('will-quit')
    expect(fs.existsSync(path.join(dataDir, 'nexus.lock'))).toBe(false)
    expect(ipcMain.handlers.size).toBe(0)
  })

  it('uses the data dir from --data-dir over NEXUS_DATA_DIR', async () => {
    const flagDir = path.join(tmp, 'flag-dir')
    const argv = process.argv
    process.argv = [...argv, `--data-dir=${flagDir}`]
    try {
      const electron = await boot()
      await electron.app.becomeReady()
      expect(fs.existsSync(path.join(flagDir, 'nexus.db'))).toBe(true)
      expect(fs.existsSync(dataDir)).toBe(false)
      electron.app.emit('will-quit')
    } finally {
      process.argv = argv
    }
  })

  it('defaults the data dir to <userData>/data', async () => {
    delete process.env.NEXUS_DATA_DIR
    const electron = await boot()
    await electron.app.becomeReady()
    expect(electron.app.getPath).toHaveBeenCalledWith('userData')
    expect(fs.existsSync(path.join(tmp, 'userData', 'data', 'nexus.db'))).toBe(true)
    electron.app.emit('will-quit')
  })

  it('loads the dev server in development only', async () => {
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173'
    const dev = await boot()
    await dev.app.becomeReady()
    const devWindow = dev.FakeBrowserWindow.created[0]!
    expect(devWindow.loadURL).toHaveBeenCalledWith('http://localhost:5173')
    expect(await invoke(dev, devWindow.webContents, 'settings.get')).toMatchObject({ ok: true })
    dev.app.emit('will-quit')

    const packaged = await boot((e) => (e.app.isPackaged = true))
    await packaged.app.becomeReady()
    const window = packaged.FakeBrowserWindow.created[0]!
    expect(window.loadURL).toHaveBeenCalledWith('app://nexus/index.html')
    window.webContents.mainFrame.url = 'http://localhost:5173/'
    expect(await invoke(packaged, window.webContents, 'settings.get')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    packaged.app.emit('will-quit')
  })

  it('focuses the first window when a second instance starts, and quits when it is the second instance', async () => {
    const first = await boot()
    await first.app.becomeReady()
    const window = first.FakeBrowserWindow.created[0]!
    window.minimized = true
    first.app.emit('second-instance', {}, [], '/')
    expect(window.restore).toHaveBeenCalled()
    expect(window.focus).toHaveBeenCalled()
    first.app.emit('will-quit')

    const second = await boot((e) => (e.app.singleInstance = false))
    expect(second.app.quit).toHaveBeenCalled()
    await second.app.becomeReady()
    expect(second.FakeBrowserWindow.created).toHaveLength(0)
    expect(second.ipcMain.handlers.size).toBe(0)
  })

  it('quits when the last window closes (except on macOS)', async () => {
    const electron = await boot()
    await electron.app.becomeReady()
    electron.app.emit('window-all-closed')
    expect(electron.app.quit).toHaveBeenCalledTimes(process.platform === 'darwin' ? 0 : 1)
    electron.app.emit('will-quit')
  })
})

describe('electron main entry: the core cannot start', () => {
  async function expectStartFailure(electron: Stub, pattern: RegExp): Promise<string> {
    await electron.app.becomeReady()
    expect(electron.dialog.showErrorBox).toHaveBeenCalledTimes(1)
    const [title, message] = electron.dialog.showErrorBox.mock.calls[0] as [string, string]
    expect(title).toMatch(/NEXUS/)
    expect(message).toMatch(pattern)
    expect(electron.app.exit).toHaveBeenCalledWith(1)
    expect(electron.FakeBrowserWindow.created).toHaveLength(0)
    expect(electron.ipcMain.handlers.size).toBe(0)
    return message
  }

  it('shows DATABASE_CORRUPT with the file name and quits', async () => {
    fs.mkdirSync(dataDir, { recursive: true })
    fs.writeFileSync(path.join(dataDir, 'nexus.db'), 'this is not a database'.repeat(100))
    const message = await expectStartFailure(await boot(), /cannot be read/)
    expect(message).toContain(path.join(dataDir, 'nexus.db'))
  })

  it('shows DATA_DIR_LOCKED when another live process holds the data dir', async () => {
    fs.mkdirSync(dataDir, { recursive: true })
    const lock = { pid: process.ppid, mode: 'headless', startedAt: new Date().toISOString() }
    fs.writeFileSync(path.join(dataDir, 'nexus.lock'), JSON.stringify(lock))
    await expectStartFailure(await boot(), new RegExp(`already running.*pid ${process.ppid}`))
  })

  it('loads the Electron copy of better-sqlite3 from native/ in development, with a repair hint when it is broken', async () => {
    const binding = path.join(appPath, 'native', 'electron', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')
    fs.mkdirSync(path.dirname(binding), { recursive: true })
    fs.writeFileSync(binding, 'not an addon')
    const message = await expectStartFailure(await boot(), /Delete the native\/ folder/)
    expect(message).toContain('better_sqlite3.node')
  })

  it('ignores native/ in a packaged app (electron-builder rebuilt node_modules)', async () => {
    const binding = path.join(appPath, 'native', 'electron', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')
    fs.mkdirSync(path.dirname(binding), { recursive: true })
    fs.writeFileSync(binding, 'not an addon')
    const electron = await boot((e) => (e.app.isPackaged = true))
    await electron.app.becomeReady()
    expect(electron.dialog.showErrorBox).not.toHaveBeenCalled()
    expect(electron.FakeBrowserWindow.created).toHaveLength(1)
    electron.app.emit('will-quit')
  })
})
