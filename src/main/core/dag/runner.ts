/**
 * The scheduler: runs a graph's ready nodes in parallel up to a concurrency limit, passes outputs
 * along edges, follows CONDITION branches (nodes on a branch not taken are skipped), applies each
 * node's timeout and retry policy, and stops at the first failure or on cancel. It knows nothing
 * of SQLite: the hooks persist and announce each step, so the same code runs LOOP bodies in memory.
 */
import { NexusError, toSerializedError } from '../../../shared/errors'
import { NodeConfigs, type NodeStatus, type NodeType, type WorkflowBody, type WorkflowEdge, type WorkflowNode } from '../../../shared/schemas/workflows'
import type { NodeContext, NodeExecutor, NodeResult, NodeServices, Scope } from './nodes/types'

/** A node already settled before this execution (resume, re-run from a node). */
export interface SettledNode {
  status: 'succeeded' | 'skipped'
  output: unknown
}

export interface RunHooks {
  /** Called before each attempt, with what flowed in along the node's edges. */
  nodeStarted(node: WorkflowNode, attempt: number, input: unknown): void
  /** Called once per node when it ends, or is skipped or cancelled. */
  nodeFinished(node: WorkflowNode, status: Exclude<NodeStatus, 'queued' | 'running'>, attempt: number, output: unknown, error: string | null): void
  log(nodeId: string | null, level: 'info' | 'warn' | 'error', message: string): void
}

export interface ExecuteOptions {
  runId: string
  workflowId: string
  traceId: string
  body: WorkflowBody
  /** The scope every node starts from: { input } at the top, plus item/index and outer outputs in a loop. */
  scope: Scope
  concurrency: number
  signal: AbortSignal
  executors: ReadonlyMap<NodeType, NodeExecutor>
  services: NodeServices
  hooks: RunHooks
  settled?: ReadonlyMap<string, SettledNode>
}

export interface ExecuteResult {
  status: 'succeeded' | 'failed' | 'cancelled'
  /** The output of the END node that ran, if one did. */
  output: unknown
  error: string | null
  failedNode: string | null
}

interface Plan {
  nodes: WorkflowNode[]
  incoming: WorkflowEdge[][]
  outgoing: WorkflowEdge[][]
  index: Map<string, number>
  /** Each node's parsed config (defaults applied), parsed on first use and kept with the plan. */
  configs: (ReturnType<(typeof NodeConfigs)[NodeType]['safeParse']> | undefined)[]
}

/** Index arrays, built once per body (a LOOP reuses its plan for every item). */
const plans = new WeakMap<WorkflowBody, Plan>()
function planOf(body: WorkflowBody): Plan {
  let plan = plans.get(body)
  if (plan) return plan
  const index = new Map(body.nodes.map((n, i) => [n.id, i]))
  const incoming: WorkflowEdge[][] = body.nodes.map(() => [])
  const outgoing: WorkflowEdge[][] = body.nodes.map(() => [])
  for (const e of body.edges) {
    const s = index.get(e.source)
    const t = index.get(e.target)
    if (s === undefined || t === undefined) continue
    outgoing[s]!.push(e)
    incoming[t]!.push(e)
  }
  plan = { nodes: body.nodes, incoming, outgoing, index, configs: new Array(body.nodes.length) }
  plans.set(body, plan)
  return plan
}

/** The branch a settled CONDITION took is kept in its output, so resumes follow it too. */
function branchOf(node: WorkflowNode, output: unknown): 'true' | 'false' | undefined {
  if (node.type !== 'CONDITION' || !output || typeof output !== 'object') return undefined
  const branch = (output as { branch?: unknown }).branch
  return branch === 'true' || branch === 'false' ? branch : undefined
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
    function done(): void {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
  })

