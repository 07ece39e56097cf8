import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { MAX_REQUEST_BYTES, REQUEST_NAMES, ipcChannels, type Result } from '../../../src/shared/contract'
import { createCore, type Core } from '../../../src/main/core'
import { createDispatch } from '../../../src/main/core/api/dispatch'
import { createHandlers } from '../../../src/main/core/api/handlers'
import { bindIpc } from '../../../src/main/ipc'
import { createSenderCheck } from '../../../src/main/security'
import { FakeIpcMain, FakeWebContents, ipcEvent } from './electron-stub'

vi.mock('electron', () => import('./electron-stub'))

const DEV_URL = 'http://localhost:5173'

let dataDir: string
let core: Core
let ipcMain: FakeIpcMain
let ours: Set<number>
let unbind: () => void

function ourWindow(url = 'app://nexus/index.html'): FakeWebContents {
  const contents = new FakeWebContents(url)
  ours.add(contents.id)
  return contents
}

function request(contents: FakeWebContents, name: string, input: unknown, id = `r-${Math.random()}`, frame = contents.mainFrame) {
  return ipcMain.invoke(ipcChannels.request(name as never), ipcEvent(contents, frame), { id, input }) as Promise<Result<unknown>>
}

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-ipc-'))
  core = createCore({ dataDir, mode: 'desktop', version: '0.0.0-test' })
  ipcMain = new FakeIpcMain()
  ours = new Set()
})

afterEach(() => {
  unbind?.()
  core.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

function bind(target: Pick<Core, 'dispatch' | 'bus'> = core, devServerUrl?: string): void {
  unbind = bindIpc(
    ipcMain as never,
    target,
    createSenderCheck({ isOurWebContents: (c) => ours.has(c.id), devServerUrl }) as never
  )
}

describe('bindIpc: binding', () => {
  it('binds every contract request with ipcMain.handle on its own channel, and unbinds them', () => {
    bind()
    const channels = ipcMain.handle.mock.calls.map(([channel]) => channel)
    expect(channels.sort()).toEqual(REQUEST_NAMES.map((n) => ipcChannels.request(n)).sort())
    expect(new Set(channels).size).toBe(REQUEST_NAMES.length)
    expect([...ipcMain.listeners.keys()].sort()).toEqual(
      [ipcChannels.cancel, ipcChannels.subscribe, ipcChannels.unsubscribe].sort()
    )
    unbind()
    expect(ipcMain.handlers.size).toBe(0)
    for (const set of ipcMain.listeners.values()) expect(set.size).toBe(0)
  })

  it('answers a trusted window with the real core', async () => {
    bind()
    const result = await request(ourWindow(), 'app.info', {})
    expect(result).toMatchObject({ ok: true, value: { name: 'NEXUS', mode: 'desktop', dataDir: path.resolve(dataDir) } })
    const saved = await request(ourWindow(), 'settings.set', { theme: 'dark' })
    expect(saved).toMatchObject({ ok: true, value: { theme: 'dark' } })
    expect(core.settings.get().theme).toBe('dark')
  })

  it('gives bad input the BAD_REQUEST result from the core and keeps serving', async () => {
    bind()
    const win = ourWindow()
    const wrongType = await request(win, 'settings.set', { theme: 'purple' })
    expect(wrongType.ok).toBe(false)
    if (wrongType.ok) return
    expect(wrongType.error.code).toBe('BAD_REQUEST')
    expect(wrongType.error.message).toMatch(/settings\.set/)
    expect(wrongType.error.message).toMatch(/theme/)
    const extraKey = await request(win, 'settings.get', { everything: true })
    expect(extraKey).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    const tooBig = await request(win, 'settings.set', { theme: 'x'.repeat(MAX_REQUEST_BYTES + 1) })
    expect(tooBig).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } })
    expect(core.settings.get().theme).toBe('system')
    expect(await request(win, 'settings.get', {})).toMatchObject({ ok: true })
  })

  it('refuses a message without a valid { id, input } envelope', async () => {
    const dispatch = vi.fn(core.dispatch)
    bind({ dispatch, bus: core.bus })
    const win = ourWindow()
    for (const payload of [undefined, 'app.info', { input: {} }, { id: '', input: {} }, { id: 7, input: {} }, { id: 'x'.repeat(101) }]) {
      const result = (await ipcMain.invoke(ipcChannels.request('app.info'), ipcEvent(win), payload)) as Result<unknown>
      expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    }
    expect(dispatch).not.toHaveBeenCalled()
  })
})

