/** Reading workflow files (imports, saves, the CLI) and comparing two versions of one. */
import { z } from 'zod'
import { WorkflowFile, WORKFLOW_FORMAT, type WorkflowDiff } from '../../../shared/schemas/workflows'
import { NexusError } from '../../../shared/errors'

/** Parses a workflow file's JSON value, or throws INVALID_WORKFLOW saying what is wrong where. */
export function parseWorkflowFile(value: unknown, source = 'The workflow'): WorkflowFile {
  if (!value || typeof value !== 'object' || (value as { format?: unknown }).format !== WORKFLOW_FORMAT) {
    throw new NexusError('INVALID_WORKFLOW', `${source} is not a NEXUS workflow file: it needs "format": "${WORKFLOW_FORMAT}" with nodes and edges.`)
  }
  const parsed = WorkflowFile.safeParse(value)
  if (!parsed.success) {
    throw new NexusError('INVALID_WORKFLOW', `${source} is not a valid workflow file: ${z.prettifyError(parsed.error)}`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
    })
  }
  return parsed.data
}

/** Parses JSON text as a workflow file (imports and the CLI). */
export function parseWorkflowText(text: string, source = 'The file'): WorkflowFile {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (err) {
    throw new NexusError('INVALID_WORKFLOW', `${source} is not JSON: ${(err as Error).message}.`)
  }
  return parseWorkflowFile(value, source)
}

/** File name for an export: the workflow's name, made safe for every file system. */
export function exportFileName(name: string): string {
  const safe = name.normalize('NFKD').replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80)
  return `${safe || 'workflow'}.nexus.json`
}

/** Node by node and edge by edge: what changed from one version to the next. */
export function diffFiles(from: WorkflowFile, to: WorkflowFile, versions: { from: number; to: number }): WorkflowDiff {
  const before = new Map(from.nodes.map((n) => [n.id, n]))
  const after = new Map(to.nodes.map((n) => [n.id, n]))
  const nodes: WorkflowDiff['nodes'] = []
  for (const [id, node] of after) {
    const old = before.get(id)
    if (!old) nodes.push({ id, change: 'added', fields: [] })
    else {
      const keys = new Set([...Object.keys(old), ...Object.keys(node), ...Object.keys(old.config).map((k) => `config.${k}`), ...Object.keys(node.config).map((k) => `config.${k}`)])
      keys.delete('config')
      const fields = [...keys].filter((k) => k !== 'position' && JSON.stringify(pick(old, k)) !== JSON.stringify(pick(node, k)))
      if (fields.length > 0) nodes.push({ id, change: 'changed', fields })
    }
  }
  for (const id of before.keys()) if (!after.has(id)) nodes.push({ id, change: 'removed', fields: [] })
  const edgeKey = (e: { source: string; target: string; sourceHandle?: string | null }): string => `${e.source}>${e.target}>${e.sourceHandle ?? ''}`
  const oldEdges = new Map(from.edges.map((e) => [edgeKey(e), e]))
  const newEdges = new Map(to.edges.map((e) => [edgeKey(e), e]))
  const edges: WorkflowDiff['edges'] = [
    ...[...newEdges].filter(([k]) => !oldEdges.has(k)).map(([, e]) => ({ id: e.id, change: 'added' as const, source: e.source, target: e.target })),
    ...[...oldEdges].filter(([k]) => !newEdges.has(k)).map(([, e]) => ({ id: e.id, change: 'removed' as const, source: e.source, target: e.target }))
  ]
  const meta = (['name', 'description', 'triggers', 'settings'] as const).filter((k) => JSON.stringify(from[k]) !== JSON.stringify(to[k]))
  return { from: versions.from, to: versions.to, nodes, edges, meta }
}

function pick(node: object, key: string): unknown {
  return key.startsWith('config.') ? (node as { config: Record<string, unknown> }).config[key.slice(7)] : (node as Record<string, unknown>)[key]
}
