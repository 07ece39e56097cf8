import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'

export const ROOT = path.resolve(__dirname, '..', '..', '..')
const BIN = path.join(ROOT, 'bin', 'nexus.js')
const READY = /^NEXUS is running at (http:\/\/\S+)$/
const START_TIMEOUT_MS = 60_000
const STOP_TIMEOUT_MS = 10_000
/** Provider settings a developer's shell may hold; the e2e host must not pick them up. */
const PROVIDER_ENV = ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL', 'OLLAMA_HOST']

export interface RunningHost {
  /** The printed URL, token included. */
  url: string
  origin: string
  token: string
  dataDir: string
  /** SIGTERM, wait for the exit, remove the data dir (if this host made it). Safe to call twice. */
  stop(): Promise<void>
  /** SIGKILL, as a crash or a killed app would end: nothing is cleaned up, the data dir stays. */
  kill(): Promise<void>
}

export interface HostOptions {
  /** Serve an existing data dir (a restart); it is left in place by stop(). */
  dataDir?: string
  /** Extra environment, e.g. OPENAI_API_KEY for providers configured from the environment. */
  env?: Record<string, string>
}

/** Starts `nexus serve --port 0` on a fresh (or the given) data dir and waits for its URL. */
export async function startHost(options: HostOptions = {}): Promise<RunningHost> {
  const ownsDataDir = options.dataDir === undefined
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'nexus-e2e-')))
  const env = { ...process.env }
  delete env.NEXUS_DATA_DIR
  for (const name of PROVIDER_ENV) delete env[name]
  Object.assign(env, options.env)
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const running = (): boolean => child.exitCode === null && child.signalCode === null

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`The host did not print its URL within ${START_TIMEOUT_MS} ms.\n${stderr}`))
    }, START_TIMEOUT_MS)
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = READY.exec(line.trim())
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    })
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`The host exited (${code ?? signal}) before it was ready.\n${stderr}`))
    })
  })

  const parsed = new URL(url)
  const token = parsed.searchParams.get('token')
  if (!token) throw new Error(`The host printed a URL without a token: ${url}`)

  let stopping: Promise<void> | null = null
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (running()) {
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
        await exited
        clearTimeout(timer)
      }
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true })
    })()
    return stopping
  }
  const kill = async (): Promise<void> => {
    if (running()) child.kill('SIGKILL')
    await exited
  }
  return { url, origin: parsed.origin, token, dataDir, stop, kill }
}
