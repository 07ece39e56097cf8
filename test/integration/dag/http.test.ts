/**
 * httpRequest against a real local server: JSON and text bodies, and every way a request can
 * fail (dead address, unknown host, time limit, cancel, bad URL, huge or broken answers).
 */
import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { httpRequest, MAX_RESPONSE_BYTES } from '../../../src/main/core/dag/http'
import { sendJson, startFixtureServer, type FixtureServer } from '../../fixtures/providers/server'

let server: FixtureServer

beforeAll(async () => {
  server = await startFixtureServer(async (req, res) => {
    switch (req.path.split('?')[0]) {
      case '/json':
        return sendJson(res, 200, { ok: true, method: req.method, body: req.body, auth: req.headers.authorization ?? null })
      case '/text':
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
        return void res.end('héllo')
      case '/problem':
        return sendJson(res, 404, { error: 'no such city' }, { 'content-type': 'application/problem+json' })
      case '/broken-json':
        res.writeHead(200, { 'content-type': 'application/json' })
        return void res.end('{"ok": tru')
      case '/huge': {
        res.writeHead(200, { 'content-type': 'text/plain' })
        const chunk = Buffer.alloc(1024 * 1024, 'a')
        for (let i = 0; i <= MAX_RESPONSE_BYTES / chunk.length && !res.destroyed; i++) {
          await new Promise<void>((resolve) => res.write(chunk, () => resolve()))
        }
        return void res.end()
      }
      case '/slow':
        return void setTimeout(() => !res.destroyed && sendJson(res, 200, { late: true }), 5_000)
      default:
        return sendJson(res, 200, null)
    }
  })
})

afterAll(() => server.close())

/** A port nothing listens on: bound, then closed. */
async function deadPort(): Promise<number> {
  const s = net.createServer()
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))
  const { port } = s.address() as net.AddressInfo
  await new Promise<void>((resolve) => s.close(() => resolve()))
  return port
}

const signal = (): AbortSignal => new AbortController().signal

describe('httpRequest', () => {
  it('sends method, headers and body, and parses a JSON answer', async () => {
    const res = await httpRequest(
      { method: 'post', url: `${server.url}/json`, headers: { Authorization: 'Bearer t0ken', 'content-type': 'application/json' }, body: '{"city":"Oslo"}', timeoutMs: 5_000 },
      signal()
    )
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('application/json')
    expect(res.body).toEqual({ ok: true, method: 'POST', body: { city: 'Oslo' }, auth: 'Bearer t0ken' })
  })

  it('returns text as text, and error statuses as they are', async () => {
    expect((await httpRequest({ method: 'GET', url: `${server.url}/text`, timeoutMs: 5_000 }, signal())).body).toBe('héllo')
    const problem = await httpRequest({ method: 'GET', url: `${server.url}/problem`, timeoutMs: 5_000 }, signal())
    expect(problem).toMatchObject({ status: 404, statusText: 'Not Found', body: { error: 'no such city' } })
    expect((await httpRequest({ method: 'HEAD', url: `${server.url}/json`, timeoutMs: 5_000 }, signal())).body).toBeNull()
  })

  it('names a dead address and says the connection was refused', async () => {
    const port = await deadPort()
    await expect(httpRequest({ method: 'GET', url: `http://127.0.0.1:${port}/x?key=hidden`, timeoutMs: 5_000 }, signal())).rejects.toMatchObject({
      code: 'NETWORK',
      message: `Could not reach http://127.0.0.1:${port}/x: connection refused.`
    })
  })

  it('says when a host name does not exist', async () => {
    await expect(httpRequest({ method: 'GET', url: 'http://no-such-host.invalid/', timeoutMs: 10_000 }, signal())).rejects.toMatchObject({
      code: 'NETWORK',
      message: expect.stringMatching(/^Could not reach http:\/\/no-such-host\.invalid\/: the host name (no-such-host\.invalid was not found|could not be looked up)/)
    })
  })

  it('stops at its time limit, and when cancelled', async () => {
    await expect(httpRequest({ method: 'GET', url: `${server.url}/slow`, timeoutMs: 200 }, signal())).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: `No complete answer from ${server.url}/slow within 200 ms.`
    })
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 100)
    await expect(httpRequest({ method: 'GET', url: `${server.url}/slow`, timeoutMs: 10_000 }, controller.signal)).rejects.toMatchObject({ code: 'CANCELLED' })
  })

  it('refuses bad URLs, other schemes and a body on GET before sending anything', async () => {
    const before = server.requests.length
    await expect(httpRequest({ method: 'GET', url: 'not a url', timeoutMs: 1_000 }, signal())).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('is not a valid URL') })
    await expect(httpRequest({ method: 'GET', url: 'file:///etc/passwd', timeoutMs: 1_000 }, signal())).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('Only http:// and https://') })
    await expect(httpRequest({ method: 'GET', url: `${server.url}/json`, body: 'x', timeoutMs: 1_000 }, signal())).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('cannot have a body') })
    await expect(httpRequest({ method: 'GET', url: `${server.url}/json`, headers: { 'bad header': 'x' }, timeoutMs: 1_000 }, signal())).rejects.toMatchObject({ code: 'BAD_REQUEST' })
    expect(server.requests.length).toBe(before)
  })

  it('refuses an answer over the size limit, and JSON that does not parse', async () => {
    await expect(httpRequest({ method: 'GET', url: `${server.url}/huge`, timeoutMs: 20_000 }, signal())).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.stringContaining('larger than 10 MB')
    })
    await expect(httpRequest({ method: 'GET', url: `${server.url}/broken-json`, timeoutMs: 5_000 }, signal())).rejects.toMatchObject({
      message: expect.stringMatching(/says it is JSON \(application\/json\) but is not valid JSON/)
    })
  })
})
