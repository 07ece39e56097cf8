import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  APP_URL,
  CONTENT_SECURITY_POLICY,
  createAppProtocolHandler,
  registerAppScheme,
  resolveAppPath
} from '../../../src/main/protocol'

let base: string
let root: string
let handler: (request: Request) => Promise<Response>
const SECRET = 'TOP-SECRET-CONTENT'

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-protocol-'))
  root = path.join(base, 'renderer')
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true })
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>NEXUS</title>')
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log("hi")')
  fs.writeFileSync(path.join(root, 'assets', 'app.css'), 'body{}')
  fs.writeFileSync(path.join(base, 'secret.txt'), SECRET)
  fs.writeFileSync(path.join(base, 'renderer-secret.txt'), SECRET)
  handler = createAppProtocolHandler(root)
})

afterAll(() => fs.rmSync(base, { recursive: true, force: true }))

const get = (url: string, method = 'GET'): Promise<Response> => handler(new Request(url, { method }))

describe('app:// protocol', () => {
  it('registers app:// as a standard, secure scheme that supports fetch', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() }
    registerAppScheme(protocol)
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) }
    ])
    expect(APP_URL).toBe('app://nexus/index.html')
  })

  it('serves the renderer with a strict Content-Security-Policy', async () => {
    const res = await get('app://nexus/index.html')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await res.text()).toContain('<title>NEXUS</title>')
    const csp = res.headers.get('content-security-policy')
    expect(csp).toBe(CONTENT_SECURITY_POLICY)
    const directives = new Map(csp!.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/)
      return [name, values] as const
    }))
    expect(directives.get('default-src')).toEqual(["'none'"])
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(directives.get('frame-ancestors')).toEqual(["'none'"])
    expect(directives.get('base-uri')).toEqual(["'none'"])
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('serves / as index.html and assets with their MIME types', async () => {
    expect(await (await get('app://nexus/')).text()).toContain('NEXUS')
    const js = await get('app://nexus/assets/app.js')
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect(js.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect((await get('app://nexus/assets/app.css')).headers.get('content-type')).toMatch(/^text\/css/)
  })

  it.each([
    'app://nexus/..%2fsecret.txt',
    'app://nexus/..%2Fsecret.txt',
    'app://nexus/assets/..%2f..%2fsecret.txt',
    'app://nexus/%2e%2e%2fsecret.txt',
    'app://nexus/..%5csecret.txt',
    'app://nexus/assets%2f..%2f..%2fsecret.txt',
    'app://nexus/%2F%2E%2E%2Fsecret.txt',
    'app://nexus/index.html%00.png',
    'app://nexus/%E0%A4%A',
    'app://nexus/..%2frenderer-secret.txt'
  ])('refuses path traversal: %s', async (url) => {
    const res = await get(url)
    expect(res.status).toBe(403)
    expect(await res.text()).not.toContain(SECRET)
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
  })

  it('never serves a file outside the folder, even for URLs the parser normalizes', async () => {
    const absolute = `app://nexus/${encodeURIComponent(path.join(base, 'secret.txt'))}`
    for (const url of ['app://nexus/../secret.txt', 'app://nexus/assets/../../secret.txt', 'app://nexus/%2e%2e/secret.txt', absolute]) {
      const res = await get(url)
      expect(res.status).not.toBe(200)
      expect(await res.text()).not.toContain(SECRET)
    }
  })

  it('maps only paths inside the root', () => {
    expect(resolveAppPath(root, 'app://nexus/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'))
    expect(resolveAppPath(root, 'app://nexus/..%2fsecret.txt')).toBeNull()
    expect(resolveAppPath(root, 'https://nexus/index.html')).toBeNull()
  })

  it('refuses other hosts, unknown files and non-GET methods', async () => {
    expect((await get('app://evil/index.html')).status).toBe(403)
    const missing = await get('app://nexus/nope.js')
    expect(missing.status).toBe(404)
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect((await get('app://nexus/assets')).status).toBe(404)
    expect((await get('app://nexus/index.html', 'POST')).status).toBe(405)
    const head = await get('app://nexus/index.html', 'HEAD')
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  })
})
