import WebSocket from 'ws'
import { NexusClient } from '../../../src/shared/client'
import { createWsTransport, type SocketLike } from '../../../src/shared/ws-transport'
import type { RunningHost } from './host'

/** A client of the host from the test process, through the same contract the UI uses. */
export function connectApi(host: RunningHost): { client: NexusClient; close(): void } {
  const transport = createWsTransport({
    baseUrl: host.origin,
    token: host.token,
    // The ws package's socket has the browser WebSocket's shape that SocketLike describes.
    createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
    reconnectMs: 0
  })
  return { client: new NexusClient(transport), close: () => transport.close() }
}
