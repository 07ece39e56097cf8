/**
 * Runs workflows: starts a run as a job, persists and announces every step through the runner's
 * hooks, keeps secrets out of every record, runs children (SUBWORKFLOW, run_workflow, LOOP
 * bodies), cancels, re-runs from a node, and resumes runs a dead process left behind.
 */
import { createHash, randomUUID } from 'node:crypto'
import type { EventMap } from '../../../shared/contract'
import { NexusError } from '../../../shared/errors'
import { SECRET_NAME, type NodeType, type RunSummary, type WorkflowBody, type WorkflowFile } from '../../../shared/schemas/workflows'
import type { EventBus } from '../events/bus'
import type { JobTracker } from '../jobs/tracker'
import { evaluateExpression } from './expression'
import { httpRequest } from './http'
import { prepareInputs, requiredInputs } from './inputs'
import type { WorkflowLlm } from './llm'
import { EXECUTORS } from './nodes'
import type { NodeExecutor, NodeServices, Scope } from './nodes/types'
import { executeGraph, type RunHooks, type SettledNode } from './runner'
import type { RunStore } from './runs'
import { runJavaScript } from './sandbox'
import type { WorkflowSecrets } from './secrets'
import type { WorkflowStore } from './store'
import { redactError, redactSecrets, renderTemplate, resolveTemplate, secretNames } from './template'
import type { ToolRunner } from './tools/runner'
import { validateWorkflow, type ValidationContext } from './validate'

/** A workflow calling itself (directly or not) stops here instead of forever. */
const MAX_DEPTH = 8
const HEARTBEAT_MS = 5_000
/** A lease not renewed for this long is taken over even if its pid looks alive (pid reuse). */
const STALE_MS = 60_000

export interface ExecutionsDeps {
  bus: EventBus<EventMap>
  jobs: JobTracker
  store: WorkflowStore
  runs: RunStore
  llm: WorkflowLlm
  tools: ToolRunner
  secrets: WorkflowSecrets
  onError: (err: unknown, where: string) => void
  /** Node executors by type (default: every built-in node type). */
  executors?: ReadonlyMap<NodeType, NodeExecutor>
}

interface Live {
  controller: AbortController
  done: Promise<RunSummary>
}

interface Start {
  workflowId: string
  file: WorkflowFile
  version: number
  inputs: Record<string, unknown>
  trigger: RunSummary['trigger']
  /** The run this one serves (SUBWORKFLOW, run_workflow): it is then no job of its own. */
  parent: { runId: string | null; depth: number; signal: AbortSignal } | null
  settled?: ReadonlyMap<string, SettledNode>
}

export class Executions {
  private readonly live = new Map<string, Live>()
  private closing = false
  private readonly heartbeat: NodeJS.Timeout
  private readonly executors: ReadonlyMap<NodeType, NodeExecutor>

  constructor(private readonly d: ExecutionsDeps) {
    this.executors = d.executors ?? EXECUTORS
    this.heartbeat = setInterval(() => this.d.runs.heartbeat(), HEARTBEAT_MS).unref()
  }

  /** What validation looks up: tools' required arguments and saved workflows' required inputs. */
  validationContext(): ValidationContext {
    return {
      toolRequired: (name) => this.d.tools.requiredArguments(name),
      workflowInputs: (id) => {
        const found = this.d.store.find(id)
        return found ? requiredInputs(found.file) : null
      }
    }
  }

  /** Starts a saved workflow; resolves once the run is recorded, not when it ends. */
  async startSaved(workflowId: string, inputs: Record<string, unknown>, trigger: RunSummary['trigger']): Promise<RunSummary> {
    const stored = this.d.store.get(workflowId)
    return (await this.begin({ workflowId, file: stored.file, version: stored.version, inputs, trigger, parent: null })).summary
  }

  /** Runs a file that is not saved (nexus run file.json); its id is derived from its content. */
  async startFile(file: WorkflowFile, inputs: Record<string, unknown>, trigger: RunSummary['trigger']): Promise<RunSummary> {
    const workflowId = `file-${createHash('sha256').update(JSON.stringify(file)).digest('hex').slice(0, 16)}`
    return (await this.begin({ workflowId, file, version: 1, inputs, trigger, parent: null })).summary
  }

