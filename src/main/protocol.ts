/**
 * The renderer is served from `app://nexus/...` rather than file://: a real origin for CSP and
 * fetch, no file-protocol privileges, and nothing outside the built renderer folder can be read.
 * Nothing here needs electron at runtime (the protocol module is passed in), so the headless
 * host can reuse the CSP.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import type { Protocol } from 'electron'

export const APP_SCHEME = 'app'
export const APP_HOST = 'nexus'
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

/** No inline script, no eval, no remote code; the page may only talk to its own origin. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'"
].join('; ')

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm'
}

/** Must run before app 'ready': makes app:// a standard, secure origin that can use fetch. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }
  ])
}

function respond(status: number, body: string): Response {
  return new Response(body, {
    status,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff'
    }
  })
}

/**
 * Maps a request URL to a file inside `rootDir`, or null when the URL is not ours or would
 * leave the folder (`..`, encoded separators, absolute paths, NUL bytes).
 */
export function resolveAppPath(rootDir: string, requestUrl: string): string | null {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return null
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null
  let pathname: string
  try {
    pathname = decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  // NUL bytes and backslashes (a separator on Windows) never name a file of the renderer.
  if (pathname.includes('\0') || pathname.includes('\\')) return null
  const relative = pathname.replace(/^\/+/, '') || 'index.html'
  if (path.isAbsolute(relative) || /^[a-zA-Z]:/.test(relative)) return null
  const root = path.resolve(rootDir)
  const file = path.resolve(root, relative)
  const inside = path.relative(root, file)
  if (inside === '' || inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) {
    return null
  }
  return file
}

/** The handler for `protocol.handle('app', ...)`: static files from the built renderer. */
export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return respond(405, 'Method not allowed')
    const file = resolveAppPath(rootDir, request.url)
    if (!file) return respond(403, 'Forbidden')
    let body: Buffer
    try {
      body = await fs.readFile(file)
    } catch {
      return respond(404, 'Not found')
    }
    const type = MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': type,
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-cache'
      }
    })
  }
}
