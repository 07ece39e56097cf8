import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { NexusBridge } from '../../../src/shared/bridge'
import { REQUEST_NAMES, ipcChannels, type Result } from '../../../src/shared/contract'
import { createCore } from '../../../src/main/core'
import { bindIpc } from '../../../src/main/ipc'
import { createSenderCheck } from '../../../src/main/security'
import { createBridge } from '../../../src/preload/index'
import { FakeIpcMain, FakeWebContents, contextBridge, ipcEvent, ipcRenderer } from './electron-stub'

vi.mock('electron', () => import('./electron-stub'))

/** What the page sees: the object given to contextBridge when the preload loaded. */
let exposed: NexusBridge
let onEvent: (event: unknown, ...args: unknown[]) => void

beforeAll(() => {
  expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1)
  const [key, api] = contextBridge.exposeInMainWorld.mock.calls[0] as [string, NexusBridge]
  expect(key).toBe('nexus')
  exposed = api
  const registration = ipcRenderer.on.mock.calls.find(([channel]) => channel === ipcChannels.event)
  onEvent = registration?.[1] as typeof onEvent
})

beforeEach(() => {
  ipcRenderer.invoke.mockReset()
  ipcRenderer.send.mockReset()
})

describe('preload: window.nexus', () => {
  it('exposes exactly the NexusBridge methods under "nexus", and nothing from ipcRenderer', () => {
    expect(Object.keys(exposed).sort()).toEqual(['cancel', 'request', 'subscribe'])
    for (const value of Object.values(exposed)) {
      expect(typeof value).toBe('function')
      expect(value).not.toBe(ipcRenderer.invoke)
      expect(value).not.toBe(ipcRenderer.send)
      expect(value).not.toBe(ipcRenderer.on)
    }
    expect(Object.values(exposed)).not.toContain(ipcRenderer)
  })

  it('listens on the event channel once', () => {
    expect(ipcRenderer.on.mock.calls.filter(([channel]) => channel === ipcChannels.event)).toHaveLength(1)
    expect(typeof onEvent).toBe('function')
  })

  it('sends a contract request to its channel with { id, input } and returns main\'s Result', async () => {
    const answer: Result<unknown> = { ok: true, value: { theme: 'dark' } }
    ipcRenderer.invoke.mockResolvedValueOnce(answer)
    const result = await exposed.request('settings.set', { theme: 'dark' }, 'req-1')
    expect(result).toEqual(answer)
    expect(ipcRenderer.invoke).toHaveBeenCalledWith(ipcChannels.request('settings.set'), { id: 'req-1', input: { theme: 'dark' } })
  })

  it.each(['nope', 'app.info.extra', '__proto__', 'constructor', 'toString', '', 42, null])(
    'answers an unknown request name (%s) with UNKNOWN_REQUEST and no IPC',
    async (name) => {
      const result = await exposed.request(name as string, {}, 'req-2')
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_REQUEST' } })
      if (!result.ok) for (const known of REQUEST_NAMES) expect(result.error.message).toContain(known)
      expect(ipcRenderer.invoke).not.toHaveBeenCalled()
    }
  )

  it('refuses a missing request id without IPC', async () => {
    expect(await exposed.request('app.info', {}, undefined as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    expect(ipcRenderer.invoke).not.toHaveBeenCalled()
  })

  it('turns an IPC failure into a typed Result instead of a rejection', async () => {
    ipcRenderer.invoke.mockRejectedValueOnce(new Error('An object could not be cloned.'))
    expect(await exposed.request('settings.set', { f: () => 1 }, 'req-3')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    ipcRenderer.invoke.mockRejectedValueOnce(new Error("No handler registered for 'nexus:req:app.info'"))
    expect(await exposed.request('app.info', {}, 'req-4')).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } })
  })

  it('cancels by request id on the cancel channel', () => {
    exposed.cancel('req-5')
    expect(ipcRenderer.send).toHaveBeenCalledWith(ipcChannels.cancel, 'req-5')
  })

  it('subscribes once per pattern, delivers (topic, payload) without the IPC event, and unsubscribes after the last listener', () => {
    const first = vi.fn()
    const second = vi.fn()
    const stopFirst = exposed.subscribe('settings.*', first)
    const stopSecond = exposed.subscribe('settings.*', second)
    expect(ipcRenderer.send.mock.calls).toEqual([[ipcChannels.subscribe, 'settings.*']])

    const ipcEventObject = { sender: ipcRenderer, ports: [] }
    onEvent(ipcEventObject, 'settings.changed', { theme: 'dark' })
    onEvent(ipcEventObject, 'jobs.updated', { id: 'j' })
    expect(first).toHaveBeenCalledTimes(1)
    expect(first.mock.calls[0]).toEqual(['settings.changed', { theme: 'dark' }])
    expect(second).toHaveBeenCalledTimes(1)

    stopFirst()
    stopFirst()
    expect(ipcRenderer.send).toHaveBeenCalledTimes(1)
    stopSecond()
    expect(ipcRenderer.send).toHaveBeenLastCalledWith(ipcChannels.unsubscribe, 'settings.*')
    onEvent(ipcEventObject, 'settings.changed', { theme: 'light' })
    expect(first).toHaveBeenCalledTimes(1)
    expect(second).toHaveBeenCalledTimes(1)
  })

  it('keeps delivering when one listener throws', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const good = vi.fn()
    const stopBad = exposed.subscribe('jobs.updated', () => {
      throw new Error('boom')
    })
    const stopGood = exposed.subscribe('jobs.updated', good)
    onEvent({}, 'jobs.updated', { id: 'x' })
    expect(good).toHaveBeenCalledTimes(1)
    expect(error).toHaveBeenCalled()
    stopBad()
    stopGood()
    error.mockRestore()
  })

  it.each(['', 'Settings', 'settings.', '../x', 'a b', 7])('refuses the topic pattern %s', (pattern) => {
    expect(() => exposed.subscribe(pattern as string, () => {})).toThrow(/topic pattern/)
    expect(ipcRenderer.send).not.toHaveBeenCalled()
  })
})