  /** A new run of the same file and inputs, reusing every output not downstream of `nodeId`. */
  async rerunFrom(runId: string, nodeId: string): Promise<RunSummary> {
    const old = this.d.runs.get(runId)
    if (!old.file.nodes.some((n) => n.id === nodeId)) throw new NexusError('NOT_FOUND', `The run has no node "${nodeId}".`)
    const downstream = new Set([nodeId])
    for (const id of downstream) for (const e of old.file.edges) if (e.source === id) downstream.add(e.target)
    const settled = new Map([...this.d.runs.settledNodes(runId)].filter(([id]) => !downstream.has(id)))
    return (await this.begin({ workflowId: old.workflowId, file: old.file, version: old.version, inputs: old.inputs, trigger: 'rerun', parent: null, settled })).summary
  }

  /** Runs a saved workflow to its end for a node, a tool or a tool test, returning its output. */
  async runChild(workflowId: string, inputs: Record<string, unknown>, signal: AbortSignal, parent: { runId: string | null; depth: number } = { runId: null, depth: 0 }): Promise<unknown> {
    const stored = this.d.store.get(workflowId)
    const child = await this.begin({ workflowId, file: stored.file, version: stored.version, inputs, trigger: 'subworkflow', parent: { ...parent, signal } })
    const summary = await child.done
    if (summary.status !== 'succeeded') throw new NexusError(summary.status === 'cancelled' ? 'CANCELLED' : 'BAD_REQUEST', `The workflow "${stored.name}" ${summary.status}: ${summary.error ?? ''}`)
    return this.d.runs.output(summary.id)
  }

  cancel(runId: string): RunSummary {
    const live = this.live.get(runId)
    if (!live) {
      const summary = this.d.runs.summary(runId)
      if (summary.status === 'running') throw new NexusError('CONFLICT', 'This run belongs to another NEXUS process; cancel it there.')
      return summary
    }
    live.controller.abort()
    return this.d.runs.summary(runId)
  }

  /** Resolves when a run started by this process ends. */
  whenDone(runId: string): Promise<RunSummary> {
    return this.live.get(runId)?.done ?? Promise.resolve(this.d.runs.summary(runId))
  }

  /**
   * Runs left 'running' by a process that is gone: resumed from their last completed nodes, or
   * marked interrupted, as the user chose. Child runs are always interrupted: their parent
   * re-runs the node that started them.
   */
  async recoverOrphans(policy: 'resume' | 'interrupt', isAlive: (pid: number) => boolean = pidAlive): Promise<string[]> {
    const recovered: string[] = []
    for (const orphan of this.d.runs.orphans(STALE_MS, isAlive)) {
      if (!this.d.runs.claim(orphan)) continue
      recovered.push(orphan.id)
      const run = this.d.runs.get(orphan.id)
      if (policy === 'interrupt' || orphan.parentRunId) {
        this.d.runs.cancelUnfinishedNodes(run.id)
        const summary = this.d.runs.finish(run.id, 'interrupted', null, 'NEXUS stopped while this run was going. It was not resumed (Settings > General > Workflow runs); use Re-run from here on the step where it stopped.')
        this.d.bus.publish('workflow.run', summary)
        continue
      }
      this.d.runs.log(run.id, null, 'info', 'Resumed after NEXUS stopped: completed nodes are kept, the others run again.')
      await this.begin({ workflowId: run.workflowId, file: run.file, version: run.version, inputs: run.inputs, trigger: run.trigger, parent: null, settled: this.d.runs.settledNodes(run.id) }, run.id, run.traceId)
    }
    return recovered
  }

  /** Stops every run without finishing its record: the next start resumes or interrupts them. */
  close(): void {
    this.closing = true
    clearInterval(this.heartbeat)
    for (const live of this.live.values()) live.controller.abort()
  }

