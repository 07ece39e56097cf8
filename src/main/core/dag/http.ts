/**
 * HTTP requests of API nodes and http tools, through Node's fetch: http(s) only, a time limit,
 * a size limit on the answer, and failures turned into typed errors that say what happened.
 * Messages name the address without its query string or credentials, where keys usually sit.
 */
import { NexusError } from '../../../shared/errors'
import type { HttpRequest, HttpResponse } from './nodes/types'

export const MAX_RESPONSE_BYTES = 10 * 1024 * 1024

/** How an address is named in messages: scheme, host and path only. */
export function shownUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`
}

function parseUrl(text: string): URL {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new NexusError('BAD_REQUEST', `"${text.length > 200 ? `${text.slice(0, 200)}…` : text}" is not a valid URL: write it in full, like https://example.com/api.`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new NexusError('BAD_REQUEST', `Only http:// and https:// addresses can be requested, not ${url.protocol}//.`)
  }
  return url
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed while sending',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  EAI_AGAIN: 'the host name could not be looked up (DNS did not answer)',
  UND_ERR_SOCKET: 'the connection closed unexpectedly',
  UND_ERR_HEADERS_OVERFLOW: 'the response headers are too large'
}

/** The network error behind fetch's "fetch failed", in words. */
function networkError(err: unknown, url: URL): NexusError {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause
  const code = cause?.code ?? ''
  const where = shownUrl(url)
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') {
    return new NexusError('TIMEOUT', `Could not reach ${where}: the connection timed out.`)
  }
  let reason = NETWORK_REASONS[code]
  if (code === 'ENOTFOUND') reason = `the host name ${url.hostname} was not found (DNS)`
  else if (/CERT|SSL|TLS|SIGNATURE/.test(code)) reason = `its TLS certificate was refused (${code})`
  reason ??= cause?.message ?? (err instanceof Error ? err.message : String(err))
  return new NexusError('NETWORK', `Could not reach ${where}: ${reason}.`, { code: code || null })
}

/** The body, read up to the limit; a larger one is refused rather than cut. */
async function readBody(response: Response, url: URL): Promise<Uint8Array> {
  const tooLarge = (): NexusError =>
    new NexusError('PAYLOAD_TOO_LARGE', `The response from ${shownUrl(url)} is larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MB, the most NEXUS reads.`)
  const declared = Number(response.headers.get('content-length'))
  if (declared > MAX_RESPONSE_BYTES) {
    await response.body?.cancel()
    throw tooLarge()
  }
  if (!response.body) return new Uint8Array()
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = response.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > MAX_RESPONSE_BYTES) {
      await reader.cancel()
      throw tooLarge()
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks)
}

function parseBody(bytes: Uint8Array, contentType: string, url: URL): unknown {
  const text = new TextDecoder().decode(bytes)
  if (!/[/+]json\b/i.test(contentType)) return text
  if (text.trim() === '') return null
  try {
    return JSON.parse(text) as unknown
  } catch (err) {
    throw new NexusError('BAD_REQUEST', `The response from ${shownUrl(url)} says it is JSON (${contentType}) but is not valid JSON: ${(err as Error).message}.`)
  }
}

/** One request, stopped by the signal (CANCELLED) or the request's own time limit (TIMEOUT). */
export async function httpRequest(req: HttpRequest, signal: AbortSignal): Promise<HttpResponse> {
  const url = parseUrl(req.url)
  const method = req.method.toUpperCase()
  const hasBody = req.body !== undefined && req.body !== ''
  if (hasBody && (method === 'GET' || method === 'HEAD')) {
    throw new NexusError('BAD_REQUEST', `A ${method} request cannot have a body: use POST, PUT or PATCH, or remove the body.`)
  }
  let headers: Headers
  try {
    headers = new Headers(req.headers)
  } catch (err) {
    throw new NexusError('BAD_REQUEST', `A request header is not valid: ${(err as Error).message}`)
  }
  if (signal.aborted) throw new NexusError('CANCELLED', 'The request was cancelled.')
  const timeout = AbortSignal.timeout(req.timeoutMs)
  const both = AbortSignal.any([signal, timeout])
  try {
    const response = await fetch(url, { method, headers, body: hasBody ? req.body : undefined, signal: both })
    const bytes = await readBody(response, url)
    return {
      status: response.status,
      statusText: response.statusText,
      headers: Object.fromEntries(response.headers),
      body: method === 'HEAD' ? null : parseBody(bytes, response.headers.get('content-type') ?? '', url)
    }
  } catch (err) {
    if (err instanceof NexusError) throw err
    if (signal.aborted) throw new NexusError('CANCELLED', 'The request was cancelled.')
    if (timeout.aborted) throw new NexusError('TIMEOUT', `No complete answer from ${shownUrl(url)} within ${req.timeoutMs} ms.`)
    throw networkError(err, url)
  }
}
