import { NexusClient, type Transport } from '../../../shared/client'
import { createWsTransport, type SocketLike } from '../../../shared/ws-transport'
import type { ErrorCode } from '../../../shared/errors'
import { bridgeTransport, watchTransport } from './transport'
import { takeSessionToken } from './token'

export type LinkStatus = 'connecting' | 'open' | 'closed'

export interface ClientHooks {
  /** The WebSocket opened or dropped (never called inside Electron: IPC does not drop). */
  onLinkStatus: (status: LinkStatus) => void
  /** A request failed because the core is unreachable or refused this window. */
  onConnectionError: (code: ErrorCode, message: string) => void
}

export interface AppClient {
  client: NexusClient
  /** 'electron' when the preload bridge exists, 'websocket' when served by the headless host. */
  kind: 'electron' | 'websocket'
  /** Origin of the headless host, for a reachability probe; null inside Electron. */
  hostOrigin: string | null
  /** False when the page was opened without a session token (headless host only). */
  hasToken: boolean
}

const RECONNECT_MS = 3000

/** The browser's WebSocket, seen through the small interface the shared transport needs. */
function browserSocket(url: string): SocketLike {
  const ws = new WebSocket(url)
  return {
    get readyState() {
      return ws.readyState
    },
    send: (data) => ws.send(data),
    close: (code, reason) => ws.close(code, reason),
    addEventListener: (type, listener) => ws.addEventListener(type, listener as (event: Event) => void)
  }
}

/** Picks the transport: window.nexus inside Electron, the host's WebSocket elsewhere. */
export function createAppClient(hooks: ClientHooks): AppClient {
  if (window.nexus) {
    // IPC does not drop: an UNAVAILABLE answer is always the core's own.
    const transport = watchTransport(bridgeTransport(window.nexus), hooks.onConnectionError, () => true)
    return { client: new NexusClient(transport), kind: 'electron', hostOrigin: null, hasToken: true }
  }
  const token = takeSessionToken()
  let link: LinkStatus = 'connecting'
  const ws: Transport = createWsTransport({
    baseUrl: window.location.origin,
    token: token ?? '',
    createSocket: browserSocket,
    onStatus: (status) => {
      link = status
      hooks.onLinkStatus(status)
    },
    reconnectMs: RECONNECT_MS
  })
  return {
    client: new NexusClient(watchTransport(ws, hooks.onConnectionError, () => link === 'open')),
    kind: 'websocket',
    hostOrigin: window.location.origin,
    hasToken: token !== null && token !== ''
  }
}
