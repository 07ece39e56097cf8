/**
 * A stand-in for the `electron` module (there is no Electron binary on these machines). Test
 * files load it with `vi.mock('electron', () => import('./electron-stub'))` and drive it: it
 * records what the code under test configures and lets the test fire Electron's events.
 */
import { EventEmitter } from 'node:events'
import { vi } from 'vitest'

export class FakeFrame {
  detached = false
  destroyed = false
  parent: FakeFrame | null = null
  private static nextId = 1
  readonly frameTreeNodeId = FakeFrame.nextId++

  constructor(public url: string) {}

  isDestroyed(): boolean {
    return this.destroyed
  }

  /** A child frame (an iframe) of this one. */
  child(url: string): FakeFrame {
    const frame = new FakeFrame(url)
    frame.parent = this
    return frame
  }
}

type WindowOpenHandler = (details: { url: string }) => { action: 'deny' | 'allow' }

export class FakeWebContents extends EventEmitter {
  private static nextId = 1
  readonly id = FakeWebContents.nextId++
  readonly mainFrame: FakeFrame
  readonly send = vi.fn()
  windowOpenHandler: WindowOpenHandler | null = null
  private destroyed = false

  constructor(url = 'app://nexus/index.html') {
    super()
    this.mainFrame = new FakeFrame(url)
  }

  isDestroyed(): boolean {
    return this.destroyed
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler
  }

  destroy(): void {
    this.destroyed = true
    this.emit('destroyed')
  }

  /** Fires an Electron-style cancellable event; returns whether the listener prevented it. */
  fire(name: string, url: string): boolean {
    let prevented = false
    const event = { url, preventDefault: () => (prevented = true) }
    this.emit(name, event)
    return prevented
  }
}

export class FakeIpcMain {
  readonly handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>()
  readonly listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>()

  handle = vi.fn((channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    this.handlers.set(channel, handler)
  })

  removeHandler = vi.fn((channel: string) => {
    this.handlers.delete(channel)
  })

  on = vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
    const set = this.listeners.get(channel) ?? new Set()
    set.add(listener)
    this.listeners.set(channel, set)
    return this
  })

  removeListener = vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
    this.listeners.get(channel)?.delete(listener)
    return this
  })

  /** What `ipcRenderer.invoke` from a page would do. */
  async invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel)
    if (!handler) throw new Error(`No handler registered for '${channel}'`)
    return handler(event, ...args)
  }

  /** What `ipcRenderer.send` from a page would do. */
  emit(channel: string, event: unknown, ...args: unknown[]): void {
    for (const listener of this.listeners.get(channel) ?? []) listener(event, ...args)
  }
}

/** An IPC event as Electron builds it, from a webContents and one of its frames. */
export function ipcEvent(sender: FakeWebContents, senderFrame: FakeFrame | null = sender.mainFrame) {
  return { sender, senderFrame }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly created: FakeBrowserWindow[] = []
  readonly webContents = new FakeWebContents()
  readonly loadURL = vi.fn(async (url: string) => {
    this.webContents.mainFrame.url = url
  })
  readonly show = vi.fn()
  readonly focus = vi.fn()
  readonly restore = vi.fn()
  minimized = false
  destroyed = false

  constructor(public readonly options: Record<string, unknown>) {
    super()
    FakeBrowserWindow.created.push(this)
    app.emit('web-contents-created', {}, this.webContents)
  }

  isMinimized(): boolean {
    return this.minimized
  }

  isDestroyed(): boolean {
    return this.destroyed
  }

  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.created.filter((w) => !w.destroyed)
  }

  static fromWebContents(contents: unknown): FakeBrowserWindow | null {
    return FakeBrowserWindow.created.find((w) => w.webContents === contents) ?? null
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false
  version = '9.9.9-test'
  appPath = '/nonexistent/app'
  userData = '/nonexistent/userData'
  singleInstance = true
  private ready!: () => void
  private readyPromise!: Promise<void>

  constructor() {
    super()
    this.reset()
  }

  /** Back to a fresh, not yet ready app with no listeners. */
  reset(): void {
    this.removeAllListeners()
    this.isPackaged = false
    this.singleInstance = true
    this.readyPromise = new Promise<void>((resolve) => (this.ready = resolve))
  }

  readonly quit = vi.fn()
  readonly exit = vi.fn()
  readonly enableSandbox = vi.fn()
  readonly requestSingleInstanceLock = vi.fn(() => this.singleInstance)
  getVersion = (): string => this.version
  getAppPath = (): string => this.appPath
  getPath = vi.fn((name: string): string => {
    if (name === 'userData') return this.userData
    throw new Error(`getPath(${name}) not stubbed`)
  })
  whenReady = (): Promise<void> => this.readyPromise

  /** Resolves app.whenReady() and lets the ready handlers run. */
  async becomeReady(): Promise<void> {
    this.ready()
    await this.readyPromise
    await new Promise((resolve) => setImmediate(resolve))
  }
}

export const app = new FakeApp()

export const ipcMain = new FakeIpcMain()

export const dialog = {
  showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 1, checkboxChecked: false })),
  showErrorBox: vi.fn()
}

export const shell = { openExternal: vi.fn(async (_url: string) => {}) }

export const protocol = {
  registerSchemesAsPrivileged: vi.fn(),
  handle: vi.fn()
}

export function fakeSession() {
  return {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn()
  }
}

export const session = { defaultSession: fakeSession() }

export const BrowserWindow = FakeBrowserWindow

/** A keyring-less Linux: the core must refuse to persist keys with it. */
export const safeStorage = {
  isEncryptionAvailable: vi.fn(() => true),
  getSelectedStorageBackend: vi.fn(() => 'basic_text'),
  encryptString: vi.fn((text: string) => Buffer.from(text)),
  decryptString: vi.fn((buf: Buffer) => buf.toString())
}

// The preload side.
export const contextBridge = { exposeInMainWorld: vi.fn() }

export const ipcRenderer = {
  invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => undefined),
  send: vi.fn(),
  on: vi.fn()
}

/**
 * Puts the whole stub back to its initial state. vi.resetModules() does not give a mocked
 * module a new instance, so tests that load src/main/index.ts repeatedly call this instead.
 */
export function resetElectronStub(): void {
  vi.clearAllMocks()
  app.reset()
  FakeBrowserWindow.created.length = 0
  ipcMain.handlers.clear()
  ipcMain.listeners.clear()
}

export default {
  app,
  ipcMain,
  dialog,
  shell,
  protocol,
  session,
  BrowserWindow,
  safeStorage,
  contextBridge,
  ipcRenderer
}
