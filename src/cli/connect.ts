import path from 'node:path'
import WebSocket from 'ws'
import { NexusClient, type Transport } from '../shared/client'
import { createWsTransport, type SocketLike } from '../shared/ws-transport'
import { createCore, type Core } from '../main/core'
import { readLock } from '../main/core/lock'
import { version } from '../../package.json'

export interface Connection {
  client: NexusClient
  /** 'remote' when talking to the running instance that holds the data dir's lock. */
  via: 'remote' | 'local'
  close(): void
}

export function openCore(dataDir: string, mode: 'cli' | 'headless'): Core {
  return createCore({ dataDir, mode, version, env: process.env })
}

function localTransport(core: Core): Transport {
  const inFlight = new Map<string, AbortController>()
  return {
    async request(name, input, id) {
      const controller = new AbortController()
      inFlight.set(id, controller)
      try {
        return await core.dispatch(name, input, controller.signal)
      } finally {
        inFlight.delete(id)
      }
    },
    cancel: (id) => inFlight.get(id)?.abort(),
    subscribe: (topic, listener) => core.bus.subscribe(topic, (payload, t) => listener(t, payload))
  }
}

/**
 * A client for CLI commands: the running instance when one holds the lock and serves an
 * endpoint, otherwise a core opened in this process for the command's duration.
 */
export function connect(dataDir: string): Connection {
  const lock = readLock(path.resolve(dataDir))
  if (lock?.endpoint) {
    const transport = createWsTransport({
      baseUrl: lock.endpoint.url,
      token: lock.endpoint.token,
      createSocket: (url) => new WebSocket(url) as unknown as SocketLike
    })
    return { client: new NexusClient(transport), via: 'remote', close: () => transport.close() }
  }
  const core = openCore(dataDir, 'cli')
  return { client: new NexusClient(localTransport(core)), via: 'local', close: () => core.close() }
}