  private async begin(start: Start, resumeId?: string, resumeTrace?: string): Promise<{ summary: RunSummary; done: Promise<RunSummary> }> {
    if (start.parent && start.parent.depth >= MAX_DEPTH) throw new NexusError('BAD_REQUEST', `Workflows call each other more than ${MAX_DEPTH} levels deep; is one calling itself?`)
    const issues = validateWorkflow(start.file, this.validationContext())
    if (issues.length > 0) {
      throw new NexusError('INVALID_WORKFLOW', `The workflow cannot run: ${issues.slice(0, 3).map((i) => i.message).join(' ')}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''}`, { issues })
    }
    const inputs = resumeId ? start.inputs : prepareInputs(start.file, start.inputs, { dropUnknown: ['schedule', 'watch', 'event'].includes(start.trigger) })
    const secrets = await this.d.secrets.resolve(this.secretNamesOf(start.file))
    const runId = resumeId ?? randomUUID()
    const traceId = resumeTrace ?? randomUUID()
    const summary = resumeId
      ? this.d.runs.summary(resumeId)
      : this.d.runs.create({ id: runId, workflowId: start.workflowId, workflowName: start.file.name, version: start.version, file: start.file, trigger: start.trigger, inputs, traceId, parentRunId: start.parent?.runId ?? null, settled: start.settled })
    this.d.bus.publish('workflow.run', summary)
    const controller = new AbortController()
    const onParentAbort = (): void => controller.abort()
    start.parent?.signal.addEventListener('abort', onParentAbort, { once: true })
    const execute = async (progress: (done: number) => void): Promise<RunSummary> => {
      try {
        return await this.execute(runId, traceId, start, inputs, secrets, controller.signal, progress)
      } finally {
        start.parent?.signal.removeEventListener('abort', onParentAbort)
        this.live.delete(runId)
      }
    }
    let done: Promise<RunSummary>
    if (start.parent) done = execute(() => {})
    else {
      const total = start.file.nodes.length
      const handle = this.d.jobs.start('workflow', `Workflow "${start.file.name}"`, (job) => {
        job.signal.addEventListener('abort', () => controller.abort(), { once: true })
        let shown = 0
        return execute((count) => {
          // Progress events are for people: a few per second at most, whatever the graph's size.
          if (count === total || performance.now() - shown > 200) {
            shown = performance.now()
            job.progress(count / total, `${count} of ${total} nodes`)
          }
        }).then((s) => {
          if (s.status === 'failed') throw new NexusError('BAD_REQUEST', s.error ?? 'The run failed.')
          return s
        })
      })
      done = handle.result.catch(() => this.d.runs.summary(runId))
    }
    this.live.set(runId, { controller, done })
    return { summary, done }
  }

  private async execute(runId: string, traceId: string, start: Start, inputs: Record<string, unknown>, secrets: ReadonlyMap<string, string>, signal: AbortSignal, progress: (done: number) => void): Promise<RunSummary> {
    const { runs, bus } = this.d
    const clean = secrets.size > 0 ? <T>(v: T): T => redactSecrets(v, secrets) : <T>(v: T): T => v
    let settledCount = start.settled?.size ?? 0
    const startedAt = new Map<string, number>()
    const hooks: RunHooks = {
      nodeStarted: (node, attempt, input) => {
        if (this.closing) return
        startedAt.set(node.id, performance.now())
        const at = new Date().toISOString()
        runs.nodeStarted(runId, node.id, attempt, clean(input))
        bus.publish('workflow.node', { runId, workflowId: start.workflowId, nodeId: node.id, status: 'running', attempt, traceId, at, durationMs: null, error: null })
      },
      nodeFinished: (node, status, attempt, output, error) => {
        if (this.closing) return
        const safeError = error === null ? null : clean(error)
        const at = runs.nodeFinished(runId, node.id, status, attempt, clean(output), safeError)
        settledCount++
        progress(settledCount)
        if (status === 'failed' && safeError) bus.publish('workflow.log', { runId, ...runs.log(runId, node.id, 'error', safeError) })
        const began = startedAt.get(node.id)
        const durationMs = began === undefined ? null : Math.round(performance.now() - began)
        bus.publish('workflow.node', { runId, workflowId: start.workflowId, nodeId: node.id, status, attempt, traceId, at, durationMs, error: safeError })
      },
      log: (nodeId, level, message) => {
        if (this.closing) return
        bus.publish('workflow.log', { runId, ...runs.log(runId, nodeId, level, clean(message)) })
      }
    }
    const services = this.services(runId, traceId, start, secrets, hooks)
    let result
    try {
      result = await executeGraph({ runId, workflowId: start.workflowId, traceId, body: start.file, scope: { input: inputs }, concurrency: start.file.settings.concurrency, signal, executors: this.executors, services, hooks, settled: start.settled })
    } catch (err) {
      result = { status: 'failed' as const, output: null, error: redactError(err, secrets).message, failedNode: null }
    }
    // Closing: the record stays 'running' so the next start resumes (or interrupts) it.
    if (this.closing) return runs.summary(runId)
    const summary = runs.finish(runId, result.status, clean(result.output), result.error === null ? null : clean(result.error))
    bus.publish('workflow.run', summary)
    return summary
  }

