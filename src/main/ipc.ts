/**
 * Binds the contract to Electron IPC: one `ipcMain.handle` per request, cancellation by request
 * id, and event subscriptions per webContents. Every message is checked against the sender
 * check first; the core validates inputs itself (core.dispatch never throws).
 */
import type { IpcMain, IpcMainEvent, WebContents } from 'electron'
import { z } from 'zod'
import {
  REQUEST_NAMES,
  TopicPattern,
  ipcChannels,
  topicMatches,
  type RequestName,
  type Result
} from '../shared/contract'
import { toSerializedError } from '../shared/errors'
import type { Core } from './core'
import type { SenderCheck } from './security'

export type IpcCore = Pick<Core, 'dispatch' | 'bus'>
export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler' | 'on' | 'removeListener'>

/** What the preload sends with every request. */
const Envelope = z.object({ id: z.string().min(1).max(100), input: z.unknown() })

interface SenderState {
  contents: WebContents
  /** Topic patterns this webContents subscribed to. */
  patterns: Set<string>
  /** Requests still running, by the renderer's request id. */
  inFlight: Map<string, AbortController>
  stopForwarding?: () => void
}

function refused(name: RequestName): Result<never> {
  return {
    ok: false,
    error: {
      code: 'FORBIDDEN',
      message: `"${name}" was refused: requests are only accepted from the NEXUS window itself.`
    }
  }
}

/** Returns a function that removes every handler and listener it added. */
export function bindIpc(ipcMain: IpcMainLike, core: IpcCore, isTrustedSender: SenderCheck): () => void {
  const states = new Map<number, SenderState>()

  const release = (id: number): void => {
    const state = states.get(id)
    if (!state) return
    states.delete(id)
    state.stopForwarding?.()
    for (const controller of state.inFlight.values()) controller.abort()
  }

  const stateOf = (contents: WebContents): SenderState => {
    let state = states.get(contents.id)
    if (!state) {
      state = { contents, patterns: new Set(), inFlight: new Map() }
      states.set(contents.id, state)
      const id = contents.id
      contents.once('destroyed', () => release(id))
    }
    return state
  }

  const startForwarding = (state: SenderState): void => {
    if (state.stopForwarding) return
    state.stopForwarding = core.bus.subscribe('*', (payload, topic) => {
      const { contents } = state
      if (contents.isDestroyed()) return release(contents.id)
      if (![...state.patterns].some((pattern) => topicMatches(pattern, topic))) return
      // The page may have changed since it subscribed: only a trusted page still gets events.
      if (!isTrustedSender({ sender: contents, senderFrame: contents.mainFrame })) return
      contents.send(ipcChannels.event, topic, payload)
    })
  }

  const warn = (what: string, event: IpcMainEvent): void => {
    console.warn(`[nexus] refused ${what} from ${event.senderFrame?.url ?? 'a destroyed frame'}`)
  }

  for (const name of REQUEST_NAMES) {
    ipcMain.handle(ipcChannels.request(name), async (event, payload: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event)) {
        console.warn(`[nexus] refused "${name}" from ${event.senderFrame?.url ?? 'a destroyed frame'}`)
        return refused(name)
      }
      const envelope = Envelope.safeParse(payload)
      if (!envelope.success) {
        return {
          ok: false,
          error: {
            code: 'BAD_REQUEST',
            message: `"${name}" was sent without a valid envelope: expected { id, input } with an id of 1 to 100 characters.`
          }
        }
      }
      const { id, input } = envelope.data
      const state = stateOf(event.sender)
      if (state.inFlight.has(id)) {
        return {
          ok: false,
          error: { code: 'BAD_REQUEST', message: `Request id ${JSON.stringify(id)} is already in use.` }
        }
      }
      const controller = new AbortController()
      state.inFlight.set(id, controller)
      try {
        return await core.dispatch(name, input, controller.signal)
      } catch (err) {
        return { ok: false, error: toSerializedError(err) }
      } finally {
        if (state.inFlight.get(id) === controller) state.inFlight.delete(id)
      }
    })
  }

  const onCancel = (event: IpcMainEvent, id: unknown): void => {
    if (!isTrustedSender(event)) return warn('a cancel', event)
    if (typeof id !== 'string') return
    states.get(event.sender.id)?.inFlight.get(id)?.abort()
  }

  const onSubscribe = (event: IpcMainEvent, pattern: unknown): void => {
    if (!isTrustedSender(event)) return warn('a subscription', event)
    const parsed = TopicPattern.safeParse(pattern)
    if (!parsed.success) {
      console.warn(`[nexus] ignored a subscription to ${JSON.stringify(pattern)}: not a topic pattern`)
      return
    }
    const state = stateOf(event.sender)
    state.patterns.add(parsed.data)
    startForwarding(state)
  }

  const onUnsubscribe = (event: IpcMainEvent, pattern: unknown): void => {
    if (!isTrustedSender(event) || typeof pattern !== 'string') return
    const state = states.get(event.sender.id)
    if (!state) return
    state.patterns.delete(pattern)
    if (state.patterns.size === 0) {
      state.stopForwarding?.()
      state.stopForwarding = undefined
    }
  }

  ipcMain.on(ipcChannels.cancel, onCancel)
  ipcMain.on(ipcChannels.subscribe, onSubscribe)
  ipcMain.on(ipcChannels.unsubscribe, onUnsubscribe)

  return () => {
    for (const name of REQUEST_NAMES) ipcMain.removeHandler(ipcChannels.request(name))
    ipcMain.removeListener(ipcChannels.cancel, onCancel)
    ipcMain.removeListener(ipcChannels.subscribe, onSubscribe)
    ipcMain.removeListener(ipcChannels.unsubscribe, onUnsubscribe)
    for (const id of [...states.keys()]) release(id)
  }
}
