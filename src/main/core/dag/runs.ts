/**
 * Run records: every run, node state, input, output and log line is written as it happens, so
 * a crash loses nothing. A run carries an owner lease (process id, a token per core, heartbeat):
 * only runs whose owner is gone are resumed, never one a live process is still running.
 */
import type { NodeRun, NodeStatus, Run, RunLog, RunStatus, RunSummary, WorkflowFile } from '../../../shared/schemas/workflows'
import { NexusError } from '../../../shared/errors'
import { sql, type Db } from '../db/connection'
import type { SettledNode } from './runner'

interface RunRow {
  id: string
  workflow_id: string
  workflow_name: string
  version: number
  file: string
  status: RunStatus
  trigger: RunSummary['trigger']
  inputs: string
  output: string | null
  error: string | null
  trace_id: string
  parent_run_id: string | null
  owner_pid: number | null
  owner_token: string | null
  heartbeat_at: string | null
  started_at: string
  ended_at: string | null
}

interface NodeRow {
  node_id: string
  status: NodeStatus
  attempt: number
  input: string | null
  output: string | null
  error: string | null
  started_at: string | null
  ended_at: string | null
}

const summaryOf = (r: RunRow): RunSummary => ({
  id: r.id,
  workflowId: r.workflow_id,
  workflowName: r.workflow_name,
  version: r.version,
  status: r.status,
  trigger: r.trigger,
  traceId: r.trace_id,
  startedAt: r.started_at,
  endedAt: r.ended_at,
  error: r.error
})

const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value))
const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text))

export interface NewRun {
  id: string
  workflowId: string
  workflowName: string
  version: number
  file: WorkflowFile
  trigger: RunSummary['trigger']
  inputs: Record<string, unknown>
  traceId: string
  parentRunId: string | null
  /** Node states carried over (re-run from a node): written as they were. */
  settled?: ReadonlyMap<string, SettledNode>
}

export interface Orphan {
  id: string
  parentRunId: string | null
  ownerToken: string | null
}

export class RunStore {
  constructor(
    private readonly db: Db,
    /** This core's lease: its pid and a token unique to it (two cores in one process differ). */
    private readonly owner: { pid: number; token: string }
  ) {}

  /** The run row and a queued row per node, in one transaction. */
  create(run: NewRun): RunSummary {
    const now = new Date().toISOString()
    this.db.transaction(() => {
      sql(
        this.db,
        `INSERT INTO workflow_runs (id, workflow_id, workflow_name, version, file, status, trigger, inputs, trace_id, parent_run_id, owner_pid, owner_token, heartbeat_at, started_at)
         VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?)`
      ).run(run.id, run.workflowId, run.workflowName, run.version, JSON.stringify(run.file), run.trigger, JSON.stringify(run.inputs), run.traceId, run.parentRunId, this.owner.pid, this.owner.token, now, now)
      const insert = sql(this.db, 'INSERT INTO workflow_node_runs (run_id, node_id, status, attempt, output, started_at, ended_at) VALUES (?, ?, ?, 0, ?, ?, ?)')
      for (const node of run.file.nodes) {
        const settled = run.settled?.get(node.id)
        insert.run(run.id, node.id, settled?.status ?? 'queued', settled ? json(settled.output) : null, settled ? now : null, settled ? now : null)
      }
    })()
    return this.summary(run.id)
  }

  nodeStarted(runId: string, nodeId: string, attempt: number, input: unknown): void {
    sql(this.db, "UPDATE workflow_node_runs SET status = 'running', attempt = ?, input = ?, error = NULL, started_at = ?, ended_at = NULL WHERE run_id = ? AND node_id = ?").run(
      attempt,
      json(input),
      new Date().toISOString(),
      runId,
      nodeId
    )
  }

  nodeFinished(runId: string, nodeId: string, status: NodeStatus, attempt: number, output: unknown, error: string | null): string {
    const now = new Date().toISOString()
    sql(this.db, 'UPDATE workflow_node_runs SET status = ?, attempt = MAX(attempt, ?), output = ?, error = ?, ended_at = ? WHERE run_id = ? AND node_id = ?').run(status, attempt, json(output), error, now, runId, nodeId)
    return now
  }

  log(runId: string, nodeId: string | null, level: RunLog['level'], message: string): RunLog {
    const at = new Date().toISOString()
    sql(this.db, 'INSERT INTO workflow_run_logs (run_id, node_id, level, message, at) VALUES (?, ?, ?, ?, ?)').run(runId, nodeId, level, message, at)
    return { at, nodeId, level, message }
  }

  finish(runId: string, status: RunStatus, output: unknown, error: string | null): RunSummary {
    sql(this.db, 'UPDATE workflow_runs SET status = ?, output = ?, error = ?, ended_at = ?, owner_pid = NULL, owner_token = NULL WHERE id = ?').run(status, json(output ?? null), error, new Date().toISOString(), runId)
    return this.summary(runId)
  }

  /** Renews the lease of every run this core owns. */
  heartbeat(): void {
    sql(this.db, "UPDATE workflow_runs SET heartbeat_at = ? WHERE owner_token = ? AND status = 'running'").run(new Date().toISOString(), this.owner.token)
  }

  summary(runId: string): RunSummary {
    return summaryOf(this.row(runId))
  }

