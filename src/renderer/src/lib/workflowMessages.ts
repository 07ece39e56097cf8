/**
 * Inline messages of the Workflow tab: the workflow's own settings checked with the schemas the
 * core uses, and the core's findings about them (a cron it cannot read, a topic pattern that is
 * none), each under its field, keyed by path: 'triggers.schedule.cron', 'settings.concurrency'.
 */
import { WorkflowFile, type ValidationIssue } from '../../../shared/schemas/workflows'
import { add, friendly, sentence, type Messages } from './nodeMessages'
import type { WorkflowMeta } from './workflowGraph'

/** The fields the Workflow tab edits; messages about anything else go to its general note (''). */
const META_FIELDS = [
  'description',
  'settings.concurrency',
  'triggers.schedule.cron',
  'triggers.schedule.missed',
  'triggers.watch.folder',
  'triggers.watch.pattern',
  'triggers.event.pattern',
  'triggers.webhook'
] as const

const MetaSchema = WorkflowFile.pick({ description: true, triggers: true, settings: true })
const fieldOf = (path: string): string => ((META_FIELDS as readonly string[]).includes(path) ? path : '')

/** An issue of the core about the workflow itself (its triggers, settings or description), not a node. */
export function isWorkflowIssue(issue: Pick<ValidationIssue, 'nodeId' | 'edgeId' | 'field'>): boolean {
  return issue.nodeId === null && !issue.edgeId && /^(description|settings|triggers)(\.|$)/.test(issue.field ?? '')
}

/** A field the schema check already faults keeps only those messages: the core's say the same. */
export function metaMessages(meta: WorkflowMeta, issues: readonly ValidationIssue[]): Messages {
  const messages: Messages = {}
  const checked = MetaSchema.safeParse(meta)
  if (!checked.success) for (const issue of checked.error.issues) add(messages, fieldOf(issue.path.map(String).join('.')), friendly(issue))
  const faulted = new Set(Object.keys(messages))
  for (const issue of issues) {
    if (!isWorkflowIssue(issue)) continue
    const field = fieldOf(issue.field ?? '')
    if (!faulted.has(field)) add(messages, field, sentence(issue.message))
  }
  return messages
}
