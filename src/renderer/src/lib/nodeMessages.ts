/**
 * Inline messages of the inspector: a node checked with the same schemas the core uses, each
 * problem put next to the field it is about, in plain words.
 */
import type { z } from 'zod'
import { NodeConfigs, WorkflowNode } from '../../../shared/schemas/workflows'
import type { FlowNode } from './workflowGraph'

export type Messages = Record<string, string[]>

export interface NodeMessages {
  /** By node field: id, label, timeoutMs, retry. */
  node: Messages
  /** By config field; '' holds what concerns no single field. */
  config: Messages
}

export function sentence(text: string): string {
  const capital = text.charAt(0).toUpperCase() + text.slice(1)
  return /[.!?]$/.test(capital) ? capital : `${capital}.`
}

export function friendly(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) === 1 ? 'Required.' : `At least ${issue.minimum} characters.`
      if (issue.origin === 'array') return `At least ${issue.minimum} items.`
      return `At least ${issue.minimum}.`
    case 'too_big':
      if (issue.origin === 'string') return `At most ${issue.maximum} characters.`
      if (issue.origin === 'array') return `At most ${issue.maximum} items.`
      return `At most ${issue.maximum}.`
    case 'invalid_type':
      if (issue.message.endsWith('received undefined')) return 'Required.'
      if (issue.expected === 'int') return 'A whole number.'
      return sentence(`expected ${issue.expected}`)
    default:
      return sentence(issue.message)
  }
}

export function add(messages: Messages, field: string, text: string): void {
  const list = (messages[field] ??= [])
  if (!list.includes(text)) list.push(text)
}

/** Puts each issue under its top-level field; deeper paths are named in the message (inputs › 1 › name). */
function collect(issues: z.core.$ZodIssue[], into: Messages): void {
  for (const issue of issues) {
    const [field, ...rest] = issue.path
    const where = rest.map((p) => (typeof p === 'number' ? String(p + 1) : String(p))).join(' › ')
    add(into, field === undefined ? '' : String(field), where ? `${where}: ${friendly(issue)}` : friendly(issue))
  }
}

export function nodeMessages(node: FlowNode): NodeMessages {
  const messages: NodeMessages = { node: {}, config: {} }
  const { type, label, config, timeoutMs, retry } = node.data
  const checked = WorkflowNode.safeParse({ id: node.id, type, label, config, timeoutMs, retry })
  if (!checked.success) collect(checked.error.issues, messages.node)
  const configured = NodeConfigs[type].safeParse(config)
  if (!configured.success) collect(configured.error.issues, messages.config)
  return messages
}

/**
 * Adds the core's findings about this node (unknown variables, missing tools…) under their field.
 * A field the schema check already faults keeps only those messages: the core's say the same.
 */
export function withIssues(messages: NodeMessages, nodeId: string, issues: { message: string; field?: string | null }[], fields: ReadonlySet<string>): NodeMessages {
  const config: Messages = Object.fromEntries(Object.entries(messages.config).map(([k, v]) => [k, [...v]]))
  const faulted = new Set(Object.keys(config))
  for (const issue of issues) {
    const top = issue.field?.split('.')[0] ?? ''
    const field = fields.has(top) ? top : ''
    if (field && faulted.has(field)) continue
    // Under its field, the message need not repeat the node and field names.
    const text = issue.message.replace(`${nodeId}: `, '').replace(issue.field ? `${issue.field}: ` : '', '')
    add(config, field, sentence(text))
  }
  return { node: messages.node, config }
}
