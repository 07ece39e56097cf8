import WebSocket from 'ws'
import { NexusClient } from '../../../src/shared/client'
import { createWsTransport, type SocketLike } from '../../../src/shared/ws-transport'
import type { RunningHost } from './host'

function nodeSocket(url: string): SocketLike {
  const ws = new WebSocket(url)
  return {
    get readyState() {
      return ws.readyState
    },
    send: (data) => ws.send(data),
    close: (code, reason) => ws.close(code, reason),
    addEventListener: (type, listener) =>
      ws.addEventListener(type, listener as (event: WebSocket.Event) => void)
  }
}

/** A client of the host from the test process, through the same contract the UI uses. */
export function connectApi(host: RunningHost): { client: NexusClient; close(): void } {
  const transport = createWsTransport({
    baseUrl: host.origin,
    token: host.token,
    createSocket: nodeSocket,
    reconnectMs: 0
  })
  return { client: new NexusClient(transport), close: () => transport.close() }
}
