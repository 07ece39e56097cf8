import path from 'node:path'
import { Command, CommanderError } from 'commander'
import { isRequestName, REQUEST_NAMES, type RequestName } from '../shared/contract'
import { NexusError, toSerializedError } from '../shared/errors'
import { resolveDataDir } from '../main/core/paths'
import { startHost } from '../host'
import { connect, openCore } from './connect'
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