  private services(runId: string, traceId: string, start: Start, secrets: ReadonlyMap<string, string>, hooks: RunHooks): NodeServices {
    const depth = start.parent ? start.parent.depth + 1 : 0
    const runWorkflow = (workflowId: string, inputs: Record<string, unknown>, signal: AbortSignal): Promise<unknown> => this.runChild(workflowId, inputs, signal, { runId, depth })
    // Loop bodies run in memory: the LOOP node's own record holds their collected outputs.
    const quiet: RunHooks = { nodeStarted: () => {}, nodeFinished: () => {}, log: hooks.log }
    const services: NodeServices = {
      llm: (call, signal, note) => this.d.llm(call, signal, traceId, note ?? (() => {})),
      render: async (template, scope) => renderTemplate(template, scope, secrets),
      resolve: async (template, scope) => resolveTemplate(template, scope, secrets),
      evaluate: (expression, scope, signal) => evaluateExpression(expression, scope, signal),
      runJavaScript: (code, input, limits, signal) => runJavaScript(code, input, limits, signal),
      http: (request, signal) => httpRequest(request, signal),
      toolSpecs: (names) => this.d.tools.specs(names),
      callTool: (name, args, signal) => this.d.tools.call(name, args, { signal, secrets, runWorkflow }),
      runWorkflow,
      runBody: async (body: WorkflowBody, scope: Scope, signal: AbortSignal) => {
        const result = await executeGraph({ runId, workflowId: start.workflowId, traceId, body, scope, concurrency: 1, signal, executors: this.executors, services, hooks: quiet })
        if (result.status === 'succeeded') return result.output
        throw new NexusError(result.status === 'cancelled' ? 'CANCELLED' : 'BAD_REQUEST', `item ${String(scope.index)}: ${result.failedNode ?? ''}: ${result.error ?? ''}`)
      }
    }
    return services
  }

  /** Secrets the file, and the tools its TOOL and AGENT nodes use, refer to (called after validation: every tool exists). */
  private secretNamesOf(file: WorkflowFile): string[] {
    const toolNames = new Set<string>()
    const visit = (body: WorkflowBody): void => {
      for (const node of body.nodes) {
        const c = node.config as { tool?: unknown; tools?: unknown; body?: WorkflowBody }
        if (node.type === 'TOOL' && typeof c.tool === 'string') toolNames.add(c.tool)
        if (node.type === 'AGENT' && Array.isArray(c.tools)) for (const t of c.tools) if (typeof t === 'string') toolNames.add(t)
        if (node.type === 'LOOP' && c.body) visit(c.body)
      }
    }
    visit(file)
    const fromFile = secretNames(JSON.stringify(file)).filter((name) => SECRET_NAME.test(name))
    return [...new Set([...fromFile, ...[...toolNames].flatMap((name) => this.d.tools.secretNames(name))])]
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

