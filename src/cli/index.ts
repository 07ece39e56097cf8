import path from 'node:path'
import { Command, CommanderError } from 'commander'
import { isRequestName, REQUEST_NAMES, type RequestName } from '../shared/contract'
import { NexusError, toSerializedError } from '../shared/errors'
import { resolveDataDir } from '../main/core/paths'
import { startHost } from '../host'
import { chatOnce, readStdin } from './chat'
import { connect, openCore } from './connect'
import { runWorkflow } from './run'
import { version } from '../../package.json'

interface GlobalOptions {
  dataDir?: string
}

const program = new Command()
  .name('nexus')
  .description('NEXUS: route, fuse and automate many LLMs from one place.')
  .version(version)
  .option('--data-dir <dir>', 'profile data directory (default: NEXUS_DATA_DIR, then the app data dir)')
  .showHelpAfterError()

const dataDir = (): string => resolveDataDir((program.opts() as GlobalOptions).dataDir)

program
  .command('serve')
  .description('run the headless host: the app in your browser, on 127.0.0.1 with a session token')
  .option('--port <port>', 'port to listen on (0 = any free port)', parsePort, 0)
  .action(async (opts: { port: number }) => {
    const core = openCore(dataDir(), 'headless')
    let host
    try {
      host = await startHost({ core, port: opts.port, rendererDir: path.join(__dirname, '..', 'renderer') })
    } catch (err) {
      core.close()
      throw err
    }
    console.log(`NEXUS is running at ${host.url}`)
    console.error(`data dir: ${core.dataDir}`)
    const stop = (): void => {
      void host.close().then(() => {
        core.close()
        process.exit(0)
      })
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })

program
  .command('info')
  .description('print app info: version, data dir, database size and schema version')
  .option('--json', 'print JSON')
  .action(async (opts: { json?: boolean }) => {
    const info = await withClient((client) => client.call('app.info'))
    if (opts.json) return console.log(JSON.stringify(info, null, 2))
    console.log(
      [
        `NEXUS ${info.version} (${info.mode})`,
        `data dir:   ${info.dataDir}`,
        `database:   ${info.databasePath} (${info.databaseSizeBytes} bytes, schema ${info.schemaVersion})`,
        `sqlite:     ${info.sqliteVersion}, sqlite-vec ${info.sqliteVecVersion}`
      ].join('\n')
    )
  })

program
  .command('call')
  .description(`run any contract request and print its JSON result (${REQUEST_NAMES.join(', ')})`)
  .argument('<request>', 'request name, e.g. settings.get')
  .option('--json <input>', 'the request input as JSON', '{}')
  .action(async (name: string, opts: { json: string }) => {
    if (!isRequestName(name)) {
      throw new NexusError('UNKNOWN_REQUEST', `Unknown request "${name}". Known: ${REQUEST_NAMES.join(', ')}.`)
    }
    let input: unknown
    try {
      input = JSON.parse(opts.json)
    } catch {
      throw new NexusError('BAD_REQUEST', `--json is not valid JSON: ${opts.json}`)
    }
    const result = await withClient((client) =>
      (client.call as (n: RequestName, i: unknown) => Promise<unknown>)(name, input)
    )
    console.log(JSON.stringify(result, null, 2))
  })

program
  .command('chat')
  .description('send one prompt and stream the answer (the prompt may also come on stdin)')
  .requiredOption('-m, --model <provider/model>', 'model to ask, e.g. openai/gpt-4o-mini or ollama/llama3.2')
  .argument('[prompt...]', 'the prompt; read from stdin when left out')
  .action(async (words: string[], opts: { model: string }) => {
    const prompt = words.length > 0 ? words.join(' ') : await readStdin()
    if (!prompt.trim()) throw new NexusError('BAD_REQUEST', 'No prompt: pass it as an argument or on stdin.')
    const interrupted = new Promise<void>((resolve) => process.once('SIGINT', () => resolve()))
    const message = await withClient((client) =>
      chatOnce(client, opts.model, prompt, { write: (text) => process.stdout.write(text), interrupted })
    )
    process.stdout.write('\n')
    if (message.status === 'cancelled') process.exitCode = 130
  })

program
  .command('run')
  .description('run a workflow, printing node progress and then its output; exits non-zero when the run does not succeed')
  .argument('<workflow>', "a workflow .json file, or a saved workflow's id or name")
  .option('-i, --input <key=value>', 'an input of the workflow (repeatable); key=@path reads the value from a file', (v: string, all: string[]) => [...all, v], [])
  .option('--json', 'print only the output, as JSON')
  .action(async (workflow: string, opts: { input: string[]; json?: boolean }) => {
    const interrupted = new Promise<void>((resolve) =>
      process.once('SIGINT', () => {
        process.once('SIGINT', () => process.exit(130))
        resolve()
      })
    )
    const io = { out: (line: string) => console.log(line), err: (line: string) => console.error(line), interrupted }
    process.exitCode = await withClient((client) => runWorkflow(client, workflow, opts, io))
  })

program
  .command('route')
  .description('classify a prompt and rank the configured models for it, without calling any model')
  .argument('[prompt...]', 'the prompt')
  .option('--stdin', 'classify one prompt per line of stdin, one JSON result per line')
  .option('--json', 'print JSON')
  .option('--preference <preference>', 'quality, cost, speed, local, balanced or custom')
  .action(async (words: string[], opts: { stdin?: boolean; json?: boolean; preference?: string }) => {
    const preference = opts.preference as 'balanced' | undefined
    await withClient(async (client) => {
      if (opts.stdin) {
        for (const line of (await readStdin()).split('\n')) {
          if (!line.trim()) continue
          console.log(JSON.stringify(await client.call('routing.route', { text: line, preference })))
        }
        return
      }
      const text = words.join(' ')
      if (!text.trim()) throw new NexusError('BAD_REQUEST', 'No prompt: pass it as an argument, or use --stdin.')
      const decision = await client.call('routing.route', { text, preference })
      if (opts.json) return console.log(JSON.stringify(decision, null, 2))
      const { intent } = decision
      console.log(`intent: ${intent.intent} (${Math.round(intent.confidence * 100)}%)`)
      console.log(`alternatives: ${intent.alternatives.slice(1, 4).map((a) => `${a.intent} ${Math.round(a.probability * 100)}%`).join(', ')}`)
      decision.ranked.forEach((m, i) => console.log(`${i + 1}. ${m.ref}  ${m.reason}`))
      if (decision.ranked.length === 0) console.log('No usable model: add a provider in Settings > Providers.')
    })
  })

program
  .command('models')
  .description('list the models of every configured provider')
  .option('--json', 'print JSON')
  .action(async (opts: { json?: boolean }) => {
    const result = await withClient((client) => client.call('models.list'))
    if (opts.json) return console.log(JSON.stringify(result, null, 2))
    for (const m of result.models) {
      const price = m.inputPerMTok === null ? '' : `  $${m.inputPerMTok}/$${m.outputPerMTok} per Mtok`
      console.log(`${m.ref}${m.contextLength ? `  ${m.contextLength} ctx` : ''}${price}`)
    }
    for (const f of result.failures) console.error(`${f.providerName}: ${f.message}`)
    if (result.models.length === 0 && result.failures.length === 0) {
      console.error('No providers configured: add one in Settings > Providers, or set OPENAI_API_KEY, ANTHROPIC_API_KEY or OLLAMA_HOST.')
    }
  })

async function withClient<T>(run: (client: ReturnType<typeof connect>['client']) => Promise<T>): Promise<T> {
  const connection = connect(dataDir())
  try {
    return await run(connection.client)
  } finally {
    connection.close()
  }
}

function parsePort(value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new NexusError('BAD_REQUEST', `--port must be a whole number from 0 to 65535, not "${value}".`)
  }
  return port
}

program.exitOverride()
program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof CommanderError) process.exit(err.exitCode)
  const error = toSerializedError(err)
  console.error(`nexus: ${error.message} [${error.code}]`)
  process.exit(1)
})
