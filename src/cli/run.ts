/**
 * `nexus run <workflow>`: runs a workflow file or a saved workflow, printing each node's state
 * change as it happens and then the run's output.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { EventPayload } from '../shared/contract'
import type { NexusClient } from '../shared/client'
import { NexusError } from '../shared/errors'
import type { RunSummary } from '../shared/schemas/workflows'

export interface RunOptions {
  /** key=value, or key=@path to read the value from a file. */
  input: string[]
  /** Print only the output, as JSON (progress goes to stderr). */
  json?: boolean
}

export interface RunIO {
  out(line: string): void
  err(line: string): void
  /** Resolves on Ctrl+C: the run is cancelled, and the command ends when it has stopped. */
  interrupted: Promise<void>
}

const TERMINAL: ReadonlySet<RunSummary['status']> = new Set(['succeeded', 'failed', 'cancelled', 'interrupted'])
/** A safety net under the events: a dropped connection or lost event must not leave the command waiting forever. */
const POLL_MS = 5_000

type RunEventMessage =
  | { topic: 'node'; runId: string; event: EventPayload<'workflow.node'> }
  | { topic: 'log'; runId: string; event: EventPayload<'workflow.log'> }
  | { topic: 'run'; runId: string; event: EventPayload<'workflow.run'> }

/** Parses repeated --input options; values stay strings, the core coerces them to the START input's type. */
export function parseInputs(pairs: string[]): Record<string, string> {
  const inputs: Record<string, string> = {}
  for (const pair of pairs) {
    const eq = pair.indexOf('=')
    if (eq <= 0) throw new NexusError('BAD_REQUEST', `--input "${pair}" is not key=value (or key=@file).`)
    const key = pair.slice(0, eq)
    const value = pair.slice(eq + 1)
    inputs[key] = value.startsWith('@') ? readInputFile(key, value.slice(1)) : value
  }
  return inputs
}

function readInputFile(key: string, file: string): string {
  try {
    return fs.readFileSync(path.resolve(file), 'utf8')
  } catch (err) {
    throw new NexusError('BAD_REQUEST', `--input ${key}=@${file}: cannot read ${path.resolve(file)} (${(err as Error).message}).`)
  }
}

type Target = { kind: 'file'; file: unknown; nodeTypes: Map<string, string> } | { kind: 'saved'; id: string; nodeTypes: Map<string, string> }

function nodeTypes(file: unknown): Map<string, string> {
  const nodes = (file as { nodes?: unknown } | null)?.nodes
  const types = new Map<string, string>()
  if (Array.isArray(nodes)) for (const n of nodes as { id?: unknown; type?: unknown }[]) if (typeof n.id === 'string') types.set(n.id, String(n.type))
  return types
}

/** A path to a workflow file, else the id or name of a saved workflow. */
async function resolveTarget(client: NexusClient, target: string): Promise<Target> {
  const stat = fs.statSync(target, { throwIfNoEntry: false })
  if (stat?.isFile()) {
    let file: unknown
    try {
      file = JSON.parse(fs.readFileSync(target, 'utf8'))
    } catch (err) {
      throw new NexusError('BAD_REQUEST', `${target} is not a JSON workflow file: ${(err as Error).message}`)
    }
    return { kind: 'file', file, nodeTypes: nodeTypes(file) }
  }
  if (stat) throw new NexusError('BAD_REQUEST', `${target} is ${stat.isDirectory() ? 'a folder' : 'not a regular file'}, not a workflow file: pass a workflow .json file, or a saved workflow's id or name.`)
  const saved = await client.call('workflows.list')
  // The id, else the exact name, else the name in any case.
  const lower = target.toLowerCase()
  const tests: ((w: (typeof saved)[number]) => boolean)[] = [(w) => w.id === target, (w) => w.name === target, (w) => w.name.toLowerCase() === lower]
  const matches = tests.map((test) => saved.filter(test)).find((m) => m.length > 0) ?? []
  if (matches.length > 1) {
    throw new NexusError('BAD_REQUEST', `Several saved workflows are named "${target}" (ids ${matches.map((w) => w.id).join(', ')}): pass the id.`)
  }
  const match = matches[0]
  if (!match) {
    const looksLikePath = /[\\/]|\.json$/i.test(target)
    throw new NexusError(
      'NOT_FOUND',
      looksLikePath ? `No such file: ${target}` : `"${target}" is neither a workflow file nor the id or name of a saved workflow (see nexus call workflows.list).`
    )
  }
  const workflow = await client.call('workflows.get', { id: match.id })
  return { kind: 'saved', id: match.id, nodeTypes: nodeTypes(workflow.file) }
}

