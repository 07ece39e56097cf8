import type { Result } from './contract'
import { topicMatches } from './contract'
import { NexusError, type SerializedError } from './errors'
import type { Transport } from './client'
import { ServerFrame, WS_PATH, TOKEN_PARAM, type ClientFrame } from './wire'

/** The subset of the WebSocket API both the browser's and the `ws` package's sockets offer. */
export interface SocketLike {
  readonly readyState: number
  send(data: string): void
  close(code?: number, reason?: string): void
  addEventListener(type: 'open' | 'close' | 'error' | 'message', listener: (event: never) => void): void
}
export type SocketFactory = (url: string) => SocketLike

const OPEN = 1

export interface WsTransportOptions {
  /** Origin of the host, e.g. http://127.0.0.1:5000 */
  baseUrl: string
  token: string
  createSocket: SocketFactory
  /** Called whenever the connection opens or drops, so the UI can say so. */
  onStatus?: (status: 'connecting' | 'open' | 'closed') => void
  /** Delay before reconnecting after a drop; 0 disables reconnection (the CLI). */
  reconnectMs?: number
}

export function wsUrl(baseUrl: string, token: string): string {
  const url = new URL(WS_PATH, baseUrl)
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  url.searchParams.set(TOKEN_PARAM, token)
  return url.toString()
}

/**
 * A Transport over the headless host's WebSocket: requests are matched to responses by id,
 * subscriptions are re-sent after a reconnect, and pending requests fail with UNAVAILABLE
 * when the connection drops.
 */
export function createWsTransport(options: WsTransportOptions): Transport & { close(): void } {
  const pending = new Map<string, (result: Result<unknown>) => void>()
  const listeners = new Map<string, Set<(topic: string, payload: unknown) => void>>()
  let socket: SocketLike | null = null
  let opened: Promise<void> | null = null
  let closedByUser = false

  const fail = (id: string, error: SerializedError): void => {
    pending.get(id)?.({ ok: false, error })
    pending.delete(id)
  }

  const connect = (): Promise<void> => {
    if (opened) return opened
    options.onStatus?.('connecting')
    const ws = options.createSocket(wsUrl(options.baseUrl, options.token))
    socket = ws
    opened = new Promise<void>((resolve, reject) => {
      ws.addEventListener('open', () => {
        options.onStatus?.('open')
        for (const topic of listeners.keys()) send({ t: 'sub', topic })
        resolve()
      })
      ws.addEventListener('error', () => reject(unavailable()))
      ws.addEventListener('close', () => {
        socket = null
        opened = null
        options.onStatus?.('closed')
        for (const id of [...pending.keys()]) fail(id, unavailable().toJSON())
        reject(unavailable())
        if (!closedByUser && options.reconnectMs && listeners.size > 0) {
          setTimeout(() => void connect().catch(() => {}), options.reconnectMs)
        }
      })
      ws.addEventListener('message', (event: { data: unknown }) => onMessage(event.data))
    })
    return opened
  }

  const onMessage = (data: unknown): void => {
    let frame: ServerFrame
    try {
      frame = ServerFrame.parse(JSON.parse(String(data)))
    } catch {
      return
    }
    if (frame.t === 'res') {
      const resolve = pending.get(frame.id)
      pending.delete(frame.id)
      resolve?.(frame.ok ? { ok: true, value: frame.value } : { ok: false, error: frame.error })
    } else if (frame.t === 'evt') {
      for (const [pattern, set] of listeners) {
        if (topicMatches(pattern, frame.topic)) for (const l of set) l(frame.topic, frame.payload)
      }
    }
  }

  const send = (frame: ClientFrame): void => {
    if (socket?.readyState === OPEN) socket.send(JSON.stringify(frame))
  }

  return {
    async request(name, input, id) {
      await connect()
      return new Promise((resolve) => {
        pending.set(id, resolve)
        send({ t: 'req', id, name, input })
      })
    },
    cancel(id) {
      send({ t: 'cancel', id })
      fail(id, { code: 'CANCELLED', message: 'The request was cancelled.' })
    },
    subscribe(topic, listener) {
      let set = listeners.get(topic)
      if (!set) {
        set = new Set()
        listeners.set(topic, set)
        if (socket?.readyState === OPEN) send({ t: 'sub', topic })
        else void connect().catch(() => {})
      }
      set.add(listener)
      return () => {
        set.delete(listener)
        if (set.size === 0) {
          listeners.delete(topic)
          send({ t: 'unsub', topic })
        }
      }
    },
    close() {
      closedByUser = true
      socket?.close()
    }
  }
}

function unavailable(): NexusError {
  return new NexusError('UNAVAILABLE', 'The NEXUS core is not reachable. Is it still running?')
}
