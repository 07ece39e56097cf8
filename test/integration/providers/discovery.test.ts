import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_CANDIDATES, discoverLocalProviders, type LocalCandidate } from '../../../src/main/core/providers/discovery'
import { startOllamaServer } from '../../fixtures/providers/ollama-server'
import { sendJson, startFixtureServer, type FixtureServer } from '../../fixtures/providers/server'
import { closedPort } from '../../helpers/chat-events'

const servers: { close(): Promise<void> | void }[] = []
let ollama: FixtureServer
let lmstudio: FixtureServer
let llamacppHealthOnly: FixtureServer
let htmlServer: FixtureServer
let wrongJson: FixtureServer
let rawGarbage: net.Server
let silent: net.Server

const portOf = (s: net.Server) => (s.address() as net.AddressInfo).port

async function tcpServer(onConnection: (socket: net.Socket) => void): Promise<net.Server> {
  const server = net.createServer(onConnection)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const sockets = new Set<net.Socket>()
  server.on('connection', (s) => sockets.add(s))
  servers.push({ close: () => void (sockets.forEach((s) => s.destroy()), server.close()) })
  return server
}

beforeAll(async () => {
  ollama = await startOllamaServer()
  lmstudio = await startFixtureServer((req, res) =>
    req.path === '/v1/models'
      ? sendJson(res, 200, { object: 'list', data: [{ id: 'qwen2.5-7b-instruct', object: 'model', owned_by: 'organization_owner' }, { id: 'text-embedding-nomic', object: 'model', owned_by: 'organization_owner' }] })
      : sendJson(res, 404, { error: 'Unexpected endpoint or method.' })
  )
  llamacppHealthOnly = await startFixtureServer((req, res) =>
    req.path === '/health' ? sendJson(res, 200, { status: 'ok' }) : sendJson(res, 404, { error: { code: 404, message: 'File Not Found' } })
  )
  htmlServer = await startFixtureServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' })
    res.end('<html><body>router admin</body></html>')
  })
  wrongJson = await startFixtureServer((_req, res) => sendJson(res, 200, { hello: 'world' }))
  rawGarbage = await tcpServer((socket) => socket.end('\x00\x01garbage, not HTTP\r\n\r\n'))
  silent = await tcpServer(() => undefined)
  servers.push(ollama, lmstudio, llamacppHealthOnly, htmlServer, wrongJson)
})
afterAll(async () => {
  for (const s of servers) await s.close()
})

const candidate = (kind: LocalCandidate['kind'], preset: LocalCandidate['preset'], name: string, port: number): LocalCandidate => ({ kind, preset, name, port })

describe('discoverLocalProviders', () => {
  it('finds Ollama and OpenAI-compatible servers on the injected ports, with model counts', async () => {
    const found = await discoverLocalProviders({
      candidates: [
        candidate('ollama', null, 'Ollama', ollama.port),
        candidate('openai-compatible', 'lmstudio', 'LM Studio', lmstudio.port),
        candidate('openai-compatible', 'llamacpp', 'llama.cpp server', llamacppHealthOnly.port)
      ]
    })
    expect(found).toEqual([
      { kind: 'ollama', preset: null, name: 'Ollama', baseUrl: ollama.url, modelCount: 4 },
      { kind: 'openai-compatible', preset: 'lmstudio', name: 'LM Studio', baseUrl: `${lmstudio.url}/v1`, modelCount: 2 },
      { kind: 'openai-compatible', preset: 'llamacpp', name: 'llama.cpp server', baseUrl: `${llamacppHealthOnly.url}/v1`, modelCount: 0 }
    ])
  })

  it('ignores closed ports, garbage, a different API and silence, within the timeout', async () => {
    const started = Date.now()
    const found = await discoverLocalProviders({
      timeoutMs: 300,
      candidates: [
        candidate('ollama', null, 'Ollama', await closedPort()),
        candidate('ollama', null, 'Ollama', htmlServer.port),
        // An OpenAI-compatible server on Ollama's port is not Ollama.
        candidate('ollama', null, 'Ollama', lmstudio.port),
        candidate('openai-compatible', 'vllm', 'vLLM', wrongJson.port),
        candidate('openai-compatible', 'lmstudio', 'LM Studio', portOf(rawGarbage)),
        candidate('openai-compatible', 'llamacpp', 'llama.cpp server', portOf(silent)),
        candidate('openai-compatible', 'lmstudio', 'LM Studio', lmstudio.port)
      ]
    })
    expect(found.map((f) => f.baseUrl)).toEqual([`${lmstudio.url}/v1`])
    expect(Date.now() - started).toBeLessThan(1500)
  })

  it('returns an empty list fast when nothing answers', async () => {
    const started = Date.now()
    const ports = await Promise.all(DEFAULT_CANDIDATES.map(() => closedPort()))
    const found = await discoverLocalProviders({ candidates: DEFAULT_CANDIDATES.map((c, i) => ({ ...c, port: ports[i]! })) })
    expect(found).toEqual([])
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it('probes the four default ports of Ollama, LM Studio, llama.cpp and vLLM', () => {
    expect(DEFAULT_CANDIDATES.map((c) => [c.preset ?? c.kind, c.port])).toEqual([
      ['ollama', 11434],
      ['lmstudio', 1234],
      ['llamacpp', 8080],
      ['vllm', 8000]
    ])
  })

  it('stops at once when the caller aborts', async () => {
    const found = await discoverLocalProviders({ signal: AbortSignal.abort(), candidates: [candidate('ollama', null, 'Ollama', ollama.port)] })
    expect(found).toEqual([])
  })
})