function duration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return ''
  return ms < 1_000 ? ` ${Math.round(ms)} ms` : ` ${(ms / 1_000).toFixed(1)} s`
}

/** `tookMs`: the event's duration, else the time since the node's running event. */
function nodeLine(e: EventPayload<'workflow.node'>, type: string | undefined, tookMs: number | null): string | null {
  const name = type ? `${e.nodeId} (${type})` : e.nodeId
  switch (e.status) {
    case 'running':
      return `… ${name} running${e.attempt > 1 ? `, attempt ${e.attempt}` : ''}`
    case 'succeeded':
      return `✓ ${name}${duration(tookMs)}`
    case 'failed':
      return `✗ ${name}: ${e.error ?? 'failed'}`
    case 'cancelled':
      return `✗ ${name} cancelled`
    case 'skipped':
      return `- ${name} skipped`
    case 'queued':
      return null
  }
}

function formatOutput(output: unknown, json: boolean): string {
  return typeof output === 'string' && !json ? output : JSON.stringify(output ?? null, null, 2)
}

/**
 * Runs the workflow and resolves with the command's exit code: 0 when it succeeded, 1 when it
 * failed, was cancelled or interrupted, 130 when the user stopped it with Ctrl+C.
 */
export async function runWorkflow(client: NexusClient, workflow: string, options: RunOptions, io: RunIO): Promise<number> {
  const inputs = parseInputs(options.input)
  const target = await resolveTarget(client, workflow)
  const progress = options.json ? io.err : io.out

  // Subscribed before starting: events of the run may arrive before the start request answers.
  let runId: string | null = null
  let early: RunEventMessage[] = []
  let settle: (summary: RunSummary) => void = () => {}
  const ended = new Promise<RunSummary>((resolve) => (settle = resolve))
  const runningSince = new Map<string, number>()
  const show = (m: RunEventMessage): void => {
    if (m.topic === 'node') {
      const { nodeId, status, at, durationMs } = m.event
      if (status === 'running') runningSince.set(nodeId, Date.parse(at))
      const since = runningSince.get(nodeId)
      const took = durationMs ?? (since === undefined ? null : Date.parse(at) - since)
      const line = nodeLine(m.event, target.nodeTypes.get(nodeId), took)
      if (line) progress(line)
    } else if (m.topic === 'log') {
      const level = m.event.level === 'info' ? '' : `${m.event.level}: `
      progress(`  ${m.event.nodeId ?? 'run'}: ${level}${m.event.message}`)
    } else if (TERMINAL.has(m.event.status)) {
      settle(m.event)
    }
  }
  const receive = (m: RunEventMessage): void => {
    if (runId === null) early.push(m)
    else if (m.runId === runId) show(m)
  }
  const unsubscribe = [
    client.on('workflow.node', (event) => receive({ topic: 'node', runId: event.runId, event })),
    client.on('workflow.log', (event) => receive({ topic: 'log', runId: event.runId, event })),
    client.on('workflow.run', (event) => receive({ topic: 'run', runId: event.id, event }))
  ]
  let poll: NodeJS.Timeout | undefined
  let userCancelled = false
  let finished = false
  try {
    const started =
      target.kind === 'file'
        ? await client.call('runs.startFile', { file: target.file, inputs, trigger: 'cli' })
        : await client.call('runs.start', { id: target.id, inputs })
    runId = started.id
    for (const m of early) if (m.runId === runId) show(m)
    early = []
    if (TERMINAL.has(started.status)) settle(started)

    const id = started.id
    void io.interrupted.then(() => {
      if (finished) return
      userCancelled = true
      io.err('Cancelling the run… (Ctrl+C again to quit at once)')
      client.call('runs.cancel', { runId: id }).catch((err: unknown) => io.err(`nexus: could not cancel: ${(err as Error).message}`))
    })
    const failed = new Promise<never>((_, reject) => {
      poll = setInterval(() => {
        client.call('runs.get', { runId: id }).then((run) => {
          if (TERMINAL.has(run.status)) settle(run)
        }, reject)
      }, POLL_MS)
    })
    await Promise.race([ended, failed])

    // The stored run, not the events, is the record of what it produced.
    const run = await client.call('runs.get', { runId: id })
    if (run.status === 'succeeded') {
      io.out(formatOutput(run.output, options.json === true))
      return 0
    }
    io.err(`nexus: the run ${run.status === 'failed' ? 'failed' : `was ${run.status}`}${run.error ? `: ${run.error}` : '.'}`)
    return userCancelled ? 130 : 1
  } finally {
    finished = true
    clearInterval(poll)
    for (const off of unsubscribe) off()
  }
}