describe('bindIpc: sender check', () => {
  it('accepts the top frame of our window on app://', async () => {
    const dispatch = vi.fn(core.dispatch)
    bind({ dispatch, bus: core.bus })
    expect(await request(ourWindow(), 'settings.get', {})).toMatchObject({ ok: true })
    expect(dispatch).toHaveBeenCalledTimes(1)
  })

  it.each([
    ['an iframe inside our window', () => {
      const win = ourWindow()
      return { contents: win, frame: win.mainFrame.child('app://nexus/frame.html') }
    }],
    ['a top frame on another origin', () => {
      const win = ourWindow('https://evil.example/')
      return { contents: win, frame: win.mainFrame }
    }],
    ['a file: page', () => {
      const win = ourWindow('file:///tmp/index.html')
      return { contents: win, frame: win.mainFrame }
    }],
    ['another app:// host', () => {
      const win = ourWindow('app://evil/index.html')
      return { contents: win, frame: win.mainFrame }
    }],
    ['a webContents that is not one of our windows', () => {
      const stranger = new FakeWebContents('app://nexus/index.html')
      return { contents: stranger, frame: stranger.mainFrame }
    }],
    ['a destroyed frame (senderFrame null)', () => {
      const win = ourWindow()
      return { contents: win, frame: null }
    }],
    ['a detached frame', () => {
      const win = ourWindow()
      win.mainFrame.detached = true
      return { contents: win, frame: win.mainFrame }
    }],
    ['the dev server URL when not in development', () => {
      const win = ourWindow(`${DEV_URL}/`)
      return { contents: win, frame: win.mainFrame }
    }]
  ])('refuses %s with FORBIDDEN before the core sees it', async (_label, make) => {
    const dispatch = vi.fn(core.dispatch)
    bind({ dispatch, bus: core.bus })
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { contents, frame } = make()
    for (const name of REQUEST_NAMES) {
      const result = (await ipcMain.invoke(ipcChannels.request(name), ipcEvent(contents, frame as never), {
        id: `f-${name}`,
        input: {}
      })) as Result<unknown>
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    expect(dispatch).not.toHaveBeenCalled()
    expect(warn).toHaveBeenCalled()
    warn.mockRestore()
  })

  it('accepts the dev server origin only when told it is development', async () => {
    bind(core, DEV_URL)
    expect(await request(ourWindow(`${DEV_URL}/index.html`), 'settings.get', {})).toMatchObject({ ok: true })
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    expect(await request(ourWindow('http://localhost:5174/'), 'settings.get', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    })
    warn.mockRestore()
  })
})

describe('bindIpc: cancellation', () => {
  /** The real dispatch, with one handler that runs until it is aborted. */
  function slowCore() {
    let seen: AbortSignal | undefined
    let started!: () => void
    const running = new Promise<void>((resolve) => (started = resolve))
    const handlers = {
      ...createHandlers(core),
      'health.snapshot': (_input: unknown, { signal }: { signal: AbortSignal }) => {
        seen = signal
        started()
        return new Promise<never>(() => {})
      }
    }
    return { target: { dispatch: createDispatch(handlers as never), bus: core.bus }, running, signal: () => seen }
  }

  it('aborts a running request when its id is cancelled by the same window', async () => {
    const slow = slowCore()
    bind(slow.target)
    const win = ourWindow()
    const pending = request(win, 'health.snapshot', {}, 'job-1')
    await slow.running
    expect(slow.signal()?.aborted).toBe(false)
    ipcMain.emit(ipcChannels.cancel, ipcEvent(win), 'job-1')
    expect(slow.signal()?.aborted).toBe(true)
    expect(await pending).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
  })

  it('ignores a cancel from another window or an untrusted frame', async () => {
    const slow = slowCore()
    bind(slow.target)
    const win = ourWindow()
    const pending = request(win, 'health.snapshot', {}, 'job-2')
    await slow.running
    ipcMain.emit(ipcChannels.cancel, ipcEvent(ourWindow()), 'job-2')
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    ipcMain.emit(ipcChannels.cancel, ipcEvent(win, win.mainFrame.child('app://nexus/x.html')), 'job-2')
    warn.mockRestore()
    expect(slow.signal()?.aborted).toBe(false)
    win.destroy()
    expect(slow.signal()?.aborted).toBe(true)
    expect(await pending).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
  })

  it('refuses a second request with an id that is still running', async () => {
    const slow = slowCore()
    bind(slow.target)
    const win = ourWindow()
    void request(win, 'health.snapshot', {}, 'dup')
    await slow.running
    expect(await request(win, 'settings.get', {}, 'dup')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    expect(await request(ourWindow(), 'settings.get', {}, 'dup')).toMatchObject({ ok: true })
  })
})

describe('bindIpc: events', () => {
  it('sends each bus event only to the windows subscribed to a matching pattern', async () => {
    bind()
    const settingsWin = ourWindow()
    const jobsWin = ourWindow()
    const quietWin = ourWindow()
    ipcMain.emit(ipcChannels.subscribe, ipcEvent(settingsWin), 'settings.changed')
    ipcMain.emit(ipcChannels.subscribe, ipcEvent(jobsWin), 'jobs.*')

    expect(await request(quietWin, 'settings.set', { theme: 'light' })).toMatchObject({ ok: true })
    expect(settingsWin.send).toHaveBeenCalledTimes(1)
    expect(settingsWin.send).toHaveBeenCalledWith(ipcChannels.event, 'settings.changed', expect.objectContaining({ theme: 'light' }))
    expect(jobsWin.send).not.toHaveBeenCalled()
    expect(quietWin.send).not.toHaveBeenCalled()

    expect(await request(quietWin, 'db.check', {})).toMatchObject({ ok: true })
    await vi.waitFor(() => expect(jobsWin.send).toHaveBeenCalledWith(ipcChannels.event, 'jobs.updated', expect.objectContaining({ kind: 'db.check' })))
    expect(settingsWin.send.mock.calls.every(([, topic]) => topic === 'settings.changed')).toBe(true)
    expect(quietWin.send).not.toHaveBeenCalled()
  })

  it('sends one message per event even when several patterns match', () => {
    bind()
    const win = ourWindow()
    ipcMain.emit(ipcChannels.subscribe, ipcEvent(win), 'settings.changed')
    ipcMain.emit(ipcChannels.subscribe, ipcEvent(win), 'settings.*')
    ipcMain.emit(ipcChannels.subscribe, ipcEvent(win), '*')
    core.setSettings({ theme: 'dark' })
    expect(win.send).toHaveBeenCalledTimes(1)
  })

  it('ignores invalid patterns and subscriptions from untrusted senders', () => {
    bind()
    const before = core.bus.subscriberCount
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const win = ourWindow()
    for (const bad of ['', 'settings.', '../etc', 'Settings.changed', 42, { topic: '*' }, 'x'.repeat(200)]) {
      ipcMain.emit(ipcChannels.subscribe, ipcEvent(win), bad)
    }
    const iframe = win.mainFrame.child('app://nexus/frame.html')
    ipcMain.emit(ipcChannels.subscribe, ipcEvent(win, iframe), '*')
    const stranger = new FakeWebContents()
    ipcMain.emit(ipcChannels.subscribe, ipcEvent(stranger), '*')
    warn.mockRestore()
    expect(core.bus.subscriberCount).toBe(before)
    core.setSettings({ theme: 'dark' })
    expect(win.send).not.toHaveBeenCalled()
    expect(stranger.send).not.toHaveBeenCalled()
  })

  it('stops forwarding after unsubscribe, after the page leaves our origin, and when the window is destroyed', () => {
    bind()
    const before = core.bus.subscriberCount
    const a = ourWindow()
    const b = ourWindow()
    ipcMain.emit(ipcChannels.subscribe, ipcEvent(a), 'settings.*')
    ipcMain.emit(ipcChannels.subscribe, ipcEvent(b), 'settings.*')
    expect(core.bus.subscriberCount).toBe(before + 2)

    ipcMain.emit(ipcChannels.unsubscribe, ipcEvent(a), 'settings.*')
    expect(core.bus.subscriberCount).toBe(before + 1)
    core.setSettings({ theme: 'dark' })
    expect(a.send).not.toHaveBeenCalled()
    expect(b.send).toHaveBeenCalledTimes(1)

    b.mainFrame.url = 'https://evil.example/'
    core.setSettings({ theme: 'light' })
    expect(b.send).toHaveBeenCalledTimes(1)

    b.destroy()
    expect(core.bus.subscriberCount).toBe(before)
  })
})
