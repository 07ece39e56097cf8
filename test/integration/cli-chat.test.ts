import { spawn } from 'node:child_process'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startOpenAIFixture, type OpenAIFixture } from '../fixtures/providers/openai-server'
import { tempDir } from '../helpers/tmp'

const BIN = path.resolve(__dirname, '../../bin/nexus.js')
const KEY = 'sk-cli-test-0123456789abcdef'
const fixtures: OpenAIFixture[] = []
afterEach(async () => {
  for (const f of fixtures.splice(0)) await f.close()
})

function run(args: string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH, HOME: tempDir(), NEXUS_DATA_DIR: tempDir(), ...env },
      stdio: ['pipe', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += String(d)))
    child.stderr.on('data', (d) => (stderr += String(d)))
    child.stdin.end(stdin ?? '')
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

async function fake(): Promise<OpenAIFixture> {
  const f = await startOpenAIFixture({ apiKey: KEY })
  fixtures.push(f)
  return f
}

describe('nexus chat and models with providers from the environment', () => {
  it('streams an answer with nothing configured but OPENAI_API_KEY and OPENAI_BASE_URL', async () => {
    const f = await fake()
    f.use({ text: 'Hi there, 世界!', deltaChars: 2 })
    const { code, stdout, stderr } = await run(['chat', '--model', 'openai/gpt-4o-mini', 'hi'], { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: f.baseUrl })
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toBe('Hi there, 世界!\n')
    expect(f.chatRequests().at(-1)?.body).toMatchObject({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
  })

  it('reads the prompt from stdin', async () => {
    const f = await fake()
    f.use({ text: 'ok' })
    const { code, stdout } = await run(['chat', '-m', 'openai/gpt-4o-mini'], { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: f.baseUrl }, 'from stdin\n')
    expect(code).toBe(0)
    expect(stdout).toBe('ok\n')
    expect(f.chatRequests().at(-1)?.body).toMatchObject({ messages: [{ content: 'from stdin\n' }] })
  })

  it('exits non-zero with the normalized error, never the key', async () => {
    const f = await fake()
    const wrong = 'sk-wrong-key-for-this-test-0000'
    const auth = await run(['chat', '--model', 'openai/gpt-4o-mini', 'hi'], { OPENAI_API_KEY: wrong, OPENAI_BASE_URL: f.baseUrl })
    expect(auth.code).toBe(1)
    expect(auth.stderr).toMatch(/OpenAI rejected the API key: check it in Settings > Providers.*\[PROVIDER_AUTH\]/)
    expect(auth.stderr + auth.stdout).not.toContain(wrong)
    const model = await run(['chat', '--model', 'openai/no-such-model', 'hi'], { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: f.baseUrl })
    expect(model.code).toBe(1)
    expect(model.stderr).toMatch(/no-such-model.*\[MODEL_NOT_FOUND\]/)
    const none = await run(['chat', '--model', 'openai/gpt-4o-mini', 'hi'], {})
    expect(none.code).toBe(1)
    expect(none.stderr).toMatch(/No provider "openai"/)
  })

  it('lists models as JSON, with failures of unreachable providers', async () => {
    const f = await fake()
    const { code, stdout } = await run(['models', '--json'], { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: f.baseUrl, OLLAMA_HOST: '127.0.0.1:9' })
    expect(code).toBe(0)
    const result = JSON.parse(stdout) as { models: { ref: string; inputPerMTok: number | null }[]; failures: { providerId: string; message: string }[] }
    expect(result.models.map((m) => m.ref)).toEqual(['openai/gpt-4o-mini', 'openai/gpt-4o', 'openai/text-embedding-3-small'])
    expect(result.models[0]?.inputPerMTok).toBe(0.15)
    expect(result.failures).toMatchObject([{ providerId: 'ollama', message: expect.stringContaining('Start Ollama') }])
  })
})

describe('nexus route', () => {
  it('prints the intent and the ranked models without calling any model', async () => {
    const f = await fake()
    const { code, stdout } = await run(['route', '--json', 'Prove that the square root of 2 is irrational'], { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: f.baseUrl })
    expect(code).toBe(0)
    const decision = JSON.parse(stdout) as { intent: { intent: string; alternatives: unknown[] }; ranked: { ref: string; reason: string }[] }
    expect(decision.intent.intent).toBe('MATHEMATICAL_PROOFS')
    expect(decision.intent.alternatives).toHaveLength(7)
    expect(decision.ranked[0]?.ref).toMatch(/^openai\//)
    expect(f.chatRequests()).toHaveLength(0)
  })

  it('classifies one prompt per line of stdin', async () => {
    const f = await fake()
    const input = 'Write a haiku about autumn rain\nWhat is the capital of Peru?\n'
    const { code, stdout } = await run(['route', '--stdin', '--json'], { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: f.baseUrl }, input)
    expect(code).toBe(0)
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as { intent: { intent: string } })
    expect(lines.map((l) => l.intent.intent)).toEqual(['CREATIVE_TASKS', 'GENERAL'])
  })
})
