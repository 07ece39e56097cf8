/**
 * The Electron entry: one instance, one core, one locked-down window. Everything the app does
 * lives in the core (src/main/core); this file only wires Electron to it.
 */
import { app, BrowserWindow, dialog, ipcMain, protocol, session } from 'electron'
import fs from 'node:fs'
import { createCore, type Core } from './core'
import { bindIpc } from './ipc'
import { isNativeAbiError, NATIVE_REPAIR_HINT, resolveNativeBinding } from './native'
import { appFiles, desktopDataDir } from './paths'
import { createSafeStorageEncryptor } from './secrets'
import { APP_SCHEME, APP_URL, createAppProtocolHandler, registerAppScheme } from './protocol'
import { createSenderCheck, denyAllPermissions, hardenWebContents } from './security'
import { createMainWindow } from './window'

/** Only `electron-vite dev` sets this; a packaged app always uses app://. */
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL || undefined

let core: Core | undefined
let unbindIpc: (() => void) | undefined
let mainWindow: BrowserWindow | null = null
/** webContents ids of the windows this file created: the only IPC senders we trust. */
const ourContents = new Set<number>()

registerAppScheme(protocol)
app.enableSandbox()

if (!app.requestSingleInstanceLock()) {
  // Another NEXUS is running: it receives 'second-instance' and comes to the front.
  app.quit()
} else {
  app.on('second-instance', focusMainWindow)
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents))
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', () => {
    if (core && BrowserWindow.getAllWindows().length === 0) openMainWindow()
  })
  app.on('will-quit', shutdown)
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => fail(err))
}

function start(): void {
  const dataDir = desktopDataDir(process.argv, process.env, app.getPath('userData'))
  const native = resolveNativeBinding({
    isPackaged: app.isPackaged,
    projectRoot: app.getAppPath(),
    electronVersion: process.versions.electron ?? ''
  })
  if (native.warning) console.warn(`[nexus] ${native.warning}`)
  try {
    core = createCore({
      dataDir,
      mode: 'desktop',
      version: app.getVersion(),
      versions: {
        electron: process.versions.electron ?? '',
        chrome: process.versions.chrome ?? '',
        node: process.versions.node
      },
      nativeBinding: native.binding,
      encryptor: createSafeStorageEncryptor()
    })
  } catch (err) {
    fail(err)
    return
  }
  denyAllPermissions(session.defaultSession)
  protocol.handle(APP_SCHEME, createAppProtocolHandler(appFiles(app.getAppPath()).renderer))
  unbindIpc = bindIpc(
    ipcMain,
    core,
    createSenderCheck({ isOurWebContents: (contents) => ourContents.has(contents.id), devServerUrl })
  )
  openMainWindow()
}

function openMainWindow(): void {
  const files = appFiles(app.getAppPath())
  const window = createMainWindow({
    preloadPath: files.preload,
    url: devServerUrl ?? APP_URL,
    icon: fs.existsSync(files.icon) ? files.icon : undefined,
    devTools: !app.isPackaged
  })
  const id = window.webContents.id
  ourContents.add(id)
  window.on('closed', () => {
    ourContents.delete(id)
    if (mainWindow === window) mainWindow = null
  })
  mainWindow = window
}

function focusMainWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.show()
  mainWindow.focus()
}

/** The core could not start (data dir locked, database corrupt or too new...): say why, quit. */
function fail(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err)
  const detail = isNativeAbiError(message) ? `${message}\n\n${NATIVE_REPAIR_HINT}` : message
  console.error(`[nexus] cannot start: ${detail}`)
  dialog.showErrorBox('NEXUS cannot start', detail)
  app.exit(1)
}

function shutdown(): void {
  unbindIpc?.()
  unbindIpc = undefined
  core?.close()
  core = undefined
}