  get(runId: string): Run {
    const row = this.row(runId)
    const nodes = (sql(this.db, 'SELECT * FROM workflow_node_runs WHERE run_id = ?').all(runId) as NodeRow[]).map(
      (n): NodeRun => ({
        nodeId: n.node_id,
        status: n.status,
        attempt: n.attempt,
        input: parse(n.input),
        output: parse(n.output),
        error: n.error,
        startedAt: n.started_at,
        endedAt: n.ended_at,
        durationMs: n.started_at && n.ended_at ? Date.parse(n.ended_at) - Date.parse(n.started_at) : null
      })
    )
    const logs = (sql(this.db, 'SELECT node_id, level, message, at FROM workflow_run_logs WHERE run_id = ? ORDER BY id').all(runId) as { node_id: string | null; level: RunLog['level']; message: string; at: string }[]).map((l) => ({
      at: l.at,
      nodeId: l.node_id,
      level: l.level,
      message: l.message
    }))
    const file = JSON.parse(row.file) as WorkflowFile
    // In the file's order, as the builder lists them.
    const order = new Map(file.nodes.map((n, i) => [n.id, i]))
    nodes.sort((a, b) => (order.get(a.nodeId) ?? 0) - (order.get(b.nodeId) ?? 0))
    return { ...summaryOf(row), inputs: JSON.parse(row.inputs) as Record<string, unknown>, output: parse(row.output), file, nodes, logs }
  }

  /** A run's output alone (a child run's result), without reading its nodes and logs. */
  output(runId: string): unknown {
    const row = sql(this.db, 'SELECT output FROM workflow_runs WHERE id = ?').get(runId) as { output: string | null } | undefined
    if (!row) throw new NexusError('NOT_FOUND', `No run with id ${runId}.`)
    return parse(row.output)
  }

  list(workflowId: string | undefined, limit: number): RunSummary[] {
    const rows = workflowId
      ? sql(this.db, 'SELECT * FROM workflow_runs WHERE workflow_id = ? ORDER BY started_at DESC, rowid DESC LIMIT ?').all(workflowId, limit)
      : sql(this.db, 'SELECT * FROM workflow_runs WHERE parent_run_id IS NULL ORDER BY started_at DESC, rowid DESC LIMIT ?').all(limit)
    return (rows as RunRow[]).map(summaryOf)
  }

  lastRun(workflowId: string): RunSummary | null {
    const row = sql(this.db, 'SELECT * FROM workflow_runs WHERE workflow_id = ? ORDER BY started_at DESC, rowid DESC LIMIT 1').get(workflowId) as RunRow | undefined
    return row ? summaryOf(row) : null
  }

  /** Nodes that succeeded or were skipped: what a resume or re-run does not do again. */
  settledNodes(runId: string): Map<string, SettledNode> {
    const rows = sql(this.db, "SELECT node_id, status, output FROM workflow_node_runs WHERE run_id = ? AND status IN ('succeeded', 'skipped')").all(runId) as NodeRow[]
    return new Map(rows.map((r) => [r.node_id, { status: r.status as SettledNode['status'], output: parse(r.output) }]))
  }

  /**
   * Running runs whose owner is gone: another core's token, and its process is dead on this host
   * or its heartbeat is older than `staleMs` (a process on another host, or a reused pid).
   */
  orphans(staleMs: number, isAlive: (pid: number) => boolean): Orphan[] {
    const rows = sql(this.db, "SELECT * FROM workflow_runs WHERE status = 'running' AND (owner_token IS NULL OR owner_token != ?)").all(this.owner.token) as RunRow[]
    const now = Date.now()
    return rows
      .filter((r) => r.owner_pid === null || !isAlive(r.owner_pid) || now - Date.parse(r.heartbeat_at ?? r.started_at) > staleMs)
      .map((r) => ({ id: r.id, parentRunId: r.parent_run_id, ownerToken: r.owner_token }))
  }

  /** Takes over an orphan's lease; false when another process took it first. */
  claim(orphan: Orphan): boolean {
    const result = sql(this.db, "UPDATE workflow_runs SET owner_pid = ?, owner_token = ?, heartbeat_at = ? WHERE id = ? AND status = 'running' AND owner_token IS ?").run(
      this.owner.pid,
      this.owner.token,
      new Date().toISOString(),
      orphan.id,
      orphan.ownerToken
    )
    return result.changes === 1
  }

  /** Nodes left running or queued by a run that stops now are marked cancelled. */
  cancelUnfinishedNodes(runId: string): void {
    sql(this.db, "UPDATE workflow_node_runs SET status = 'cancelled', ended_at = ? WHERE run_id = ? AND status IN ('queued', 'running')").run(new Date().toISOString(), runId)
  }

  /** Runs this core still owns when it closes. */
  owned(): string[] {
    return (sql(this.db, "SELECT id FROM workflow_runs WHERE owner_token = ? AND status = 'running'").all(this.owner.token) as { id: string }[]).map((r) => r.id)
  }

  private row(runId: string): RunRow {
    const row = sql(this.db, 'SELECT * FROM workflow_runs WHERE id = ?').get(runId) as RunRow | undefined
    if (!row) throw new NexusError('NOT_FOUND', `No run with id ${runId}.`)
    return row
  }
}