describe('preload + main + real core, wired through fake IPC', () => {
  it('a page request reaches the core and its event comes back to the page', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-bridge-'))
    const core = createCore({ dataDir, mode: 'desktop', version: '0.0.0-test' })
    try {
      const ipcMain = new FakeIpcMain()
      const page = new FakeWebContents('app://nexus/index.html')
      const unbind = bindIpc(ipcMain as never, core, createSenderCheck({ isOurWebContents: (c) => c.id === page.id }) as never)
      let deliver: ((event: unknown, ...args: unknown[]) => void) | undefined
      const bridge = createBridge({
        invoke: (channel: string, ...args: unknown[]) => ipcMain.invoke(channel, ipcEvent(page), ...args),
        send: (channel: string, ...args: unknown[]) => ipcMain.emit(channel, ipcEvent(page), ...args),
        on: (_channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
          deliver = listener
          return undefined as never
        }
      } as never)
      page.send.mockImplementation((channel: string, ...args: unknown[]) => {
        if (channel === ipcChannels.event) deliver?.({}, ...args)
      })

      const seen: unknown[] = []
      bridge.subscribe('settings.changed', (topic, payload) => seen.push([topic, payload]))
      const result = await bridge.request('settings.set', { theme: 'dark' }, 'wired-1')
      expect(result).toMatchObject({ ok: true, value: { theme: 'dark' } })
      expect(seen).toEqual([['settings.changed', expect.objectContaining({ theme: 'dark' })]])
      expect(await bridge.request('settings.set', { theme: 7 }, 'wired-2')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
      expect(await bridge.request('no.such', {}, 'wired-3')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_REQUEST' } })
      unbind()
    } finally {
      core.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
