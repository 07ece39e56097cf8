import http from 'node:http'
import fs from 'node:fs'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import sirv from 'sirv'
import { WebSocketServer } from 'ws'
import { MAX_REQUEST_BYTES } from '../shared/contract'
import { NexusError } from '../shared/errors'
import { TOKEN_PARAM, WS_PATH } from '../shared/wire'
import type { Core } from '../main/core'
import { serveSocket } from './socket'
import { newToken, tokenMatches } from './token'

export interface HostOptions {
  core: Core
  /** The built renderer (out/renderer). */
  rendererDir: string
  /** 0 picks a free port. */
  port?: number
  token?: string
}

export interface Host {
  /** The URL to open, token included. */
  url: string
  port: number
  token: string
  close(): Promise<void>
}

const LOOPBACK = '127.0.0.1'

function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ws://${LOOPBACK}:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'"
  ].join('; ')
}

/**
 * The headless host: the same core as the desktop app, serving the built renderer and the
 * contract over a WebSocket, on 127.0.0.1 only. The WebSocket needs the session token that is
 * part of the printed URL, so no other local page or process can talk to the core.
 */
export async function startHost(options: HostOptions): Promise<Host> {
  const { core, rendererDir } = options
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new NexusError('UNAVAILABLE', `The renderer is not built (${rendererDir}). Run npm run build.`)
  }
  const token = options.token ?? newToken()
  let port = 0
  const securityHeaders = (res: http.ServerResponse): void => {
    res.setHeader('Content-Security-Policy', contentSecurityPolicy(port))
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.setHeader('Referrer-Policy', 'no-referrer')
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin')
  }
  const serveStatic = sirv(rendererDir, { single: true, dev: false, setHeaders: securityHeaders })
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end()
      return
    }
    serveStatic(req, res, () => {
      securityHeaders(res)
      res.writeHead(404).end('Not found')
    })
  })

  // Above the contract's input limit so an oversized request still gets a typed error; a frame
  // larger than this closes the connection (code 1009).
  const wss = new WebSocketServer({ noServer: true, maxPayload: 2 * MAX_REQUEST_BYTES })
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}`)
    const origin = req.headers.origin
    const allowedOrigins = [`http://${LOOPBACK}:${port}`, `http://localhost:${port}`]
    const refuse = (status: string): void => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
    }
    if (url.pathname !== WS_PATH) return refuse('404 Not Found')
    if (origin !== undefined && !allowedOrigins.includes(origin)) return refuse('403 Forbidden')
    if (!tokenMatches(token, url.searchParams.get(TOKEN_PARAM))) return refuse('401 Unauthorized')
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, core))
  })
  server.on('clientError', (_err, socket) => socket.destroy())

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new NexusError('UNAVAILABLE', `Port ${options.port} is in use; pick another with --port, or 0 for any.`)
          : err
      )
    )
    server.listen(options.port ?? 0, LOOPBACK, resolve)
  })
  port = (server.address() as AddressInfo).port
  const url = `http://${LOOPBACK}:${port}/?${TOKEN_PARAM}=${token}`
  core.setEndpoint({ url: `http://${LOOPBACK}:${port}`, token })

  return {
    url,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate()
        wss.close()
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
