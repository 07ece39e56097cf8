/** The main window: locked-down web preferences, shown once the renderer has painted. */
import { BrowserWindow, type WebPreferences } from 'electron'

export interface MainWindowOptions {
  /** The preload bundle, out/preload/index.cjs. */
  preloadPath: string
  /** app://nexus/index.html, or the dev server's URL under `electron-vite dev`. */
  url: string
  icon?: string
  /** Allow opening devtools (development only). */
  devTools?: boolean
}

export function secureWebPreferences(preloadPath: string, devTools = false): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools
  }
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 860,
    minHeight: 560,
    show: false,
    title: 'NEXUS',
    backgroundColor: '#111318',
    autoHideMenuBar: true,
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: secureWebPreferences(options.preloadPath, options.devTools)
  })
  window.once('ready-to-show', () => window.show())
  window.loadURL(options.url).catch((err: unknown) => {
    console.error(`[nexus] could not load ${options.url}:`, err)
  })
  return window
}
