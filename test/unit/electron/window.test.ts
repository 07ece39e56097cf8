import { beforeEach, describe, expect, it, vi } from 'vitest'
import {
  confirmAndOpenExternal,
  denyAllPermissions,
  hardenWebContents,
  isExternalLinkAllowed,
  isTrustedRendererUrl
} from '../../../src/main/security'
import { createMainWindow } from '../../../src/main/window'
import { FakeBrowserWindow, FakeWebContents, dialog, fakeSession, shell } from './electron-stub'

vi.mock('electron', () => import('./electron-stub'))

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

beforeEach(() => {
  dialog.showMessageBox.mockReset()
  dialog.showMessageBox.mockResolvedValue({ response: 1, checkboxChecked: false })
  shell.openExternal.mockReset()
  shell.openExternal.mockResolvedValue(undefined)
})

describe('main window', () => {
  it('uses locked-down web preferences and the sandboxed CommonJS preload', () => {
    const window = createMainWindow({ preloadPath: '/app/out/preload/index.cjs', url: 'app://nexus/index.html' }) as unknown as FakeBrowserWindow
    const prefs = window.options.webPreferences as Record<string, unknown>
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false
    })
    expect(window.loadURL).toHaveBeenCalledWith('app://nexus/index.html')
  })

  it('stays hidden until the renderer has painted', () => {
    const window = createMainWindow({ preloadPath: '/p.cjs', url: 'app://nexus/index.html' }) as unknown as FakeBrowserWindow
    expect(window.options.show).toBe(false)
    expect(window.show).not.toHaveBeenCalled()
    window.emit('ready-to-show')
    expect(window.show).toHaveBeenCalledTimes(1)
  })
})

describe('navigation and new windows', () => {
  function hardened(): FakeWebContents {
    const contents = new FakeWebContents()
    hardenWebContents(contents as never)
    return contents
  }

  it.each(['app://nexus/other.html', 'https://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,hi'])(
    'denies navigating to %s',
    async (url) => {
      const contents = hardened()
      expect(contents.fire('will-navigate', url)).toBe(true)
      await flush()
      expect(shell.openExternal).not.toHaveBeenCalled()
    }
  )

  it('denies redirects and <webview>', () => {
    const contents = hardened()
    expect(contents.fire('will-redirect', 'https://example.com/')).toBe(true)
    expect(contents.fire('will-attach-webview', 'https://example.com/')).toBe(true)
  })

  it.each(['https://example.com/docs', 'http://localhost:8080/', 'file:///etc/passwd', 'javascript:alert(1)', 'app://nexus/index.html', 'not a url'])(
    'denies window.open(%s)',
    async (url) => {
      const contents = hardened()
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' })
      await flush()
    }
  )

  it('opens an http(s) link in the browser only after the user confirms', async () => {
    const contents = hardened()
    dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false })
    contents.windowOpenHandler?.({ url: 'https://example.com/cancelled' })
    await flush()
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(1)
    expect(JSON.stringify(dialog.showMessageBox.mock.calls[0])).toContain('https://example.com/cancelled')
    expect(shell.openExternal).not.toHaveBeenCalled()

    dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false })
    contents.windowOpenHandler?.({ url: 'https://example.com/confirmed' })
    await flush()
    expect(shell.openExternal).toHaveBeenCalledTimes(1)
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.com/confirmed')
    expect(dialog.showMessageBox.mock.invocationCallOrder[1]).toBeLessThan(shell.openExternal.mock.invocationCallOrder[0]!)
  })

  it('offers a clicked http(s) link (a navigation) the same way', async () => {
    const contents = hardened()
    dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false })
    expect(contents.fire('will-navigate', 'http://example.org/')).toBe(true)
    await flush()
    expect(shell.openExternal).toHaveBeenCalledWith('http://example.org/')
  })

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'smb://server/share', 'ms-settings:', 'app://nexus/x', 'data:text/html,x'])(
    'never opens %s externally, not even with a confirmation',
    async (url) => {
      dialog.showMessageBox.mockResolvedValue({ response: 0, checkboxChecked: false })
      const contents = hardened()
      contents.windowOpenHandler?.({ url })
      contents.fire('will-navigate', url)
      expect(await confirmAndOpenExternal(contents as never, url)).toBe(false)
      await flush()
      expect(dialog.showMessageBox).not.toHaveBeenCalled()
      expect(shell.openExternal).not.toHaveBeenCalled()
    }
  )

  it('asks with the owning window as the dialog parent', async () => {
    const window = new FakeBrowserWindow({})
    dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false })
    expect(await confirmAndOpenExternal(window.webContents as never, 'https://example.com/')).toBe(true)
    expect(dialog.showMessageBox.mock.calls[0]?.[0]).toBe(window)
  })

  it('classifies URLs', () => {
    expect(isExternalLinkAllowed('https://a.example/')).toBe(true)
    expect(isExternalLinkAllowed('HTTP://A.EXAMPLE/')).toBe(true)
    expect(isExternalLinkAllowed('javascript:alert(1)')).toBe(false)
    expect(isExternalLinkAllowed('')).toBe(false)
    expect(isTrustedRendererUrl('app://nexus/index.html')).toBe(true)
    expect(isTrustedRendererUrl('app://nexus.evil/index.html')).toBe(false)
    expect(isTrustedRendererUrl('app://nexus:8080/index.html')).toBe(false)
    expect(isTrustedRendererUrl('http://localhost:5173/')).toBe(false)
    expect(isTrustedRendererUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true)
    expect(isTrustedRendererUrl('http://localhost:5173.evil.example/', 'http://localhost:5173')).toBe(false)
  })
})

describe('permissions', () => {
  it('denies every permission request, check and device', () => {
    const session = fakeSession()
    denyAllPermissions(session as never)
    const request = session.setPermissionRequestHandler.mock.calls[0]?.[0] as (
      wc: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: unknown
    ) => void
    const check = session.setPermissionCheckHandler.mock.calls[0]?.[0] as (...args: unknown[]) => boolean
    const device = session.setDevicePermissionHandler.mock.calls[0]?.[0] as (...args: unknown[]) => boolean
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'fileSystem', 'unknown']) {
      const callback = vi.fn()
      request({}, permission, callback, { requestingUrl: 'app://nexus/index.html' })
      expect(callback).toHaveBeenCalledWith(false)
      expect(check({}, permission, 'app://nexus', {})).toBe(false)
    }
    expect(device({ deviceType: 'usb', origin: 'app://nexus' })).toBe(false)
  })
})
