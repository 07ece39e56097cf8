import { describe, expect, it } from 'vitest'
import { NexusError } from '../../../src/shared/errors'
import type { WorkflowBody, WorkflowEdge, WorkflowNode } from '../../../src/shared/schemas/workflows'
import { executeGraph, type RunHooks, type SettledNode } from '../../../src/main/core/dag/runner'
import { EXECUTORS } from '../../../src/main/core/dag/nodes'
import type { NodeExecutor, NodeServices } from '../../../src/main/core/dag/nodes/types'
import { evaluateExpression } from '../../../src/main/core/dag/expression'
import { runJavaScript } from '../../../src/main/core/dag/sandbox'
import { renderTemplate, resolveTemplate } from '../../../src/main/core/dag/template'

const node = (id: string, type: WorkflowNode['type'], config: Record<string, unknown> = {}, extra: Partial<WorkflowNode> = {}): WorkflowNode => ({ id, type, config, position: { x: 0, y: 0 }, ...extra })
const edge = (source: string, target: string, sourceHandle?: 'true' | 'false'): WorkflowEdge => ({ id: `${source}-${target}`, source, target, sourceHandle })
const js = (id: string, code: string, extra: Partial<WorkflowNode> = {}): WorkflowNode => node(id, 'TRANSFORM', { language: 'javascript', code }, extra)

function services(): NodeServices {
  const none = (): never => {
    throw new Error('not used in these tests')
  }
  const s: NodeServices = {
    llm: none,
    render: async (t, scope) => renderTemplate(t, scope, new Map()),
    resolve: async (t, scope) => resolveTemplate(t, scope, new Map()),
    evaluate: (e, scope, signal) => evaluateExpression(e, scope, signal),
    runJavaScript: (code, input, limits, signal) => runJavaScript(code, input, limits, signal),
    http: none,
    toolSpecs: none,
    callTool: none,
    runWorkflow: none,
    runBody: async (body, scope, signal) => {
      const r = await executeGraph({ runId: 'r', workflowId: 'w', traceId: 't', body, scope, concurrency: 1, signal, executors: EXECUTORS, services: s, hooks: quiet() })
      if (r.status !== 'succeeded') throw new Error(r.error ?? 'failed')
      return r.output
    }
  }
  return s
}

function quiet(): RunHooks {
  return { nodeStarted: () => {}, nodeFinished: () => {}, log: () => {} }
}

/** Records what the runner reports, in order. */
function recorder(): RunHooks & { events: string[]; statuses: Map<string, string>; attempts: Map<string, number> } {
  const events: string[] = []
  const statuses = new Map<string, string>()
  const attempts = new Map<string, number>()
  return {
    events,
    statuses,
    attempts,
    nodeStarted: (n, attempt) => {
      events.push(`start ${n.id}`)
      attempts.set(n.id, attempt)
    },
    nodeFinished: (n, status) => {
      events.push(`${status} ${n.id}`)
      statuses.set(n.id, status)
    },
    log: () => {}
  }
}

async function run(body: WorkflowBody, opts: { input?: Record<string, unknown>; concurrency?: number; signal?: AbortSignal; settled?: Map<string, SettledNode>; executors?: Map<WorkflowNode['type'], NodeExecutor> } = {}) {
  const hooks = recorder()
  const result = await executeGraph({
    runId: 'r',
    workflowId: 'w',
    traceId: 't',
    body,
    scope: { input: opts.input ?? {} },
    concurrency: opts.concurrency ?? 4,
    signal: opts.signal ?? new AbortController().signal,
    executors: opts.executors ?? EXECUTORS,
    services: services(),
    hooks,
    settled: opts.settled
  })
  return { result, hooks }
}

