/**
 * Runs of the open workflow: the history list, the run shown on the canvas with its details,
 * and node states as they stream in ('workflow.run', 'workflow.node', 'workflow.log').
 */
import { create } from 'zustand'
import { useMemo } from 'react'
import type { EventPayload } from '../../../shared/contract'
import type { z } from 'zod'
import type { NodeStatus, Run, RunSummary, StartRun } from '../../../shared/schemas/workflows'
import { client, errorMessage } from './session'

export interface NodeState {
  status: NodeStatus
  attempt: number
  durationMs: number | null
  error: string | null
}

interface RunsStore {
  workflowId: string | null
  runs: RunSummary[]
  loaded: boolean
  error: string | null
  /** The run whose node states the canvas shows. */
  shownId: string | null
  /** Its details (node inputs, outputs, logs), refreshed as it progresses. */
  run: Run | null
  /** Node states from events, by run id then node id: they may arrive before runs.start answers. */
  live: Record<string, Record<string, NodeState>>
  starting: boolean
  load(workflowId: string | null): Promise<void>
  show(runId: string | null): Promise<void>
  start(inputs: RunInputs): Promise<boolean>
  cancel(): Promise<void>
  rerunFrom(nodeId: string): Promise<void>
  receiveRun(run: RunSummary): void
  receiveNode(event: EventPayload<'workflow.node'>): void
  receiveLog(log: EventPayload<'workflow.log'>): void
}

/** Values of a START node's inputs, as runs.start takes them. */
export type RunInputs = NonNullable<z.input<typeof StartRun>['inputs']>

const RUN_LIMIT = 50
const REFRESH_DELAY_MS = 150
const FINISHED: ReadonlySet<string> = new Set(['succeeded', 'failed', 'cancelled', 'interrupted', 'skipped'])

export function isFinished(status: string): boolean {
  return FINISHED.has(status)
}

let refreshTimer: number | undefined

/** Adds or replaces a run; an answer older than what an event already said (running after cancelled) is dropped. */
function upsert(runs: RunSummary[], run: RunSummary): RunSummary[] {
  const known = runs.find((r) => r.id === run.id)
  // An interrupted run may be resumed: only its state may go back to running.
  if (known && isFinished(known.status) && known.status !== 'interrupted' && !isFinished(run.status)) return runs
  const others = runs.filter((r) => r.id !== run.id)
  return [run, ...others].sort((a, b) => b.startedAt.localeCompare(a.startedAt)).slice(0, RUN_LIMIT)
}

export const useWorkflowRuns = create<RunsStore>()((set, get) => {
  const refreshSoon = (): void => {
    window.clearTimeout(refreshTimer)
    refreshTimer = window.setTimeout(async () => {
      const id = get().shownId
      if (!id) return
      try {
        const run = await client().call('runs.get', { runId: id })
        const { inputs: _i, output: _o, file: _f, nodes: _n, logs: _l, ...summary } = run
        set({ runs: upsert(get().runs, summary) })
        if (get().shownId === id) set({ run })
      } catch (err) {
        set({ error: `Could not read the run: ${errorMessage(err)}` })
      }
    }, REFRESH_DELAY_MS)
  }
  const follow = async (what: string, request: () => Promise<RunSummary>): Promise<boolean> => {
    set({ starting: true, error: null })
    try {
      const summary = await request()
      set({ runs: upsert(get().runs, summary) })
      await get().show(summary.id)
      return true
    } catch (err) {
      set({ error: `${what}: ${errorMessage(err)}` })
      return false
    } finally {
      set({ starting: false })
    }
  }

  return {
    workflowId: null,
    runs: [],
    loaded: false,
    error: null,
    shownId: null,
    run: null,
    live: {},
    starting: false,
    async load(workflowId) {
      set({ workflowId, runs: [], loaded: false, error: null, shownId: null, run: null, live: {} })
      if (!workflowId) return
      try {
        const listed = await client().call('runs.list', { workflowId, limit: RUN_LIMIT })
        // A run started meanwhile (by events or runs.start) stays, whatever the list says.
        if (get().workflowId === workflowId) set({ runs: get().runs.reduce(upsert, listed), loaded: true })
      } catch (err) {
        set({ loaded: true, error: `Could not list the runs: ${errorMessage(err)}` })
      }
    },
    async show(runId) {
      set({ shownId: runId, run: null })
      if (!runId) return
      try {
        const run = await client().call('runs.get', { runId })
        if (get().shownId === runId) set({ run })
      } catch (err) {
        set({ error: `Could not read the run: ${errorMessage(err)}` })
      }
    },
    start(inputs) {
      const id = get().workflowId
      if (!id) return Promise.resolve(false)
      return follow('Could not start the run', () => client().call('runs.start', { id, inputs }))
    },
    async cancel() {
      const runId = get().shownId
      if (!runId) return
      try {
        get().receiveRun(await client().call('runs.cancel', { runId }))
      } catch (err) {
        set({ error: `Could not cancel the run: ${errorMessage(err)}` })
      }
    },
    async rerunFrom(nodeId) {
      const runId = get().shownId
      if (runId) await follow(`Could not run again from ${nodeId}`, () => client().call('runs.rerunFrom', { runId, nodeId }))
    },
    receiveRun(run) {
      if (run.workflowId !== get().workflowId) return
      set({ runs: upsert(get().runs, run) })
      const shown = get().run
      if (run.id === get().shownId) {
        if (shown && !(isFinished(shown.status) && !isFinished(run.status))) set({ run: { ...shown, ...run } })
        refreshSoon()
      }
    },
    receiveNode(event) {
      if (event.workflowId !== get().workflowId) return
      const { runId, nodeId, status, attempt, durationMs, error } = event
      const live = get().live
      set({ live: { ...live, [runId]: { ...live[runId], [nodeId]: { status, attempt, durationMs, error } } } })
      if (runId === get().shownId && isFinished(status)) refreshSoon()
    },
    receiveLog({ runId, ...log }) {
      const run = get().run
      if (run && runId === run.id) set({ run: { ...run, logs: [...run.logs, log] } })
    }
  }
})

/** The state of each node of the shown run: live events first, else what the run recorded. */
export function useShownNodeStates(): Record<string, NodeState> {
  const shownId = useWorkflowRuns((s) => s.shownId)
  const run = useWorkflowRuns((s) => s.run)
  const live = useWorkflowRuns((s) => (s.shownId ? s.live[s.shownId] : undefined))
  return useMemo(() => {
    if (!shownId) return EMPTY
    const states: Record<string, NodeState> = {}
    // Several records of one node (attempts): the last one wins.
    for (const n of run?.id === shownId ? run.nodes : []) states[n.nodeId] = { status: n.status, attempt: n.attempt, durationMs: n.durationMs, error: n.error }
    return live ? { ...states, ...live } : states
  }, [shownId, run, live])
}

const EMPTY: Record<string, NodeState> = {}
