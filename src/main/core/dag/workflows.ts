/**
 * Saved workflows as the UI and the CLI see them: save (a version each time), validate, import,
 * export with no secret value in it, versions with diff and restore, and the shipped examples.
 */
import fs from 'node:fs'
import path from 'node:path'
import { TopicPattern, type EventMap } from '../../../shared/contract'
import type { ValidationIssue, Workflow, WorkflowDiff, WorkflowFile, WorkflowSummary } from '../../../shared/schemas/workflows'
import type { EventBus } from '../events/bus'
import type { Executions } from './executions'
import { diffFiles, exportFileName, parseWorkflowFile, parseWorkflowText } from './file'
import type { RunStore } from './runs'
import type { WorkflowSecrets } from './secrets'
import type { StoredWorkflow, WorkflowStore } from './store'
import { redactSecrets } from './template'
import { cronError } from './triggers'
import { validateWorkflow } from './validate'

export interface Example {
  fileName: string
  name: string
  description: string
  text: string
}

export class WorkflowService {
  constructor(
    private readonly d: {
      store: WorkflowStore
      runs: RunStore
      executions: Executions
      secrets: WorkflowSecrets
      bus: EventBus<EventMap>
      /** Folder of the shipped example workflows, if there is one. */
      examplesDir: string | null
    }
  ) {}

  list(): WorkflowSummary[] {
    return this.d.store.list().map((w) => this.summary(w))
  }

  get(id: string): Workflow {
    const stored = this.d.store.get(id)
    return { ...this.summary(stored), file: stored.file, issues: this.validate(stored.file) }
  }

  validate(file: unknown): ValidationIssue[] {
    let parsed: WorkflowFile
    try {
      parsed = parseWorkflowFile(file)
    } catch (err) {
      return [{ kind: 'structure', message: (err as Error).message, nodeId: null }]
    }
    const issues = validateWorkflow(parsed, this.d.executions.validationContext())
    const { schedule, event } = parsed.triggers
    const cron = schedule ? cronError(schedule.cron) : null
    if (cron) issues.push({ kind: 'bad-config', message: `Schedule: ${cron}`, nodeId: null, field: 'triggers.schedule.cron' })
    if (event && !TopicPattern.safeParse(event.pattern).success) {
      issues.push({ kind: 'bad-config', message: `Event trigger: "${event.pattern}" is not a topic pattern (e.g. workflow.run, breaker.*).`, nodeId: null, field: 'triggers.event.pattern' })
    }
    return issues
  }

  /** Saves even a graph with issues (work in progress); only a file that is not a workflow is refused. */
  save(id: string | undefined, file: unknown, note?: string): Workflow {
    const saved = this.d.store.save(id, parseWorkflowFile(file), note ?? '')
    this.changed(saved.id)
    return this.get(saved.id)
  }

  importText(text: string): Workflow {
    const file = parseWorkflowText(text, 'The imported file')
    return this.save(undefined, file, 'Imported')
  }

  /** The file as JSON text; any secret value that was pasted in literally is replaced by its name. */
  async exportFile(id: string): Promise<{ fileName: string; text: string }> {
    const stored = this.d.store.get(id)
    // A missing keychain entry must not block an export: references are never values anyway.
    const secrets = await this.d.secrets.resolve(this.d.secrets.list().map((s) => s.name)).catch(() => new Map<string, string>())
    return { fileName: exportFileName(stored.name), text: `${JSON.stringify(redactSecrets(stored.file, secrets), null, 2)}\n` }
  }

  delete(id: string): boolean {
    const deleted = this.d.store.delete(id)
    if (deleted) this.d.bus.publish('workflows.changed', { id, deleted: true })
    return deleted
  }

  versions(id: string): ReturnType<WorkflowStore['versions']> {
    return this.d.store.versions(id)
  }

  diff(id: string, from: number, to: number): WorkflowDiff {
    return diffFiles(this.d.store.version(id, from), this.d.store.version(id, to), { from, to })
  }

  restore(id: string, version: number): Workflow {
    const file = this.d.store.version(id, version)
    const saved = this.d.store.save(id, file, `Restored version ${version}`)
    this.changed(saved.id)
    return this.get(saved.id)
  }

  examples(): Example[] {
    const dir = this.d.examplesDir
    if (!dir || !fs.existsSync(dir)) return []
    return fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .flatMap((fileName) => {
        const text = fs.readFileSync(path.join(dir, fileName), 'utf8')
        try {
          const file = parseWorkflowText(text, fileName)
          return [{ fileName, name: file.name, description: file.description, text }]
        } catch {
          return []
        }
      })
  }

  private summary(w: StoredWorkflow): WorkflowSummary {
    const last = this.d.runs.lastRun(w.id)
    return {
      id: w.id,
      name: w.name,
      description: w.description,
      version: w.version,
      nodeCount: w.file.nodes.length,
      triggers: w.file.triggers,
      updatedAt: w.updatedAt,
      lastRun: last ? { id: last.id, status: last.status, startedAt: last.startedAt } : null
    }
  }

  private changed(id: string): void {
    this.d.bus.publish('workflows.changed', { id, deleted: false })
  }
}

/** The examples folder next to the app (a checkout, the built app, or its resources). */
export function findExamplesDir(start: string): string | null {
  for (let dir = start, i = 0; i < 6; i++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'examples')
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(candidate)) return candidate
  }
  return null
}