export function executeGraph(o: ExecuteOptions): Promise<ExecuteResult> {
  const plan = planOf(o.body)
  const n = plan.nodes.length
  /** 0 pending, 1 running, 2 succeeded, 3 skipped, 4 failed/cancelled, 5 settled before this execution. */
  const state = new Uint8Array(n)
  const outputs: unknown[] = new Array(n)
  const branches: ('true' | 'false' | undefined)[] = new Array(n)
  const waiting = new Int32Array(n)
  const scope: Scope = { ...o.scope }
  const ready: number[] = []
  let readyHead = 0
  const controller = new AbortController()
  const onAbort = (): void => controller.abort()
  o.signal.addEventListener('abort', onAbort, { once: true })
  /**
   * The running attempts' controllers, aborted (in the order they started) when the run stops:
   * one listener for the run rather than an EventTarget listener added and removed per attempt,
   * which was a fair share of a trivial node's scheduling cost and, with more than 10 nodes
   * running at once, made Node warn of a listener leak on every run.
   */
  const liveAttempts = new Set<AbortController>()
  controller.signal.addEventListener('abort', () => liveAttempts.forEach((a) => a.abort()), { once: true })
  let running = 0
  let settledCount = 0
  let endOutput: unknown = undefined
  let failure: { error: string; node: string } | null = null

  return new Promise<ExecuteResult>((resolve) => {
    const finish = (): void => {
      o.signal.removeEventListener('abort', onAbort)
      if (failure) return resolve({ status: 'failed', output: null, error: failure.error, failedNode: failure.node })
      if (o.signal.aborted) return resolve({ status: 'cancelled', output: null, error: 'The run was cancelled.', failedNode: null })
      resolve({ status: 'succeeded', output: endOutput ?? null, error: null, failedNode: null })
    }

    /** A node whose upstream is all settled: run it, or skip it when no edge into it is live. */
    const release = (i: number): void => {
      if (state[i] === 5) return
      const incoming = plan.incoming[i]!
      if (incoming.length > 0 && !incoming.some((e) => isLive(e))) return settle(i, 3, undefined)
      ready.push(i)
    }
    const isLive = (e: WorkflowEdge): boolean => {
      const s = plan.index.get(e.source)!
      return state[s] === 2 && (!e.sourceHandle || branches[s] === e.sourceHandle)
    }

    const settle = (i: number, status: 2 | 3 | 4, output: unknown): void => {
      state[i] = status
      settledCount++
      const node = plan.nodes[i]!
      if (status === 2) {
        outputs[i] = output
        scope[node.id] = output
        branches[i] = branchOf(node, output)
        if (node.type === 'END') endOutput = output
      }
      if (status === 3 && !o.settled?.has(node.id)) o.hooks.nodeFinished(node, 'skipped', 0, null, null)
      if (status === 4) return
      for (const e of plan.outgoing[i]!) {
        const t = plan.index.get(e.target)!
        if (--waiting[t]! === 0) release(t)
      }
    }

    const pump = (): void => {
      while (!failure && !controller.signal.aborted && running < o.concurrency && readyHead < ready.length) {
        const i = ready[readyHead++]!
        state[i] = 1
        running++
        void runNode(i).then((result) => {
          running--
          if (result.ok) settle(i, 2, result.output)
          else {
            settle(i, 4, undefined)
            if (!result.cancelled && !failure) {
              failure = { error: result.error, node: plan.nodes[i]!.id }
              controller.abort()
            }
          }
          pump()
        })
      }
      if (running === 0 && (readyHead === ready.length || failure || controller.signal.aborted)) {
        // Whatever never got to run is cancelled when the run stops early.
        if (settledCount < n) {
          for (let i = 0; i < n; i++) if (state[i] === 0) o.hooks.nodeFinished(plan.nodes[i]!, 'cancelled', 0, null, null)
        }
        finish()
      }
    }

    const runNode = async (i: number): Promise<{ ok: true; output: unknown } | { ok: false; error: string; cancelled: boolean }> => {
      const node = plan.nodes[i]!
      const executor = o.executors.get(node.type)
      const parsed = (plan.configs[i] ??= NodeConfigs[node.type].safeParse(node.config))
      if (!executor || !parsed.success) {
        const error = executor ? `${node.id}: its configuration is not valid; fix it in the builder.` : `${node.id}: no executor for ${node.type} nodes.`
        o.hooks.nodeFinished(node, 'failed', 1, null, error)
        return { ok: false, error, cancelled: false }
      }
      const input = inputOf(plan, i, outputs, state, o.scope)
      const attempts = node.retry?.attempts ?? 1
      for (let attempt = 1; ; attempt++) {
        o.hooks.nodeStarted(node, attempt, input)
        const attemptController = new AbortController()
        liveAttempts.add(attemptController)
        let timer: NodeJS.Timeout | undefined
        try {
          const ctx: NodeContext = {
            runId: o.runId,
            workflowId: o.workflowId,
            traceId: o.traceId,
            node,
            config: parsed.data as NodeContext['config'],
            scope,
            input,
            signal: attemptController.signal,
            log: (level, message) => o.hooks.log(node.id, level, message),
            services: o.services
          }
          const work = executor.execute(ctx)
          const result: NodeResult = node.timeoutMs
            ? await Promise.race([
                work,
                new Promise<never>((_, reject) => {
                  timer = setTimeout(() => {
                    // Reject first: the executor's own abort error must not win the race.
                    reject(new NexusError('TIMEOUT', `${node.id} took longer than its ${node.timeoutMs} ms timeout and was stopped.`))
                    attemptController.abort()
                  }, node.timeoutMs)
                })
              ])
            : await work
          if (controller.signal.aborted) throw new NexusError('CANCELLED', 'The run was cancelled.')
          const output = result.branch ? { ...(result.output as object), branch: result.branch } : result.output
          o.hooks.nodeFinished(node, 'succeeded', attempt, output, null)
          return { ok: true, output }
        } catch (err) {
          const cancelled = controller.signal.aborted
          const error = toSerializedError(err).message
          if (cancelled) {
            o.hooks.nodeFinished(node, 'cancelled', attempt, null, null)
            return { ok: false, error, cancelled: true }
          }
          if (attempt < attempts) {
            o.hooks.log(node.id, 'warn', `Attempt ${attempt} of ${attempts} failed: ${error} Retrying in ${node.retry!.backoffMs * 2 ** (attempt - 1)} ms.`)
            await sleep(node.retry!.backoffMs * 2 ** (attempt - 1), controller.signal)
            if (!controller.signal.aborted) continue
            o.hooks.nodeFinished(node, 'cancelled', attempt, null, null)
            return { ok: false, error, cancelled: true }
          }
          o.hooks.nodeFinished(node, 'failed', attempt, null, error)
          return { ok: false, error, cancelled: false }
        } finally {
          clearTimeout(timer)
          liveAttempts.delete(attemptController)
        }
      }
    }

    for (let i = 0; i < n; i++) waiting[i] = plan.incoming[i]!.length
    // Settled nodes (resume, re-run) count as done without running again.
    const preset = o.settled
    if (preset) {
      for (let i = 0; i < n; i++) if (preset.has(plan.nodes[i]!.id)) state[i] = 5
      for (let i = 0; i < n; i++) {
        const before = preset.get(plan.nodes[i]!.id)
        if (before) settle(i, before.status === 'succeeded' ? 2 : 3, before.output)
      }
    }
    // Roots start now; every other node is released when its last upstream node settles.
    for (let i = 0; i < n; i++) if (state[i] === 0 && plan.incoming[i]!.length === 0) release(i)
    pump()
  })
}

/** What flows into a node: the run's inputs for START, the output of each live upstream node otherwise. */
function inputOf(plan: Plan, i: number, outputs: unknown[], state: Uint8Array, scope: Scope): unknown {
  const incoming = plan.incoming[i]!
  if (incoming.length === 0) return scope.input ?? {}
  const input: Record<string, unknown> = {}
  for (const e of incoming) {
    const s = plan.index.get(e.source)!
    if (state[s] === 2) input[e.source] = outputs[s]
  }
  return input
}
