/**
 * The sandboxed preload: exposes `window.nexus` (NexusBridge) and nothing else. The page never
 * sees ipcRenderer, IPC event objects or channel names; main checks every message again.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { NexusBridge } from '../shared/bridge'
import {
  REQUEST_NAMES,
  TopicPattern,
  ipcChannels,
  isRequestName,
  topicMatches,
  type Result
} from '../shared/contract'

type IpcRendererLike = Pick<typeof ipcRenderer, 'invoke' | 'send' | 'on'>
type Listener = (topic: string, payload: unknown) => void

function failure(code: 'UNKNOWN_REQUEST' | 'BAD_REQUEST' | 'UNAVAILABLE', message: string): Result<never> {
  return { ok: false, error: { code, message } }
}

export function createBridge(ipc: IpcRendererLike): NexusBridge {
  /** Local listeners by pattern; main only learns the set of patterns. */
  const listeners = new Map<string, Set<{ listener: Listener }>>()

  ipc.on(ipcChannels.event, (_event: IpcRendererEvent, topic: unknown, payload: unknown) => {
    if (typeof topic !== 'string') return
    for (const [pattern, entries] of listeners) {
      if (!topicMatches(pattern, topic)) continue
      for (const entry of [...entries]) {
        try {
          entry.listener(topic, payload)
        } catch (err) {
          console.error(`[nexus] a listener for ${topic} failed:`, err)
        }
      }
    }
  })

  return {
    async request(name, input, requestId) {
      if (!isRequestName(name)) {
        return failure(
          'UNKNOWN_REQUEST',
          `Unknown request ${JSON.stringify(name)}. Known requests: ${REQUEST_NAMES.join(', ')}.`
        )
      }
      if (typeof requestId !== 'string' || requestId.length === 0 || requestId.length > 100) {
        return failure('BAD_REQUEST', 'A request id must be a string of 1 to 100 characters.')
      }
      try {
        return (await ipc.invoke(ipcChannels.request(name), { id: requestId, input })) as Result<unknown>
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err)
        if (/could not be cloned/i.test(message)) {
          return failure('BAD_REQUEST', `The input of "${name}" is not plain data and cannot be sent.`)
        }
        return failure('UNAVAILABLE', `The NEXUS core did not answer "${name}": ${message}`)
      }
    },

    cancel(requestId) {
      if (typeof requestId === 'string') ipc.send(ipcChannels.cancel, requestId)
    },

    subscribe(topic, listener) {
      const pattern = TopicPattern.safeParse(topic)
      if (!pattern.success) throw new TypeError(`${JSON.stringify(topic)} is not a topic pattern.`)
      if (typeof listener !== 'function') throw new TypeError('subscribe needs a listener function.')
      const key = pattern.data
      let entries = listeners.get(key)
      if (!entries) {
        entries = new Set()
        listeners.set(key, entries)
        ipc.send(ipcChannels.subscribe, key)
      }
      const entry = { listener }
      entries.add(entry)
      let active = true
      return () => {
        if (!active) return
        active = false
        const current = listeners.get(key)
        if (!current) return
        current.delete(entry)
        if (current.size === 0) {
          listeners.delete(key)
          ipc.send(ipcChannels.unsubscribe, key)
        }
      }
    }
  }
}

contextBridge.exposeInMainWorld('nexus', createBridge(ipcRenderer))