describe('the workflow runner', () => {
  it('passes outputs along a chain and returns the END output', async () => {
    const { result, hooks } = await run(
      { nodes: [node('start', 'START'), js('double', 'return input.input.n * 2'), js('plus', 'return input.double + 1'), node('end', 'END', { output: '{{plus}}' })], edges: [edge('start', 'double'), edge('double', 'plus'), edge('plus', 'end')] },
      { input: { n: 20 } }
    )
    expect(result).toMatchObject({ status: 'succeeded', output: 41 })
    expect(hooks.events).toEqual(['start start', 'succeeded start', 'start double', 'succeeded double', 'start plus', 'succeeded plus', 'start end', 'succeeded end'])
  })

  it('runs parallel branches at the same time and joins them', async () => {
    const { result, hooks } = await run({
      nodes: [node('start', 'START'), node('a', 'DELAY', { ms: 30 }), node('b', 'DELAY', { ms: 30 }), js('join', 'return Object.keys(input).filter(k => k === "a" || k === "b").sort()'), node('end', 'END', { output: '{{join}}' })],
      edges: [edge('start', 'a'), edge('start', 'b'), edge('a', 'join'), edge('b', 'join'), edge('join', 'end')]
    })
    expect(result.output).toEqual(['a', 'b'])
    // Both branches started before either finished, and the join waited for both.
    const at = (e: string): number => hooks.events.indexOf(e)
    expect(Math.max(at('start a'), at('start b'))).toBeLessThan(Math.min(at('succeeded a'), at('succeeded b')))
    expect(at('start join')).toBeGreaterThan(Math.max(at('succeeded a'), at('succeeded b')))
  })

  it('respects the concurrency limit', async () => {
    const { hooks } = await run(
      {
        nodes: [node('start', 'START'), node('a', 'DELAY', { ms: 10 }), node('b', 'DELAY', { ms: 10 }), node('c', 'DELAY', { ms: 10 }), node('end', 'END')],
        edges: [edge('start', 'a'), edge('start', 'b'), edge('start', 'c'), edge('a', 'end'), edge('b', 'end'), edge('c', 'end')]
      },
      { concurrency: 1 }
    )
    let running = 0
    let most = 0
    for (const e of hooks.events) {
      if (e.startsWith('start ')) most = Math.max(most, ++running)
      else running--
    }
    expect(most).toBe(1)
  })

  it('follows the branch a condition takes and skips the other, joins included', async () => {
    const body = (n: number): WorkflowBody => ({
      nodes: [node('start', 'START'), node('big', 'CONDITION', { expression: `${n} > 10` }), js('yes', 'return "big"'), js('no', 'return "small"'), js('after', 'return input.yes ?? input.no'), node('end', 'END', { output: '{{after}}' })],
      edges: [edge('start', 'big'), edge('big', 'yes', 'true'), edge('big', 'no', 'false'), edge('yes', 'after'), edge('no', 'after'), edge('after', 'end')]
    })
    const big = await run(body(42))
    expect(big.result.output).toBe('big')
    expect(big.hooks.statuses.get('no')).toBe('skipped')
    const small = await run(body(3))
    expect(small.result.output).toBe('small')
    expect(small.hooks.statuses.get('yes')).toBe('skipped')
  })

  it('maps a loop body over a list, keeping the order', async () => {
    const loopBody: WorkflowBody = { nodes: [node('s', 'START'), js('sq', 'return input.item * input.item + input.index'), node('e', 'END', { output: '{{sq}}' })], edges: [edge('s', 'sq'), edge('sq', 'e')] }
    const { result } = await run({
      nodes: [node('start', 'START'), node('each', 'LOOP', { items: 'input.list', body: loopBody, concurrency: 3 }), node('end', 'END', { output: '{{each}}' })],
      edges: [edge('start', 'each'), edge('each', 'end')]
    }, { input: { list: [1, 2, 3, 4, 5] } })
    expect(result.output).toEqual([1, 5, 11, 19, 29])
  })

  it('retries a failing node with backoff, then succeeds or reports the last error', async () => {
    let calls = 0
    const flaky: NodeExecutor<'TRANSFORM'> = {
      type: 'TRANSFORM',
      execute: async () => {
        calls++
        if (calls < 3) throw new NexusError('UNAVAILABLE', `flaky failure ${calls}`)
        return { output: 'third time' }
      }
    }
    const executors = new Map(EXECUTORS)
    executors.set('TRANSFORM', flaky as NodeExecutor)
    const body = (attempts: number): WorkflowBody => ({
      nodes: [node('start', 'START'), js('f', 'x', { retry: { attempts, backoffMs: 1 } }), node('end', 'END', { output: '{{f}}' })],
      edges: [edge('start', 'f'), edge('f', 'end')]
    })
    const ok = await run(body(3), { executors })
    expect(ok.result).toMatchObject({ status: 'succeeded', output: 'third time' })
    expect(ok.hooks.attempts.get('f')).toBe(3)
    calls = 0
    const failed = await run(body(2), { executors })
    expect(failed.result).toMatchObject({ status: 'failed', failedNode: 'f', error: 'flaky failure 2' })
    expect(failed.hooks.statuses.get('end')).toBe('cancelled')
  })

  it('stops a node at its timeout and fails the run with a message naming it', async () => {
    const { result } = await run({ nodes: [node('start', 'START'), node('wait', 'DELAY', { ms: 60_000 }, { timeoutMs: 20 }), node('end', 'END')], edges: [edge('start', 'wait'), edge('wait', 'end')] })
    expect(result.status).toBe('failed')
    expect(result.error).toBe('wait took longer than its 20 ms timeout and was stopped.')
  })

  it('cancels running nodes and the rest when the run is cancelled', async () => {
    const controller = new AbortController()
    const pending = run({ nodes: [node('start', 'START'), node('wait', 'DELAY', { ms: 60_000 }), node('end', 'END')], edges: [edge('start', 'wait'), edge('wait', 'end')] }, { signal: controller.signal })
    setTimeout(() => controller.abort(), 20)
    const { result, hooks } = await pending
    expect(result.status).toBe('cancelled')
    expect(hooks.statuses.get('wait')).toBe('cancelled')
    expect(hooks.statuses.get('end')).toBe('cancelled')
  })

  it('does not run settled nodes again (resume), and follows a settled condition', async () => {
    const { result, hooks } = await run(
      {
        nodes: [node('start', 'START'), node('c', 'CONDITION', { expression: 'false' }), js('yes', 'return 1'), js('no', 'return input.input.v'), node('end', 'END')],
        edges: [edge('start', 'c'), edge('c', 'yes', 'true'), edge('c', 'no', 'false'), edge('yes', 'end'), edge('no', 'end')]
      },
      { input: { v: 7 }, settled: new Map<string, SettledNode>([['start', { status: 'succeeded', output: { v: 7 } }], ['c', { status: 'succeeded', output: { value: true, branch: 'true' } }]]) }
    )
    // The stored branch wins over re-evaluating the expression.
    expect(hooks.events).not.toContain('start c')
    expect(hooks.statuses.get('no')).toBe('skipped')
    expect(result).toMatchObject({ status: 'succeeded', output: 1 })
    expect(hooks.events.filter((e) => e === 'start yes')).toHaveLength(1)
  })
})
