import fs from 'node:fs'
import path from 'node:path'
import WebSocket from 'ws'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../src/main/core'
import { startHost, type Host } from '../../src/host'
import { NexusClient } from '../../src/shared/client'
import { MAX_REQUEST_BYTES } from '../../src/shared/contract'
import { createWsTransport, wsUrl, type SocketLike } from '../../src/shared/ws-transport'
import { tempDir } from '../helpers/tmp'

const running: { core: Core; host: Host }[] = []

async function boot(): Promise<{ core: Core; host: Host; base: string }> {
  const rendererDir = tempDir()
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>NEXUS</title>')
  const core = createCore({ dataDir: tempDir(), mode: 'headless', version: '1.2.3' })
  const host = await startHost({ core, rendererDir, port: 0 })
  running.push({ core, host })
  return { core, host, base: `http://127.0.0.1:${host.port}` }
}

afterEach(async () => {
  for (const { core, host } of running.splice(0)) {
    await host.close()
    core.close()
  }
})

function client(base: string, token: string): NexusClient & { close(): void } {
  const transport = createWsTransport({
    baseUrl: base,
    token,
    createSocket: (url) => new WebSocket(url) as unknown as SocketLike
  })
  return Object.assign(new NexusClient(transport), { close: () => transport.close() })
}

/** A raw socket for sending frames the typed client never would. */
async function raw(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  const ws = new WebSocket(url, { headers })
  await new Promise((resolve, reject) => {
    ws.once('open', resolve)
    ws.once('error', reject)
  })
  return ws
}

function nextFrame(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))))
}

function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers })
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
    ws.once('open', () => {
      ws.close()
      resolve(101)
    })
    ws.once('error', () => {})
  })
}

describe('headless host', () => {
  it('serves the contract to a client holding the token, with events', async () => {
    const { host, base, core } = await boot()
    expect(host.url).toBe(`${base}/?token=${host.token}`)
    const c = client(base, host.token)
    try {
      expect(await c.call('app.info')).toMatchObject({ version: '1.2.3', mode: 'headless', dataDir: core.dataDir })
      const themes: string[] = []
      c.on('settings.changed', (s) => themes.push(s.theme))
      await expect.poll(() => core.bus.subscriberCount).toBeGreaterThan(0)
      await c.call('settings.set', { theme: 'light' })
      await expect.poll(() => themes).toEqual(['light'])
      expect(core.settings.get().theme).toBe('light')
      await expect(c.call('settings.set', { theme: 'neon' } as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' })
    } finally {
      c.close()
    }
  })

  it('refuses the WebSocket without the right token or from a foreign page', async () => {
    const { host, base } = await boot()
    expect(await upgradeStatus(wsUrl(base, 'wrong'))).toBe(401)
    expect(await upgradeStatus(`${base.replace('http', 'ws')}/ws`)).toBe(401)
    expect(await upgradeStatus(wsUrl(base, host.token), { Origin: 'http://evil.example' })).toBe(403)
    expect(await upgradeStatus(wsUrl(base, host.token), { Origin: base })).toBe(101)
  })

  it('answers malformed frames with a typed error and keeps the connection working', async () => {
    const { host, base } = await boot()
    const ws = await raw(wsUrl(base, host.token))
    try {
      ws.send('{not json')
      expect(await nextFrame(ws)).toMatchObject({ t: 'err', error: { code: 'BAD_REQUEST', message: 'The frame is not valid JSON.' } })
      ws.send(JSON.stringify({ t: 'launch', id: 1 }))
      expect(await nextFrame(ws)).toMatchObject({ t: 'err', error: { code: 'BAD_REQUEST' } })
      ws.send(Buffer.from([1, 2, 3]), { binary: true })
      expect(await nextFrame(ws)).toMatchObject({ t: 'err', error: { code: 'BAD_REQUEST' } })
      ws.send(JSON.stringify({ t: 'req', id: 'a', name: 'app.delete', input: {} }))
      expect(await nextFrame(ws)).toMatchObject({ t: 'res', id: 'a', ok: false, error: { code: 'UNKNOWN_REQUEST' } })
      ws.send(JSON.stringify({ t: 'req', id: 'b', name: 'settings.set', input: { theme: 'x'.repeat(MAX_REQUEST_BYTES) } }))
      expect(await nextFrame(ws)).toMatchObject({ t: 'res', id: 'b', ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } })
      ws.send(JSON.stringify({ t: 'req', id: 'c', name: 'settings.get', input: {} }))
      expect(await nextFrame(ws)).toMatchObject({ t: 'res', id: 'c', ok: true, value: { theme: 'system' } })
    } finally {
      ws.close()
    }
  })

  it('closes only the offending connection when a frame exceeds the transport limit', async () => {
    const { host, base } = await boot()
    const ws = await raw(wsUrl(base, host.token))
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
    ws.send('x'.repeat(2 * MAX_REQUEST_BYTES + 1))
    expect(await closed).toBe(1009)
    const c = client(base, host.token)
    try {
      expect((await c.call('settings.get')).theme).toBe('system')
    } finally {
      c.close()
    }
  })

  it('serves the renderer with a strict CSP and never files outside it', async () => {
    const { base } = await boot()
    const page = await fetch(`${base}/`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'.*frame-ancestors 'none'/)
    expect(await page.text()).toContain('<title>NEXUS</title>')
    const escape = await fetch(`${base}/..%2f..%2f..%2fetc%2fpasswd`)
    expect(await escape.text()).not.toContain('root:')
    expect((await fetch(`${base}/`, { method: 'POST' })).status).toBe(405)
  })

  it('records its endpoint in the data dir lock for the CLI', async () => {
    const { host, core } = await boot()
    const lock = JSON.parse(fs.readFileSync(path.join(core.dataDir, 'nexus.lock'), 'utf8'))
    expect(lock).toMatchObject({ pid: process.pid, endpoint: { url: `http://127.0.0.1:${host.port}`, token: host.token } })
  })
})
