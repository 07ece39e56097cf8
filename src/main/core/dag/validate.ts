/**
 * Workflow validation: every problem found at once, each pointing at its node (or edge), so the
 * builder can mark nodes and the runner refuses a graph that cannot run.
 */
import { NodeConfigs, type NodeType, type ValidationIssue, type WorkflowBody, type WorkflowEdge, type WorkflowNode } from '../../../shared/schemas/workflows'
import { expressionError } from './expression'
import { templateVariables } from './template'

/** What validation can look up outside the file; each lookup is optional. */
export interface ValidationContext {
  /** Required argument names of a tool, or null when there is no such tool. */
  toolRequired?: (name: string) => string[] | null
  /** Required START inputs of a saved workflow, or null when there is none with that id. */
  workflowInputs?: (id: string) => string[] | null
}

/** Fields of each node type written as {{templates}}, and those written as JSONata. */
function textFields(node: WorkflowNode): { templates: [string, string][]; expressions: [string, string][] } {
  const c = node.config as Record<string, unknown>
  const str = (field: string): [string, string][] => (typeof c[field] === 'string' ? [[field, c[field]]] : [])
  const map = (field: string): [string, string][] =>
    c[field] && typeof c[field] === 'object' ? Object.entries(c[field] as Record<string, unknown>).flatMap(([k, v]) => (typeof v === 'string' ? [[`${field}.${k}`, v] as [string, string]] : [])) : []
  const list = (field: string): [string, string][] => (Array.isArray(c[field]) ? (c[field] as unknown[]).flatMap((v, i) => (typeof v === 'string' ? [[`${field}.${i}`, v] as [string, string]] : [])) : [])
  switch (node.type) {
    case 'END':
      return { templates: str('output'), expressions: [] }
    case 'LLM':
      return { templates: [...str('system'), ...str('prompt'), ...list('images')], expressions: [] }
    case 'AGENT':
      return { templates: [...str('system'), ...str('prompt')], expressions: [] }
    case 'API':
      return { templates: [...str('url'), ...map('headers'), ...str('body')], expressions: str('mapping') }
    case 'TRANSFORM':
      return { templates: [], expressions: c.language === 'jsonata' ? str('code') : [] }
    case 'CONDITION':
      return { templates: [], expressions: str('expression') }
    case 'LOOP':
      return { templates: [], expressions: str('items') }
    case 'SUBWORKFLOW':
      return { templates: map('inputs'), expressions: [] }
    case 'TOOL':
      return { templates: map('arguments'), expressions: [] }
    default:
      return { templates: [], expressions: [] }
  }
}

interface Graph {
  byId: Map<string, WorkflowNode>
  incoming: Map<string, WorkflowEdge[]>
  outgoing: Map<string, WorkflowEdge[]>
}

function indexGraph(body: WorkflowBody): Graph {
  const byId = new Map(body.nodes.map((n) => [n.id, n]))
  const incoming = new Map(body.nodes.map((n) => [n.id, [] as WorkflowEdge[]]))
  const outgoing = new Map(body.nodes.map((n) => [n.id, [] as WorkflowEdge[]]))
  for (const e of body.edges) {
    if (!byId.has(e.source) || !byId.has(e.target)) continue
    outgoing.get(e.source)!.push(e)
    incoming.get(e.target)!.push(e)
  }
  return { byId, incoming, outgoing }
}

/** Nodes on a cycle (Kahn's algorithm leaves them with incoming edges). */
function nodesOnCycles(body: WorkflowBody, g: Graph): Set<string> {
  const indegree = new Map(body.nodes.map((n) => [n.id, g.incoming.get(n.id)!.length]))
  const queue = body.nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id)
  for (let i = 0; i < queue.length; i++) {
    for (const e of g.outgoing.get(queue[i]!)!) {
      const left = indegree.get(e.target)! - 1
      indegree.set(e.target, left)
      if (left === 0) queue.push(e.target)
    }
  }
  // Left over: nodes on a cycle and nodes downstream of one; keep those that reach themselves.
  const left = new Set(body.nodes.filter((n) => indegree.get(n.id)! > 0).map((n) => n.id))
  return new Set([...left].filter((id) => reaches(g, id, id, left)))
}

function reaches(g: Graph, from: string, to: string, within: Set<string>): boolean {
  const seen = new Set<string>()
  const stack = g.outgoing.get(from)!.map((e) => e.target)
  while (stack.length > 0) {
    const id = stack.pop()!
    if (id === to) return true
    if (seen.has(id) || !within.has(id)) continue
    seen.add(id)
    for (const e of g.outgoing.get(id)!) stack.push(e.target)
  }
  return false
}

/** The nodes upstream of one node: the outputs it may read. Computed only for nodes with templates, so a long chain stays linear. */
function ancestorsOf(g: Graph, id: string): Set<string> {
  const seen = new Set<string>()
  const stack = [id]
  while (stack.length > 0) {
    for (const e of g.incoming.get(stack.pop()!) ?? []) {
      if (seen.has(e.source)) continue
      seen.add(e.source)
      stack.push(e.source)
    }
  }
  seen.delete(id)
  return seen
}

interface Scope {
  /** Declared run inputs, or null when any name is allowed (a LOOP body sees its item). */
  inputs: Set<string> | null
  /** Node ids outside this body whose outputs are readable (a LOOP body reads its parent's). */
  outer: Set<string>
  inLoop: boolean
}

/** Validates a graph (a file's nodes and edges, or a LOOP body) and returns every issue found. */
function validateBody(body: WorkflowBody, ctx: ValidationContext, scope: Scope, top: boolean): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const issue = (kind: ValidationIssue['kind'], message: string, nodeId: string | null, extra: Partial<ValidationIssue> = {}): void => {
    issues.push({ kind, message, nodeId, ...extra })
  }
  const ids = new Set<string>()
  for (const n of body.nodes) {
    if (ids.has(n.id)) issue('structure', `Two nodes have the id "${n.id}"; ids must be unique.`, n.id)
    ids.add(n.id)
  }
  const starts = body.nodes.filter((n) => n.type === 'START')
  const ends = body.nodes.filter((n) => n.type === 'END')
  const where = top ? 'A workflow' : 'A loop body'
  if (starts.length !== 1) issue('structure', `${where} needs exactly one START node; it has ${starts.length}.`, starts[1]?.id ?? null)
  if (ends.length === 0) issue('structure', `${where} needs an END node: its output is the result.`, null)
  if (!top && starts[0] && (starts[0].config as { inputs?: unknown[] }).inputs?.length) {
    issue('bad-config', 'The START of a loop body takes no inputs: it reads {{item}} and {{index}}.', starts[0].id, { field: 'inputs' })
  }

  const g = indexGraph(body)
  const edgeKeys = new Set<string>()
  for (const e of body.edges) {
    const source = g.byId.get(e.source)
    const target = g.byId.get(e.target)
    if (!source || !target) {
      issue('bad-edge', `The edge ${e.id} connects ${source ? '' : `a missing node "${e.source}"`}${!source && !target ? ' and ' : ''}${target ? '' : `a missing node "${e.target}"`}.`, source?.id ?? target?.id ?? null, { edgeId: e.id })
      continue
    }
    const key = `${e.source}\u0000${e.target}\u0000${e.sourceHandle ?? ''}`
    if (edgeKeys.has(key)) issue('bad-edge', `Two edges go from "${e.source}" to "${e.target}".`, e.target, { edgeId: e.id })
    edgeKeys.add(key)
    if (e.source === e.target) issue('cycle', `"${e.source}" is connected to itself.`, e.source, { edgeId: e.id })
    if (target.type === 'START') issue('bad-edge', 'Nothing can lead into START: it is where a run begins.', target.id, { edgeId: e.id })
    if (source.type === 'END') issue('bad-edge', 'END is where a run ends: nothing can follow it.', source.id, { edgeId: e.id })
    if (source.type === 'CONDITION' && !e.sourceHandle) issue('bad-edge', `An edge from the condition "${source.id}" must leave by its true or false handle.`, source.id, { edgeId: e.id })
    if (source.type !== 'CONDITION' && e.sourceHandle) issue('bad-edge', `Only a CONDITION has true/false handles; "${source.id}" is a ${source.type}.`, source.id, { edgeId: e.id })
  }

  for (const id of nodesOnCycles(body, g)) {
    issue('cycle', `"${id}" is on a cycle: a workflow is a graph without loops (use a LOOP node to repeat steps).`, id)
  }

  if (starts.length === 1) {
    const reached = new Set<string>([starts[0]!.id])
    const stack = [starts[0]!.id]
    while (stack.length > 0) {
      for (const e of g.outgoing.get(stack.pop()!) ?? []) {
        if (reached.has(e.target)) continue
        reached.add(e.target)
        stack.push(e.target)
      }
    }
    for (const n of body.nodes) {
      if (!reached.has(n.id)) issue('unreachable', `"${n.id}" cannot be reached from START: connect it, or delete it.`, n.id)
    }
  }

  const inputs = top && starts.length === 1 ? declaredInputs(starts[0]!) : scope.inputs
  for (const node of body.nodes) {
    const parsed = NodeConfigs[node.type as NodeType].safeParse(node.config)
    if (!parsed.success) {
      for (const problem of parsed.error.issues) {
        const field = problem.path.join('.') || null
        const missing = problem.code === 'invalid_type' && problem.input === undefined
        issue(missing ? 'missing-input' : 'bad-config', `${node.id}: ${field ? `${field}: ` : ''}${missing ? 'required' : problem.message}.`, node.id, { field })
      }
      continue
    }
    const { templates, expressions } = textFields(node)
    const needsScope = templates.length > 0 || node.type === 'LOOP'
    const readable = needsScope ? new Set([...ancestorsOf(g, node.id), ...scope.outer]) : scope.outer
    for (const [field, text] of templates) {
      for (const variable of templateVariables(text)) {
        const problem = unknownVariable(variable, readable, ids, inputs, scope.inLoop)
        if (problem) issue('unknown-variable', `${node.id}: ${field}: ${problem}`, node.id, { field })
      }
    }
    for (const [field, text] of expressions) {
      const error = expressionError(text)
      if (error) issue('bad-config', `${node.id}: ${field}: ${error}`, node.id, { field })
    }
    checkReferences(node, parsed.data as Record<string, unknown>, ctx, issue)
    if (node.type === 'LOOP') {
      const body = (parsed.data as { body: WorkflowBody }).body
      const inner = validateBody(body, ctx, { inputs, outer: readable, inLoop: true }, false)
      for (const i of inner) issue(i.kind, `In the loop body of ${node.id}: ${i.message}`, node.id, { field: i.nodeId ? `body.${i.nodeId}` : 'body' })
    }
  }
  return issues
}

function declaredInputs(start: WorkflowNode): Set<string> | null {
  const inputs = (start.config as { inputs?: { name: string }[] }).inputs
  return Array.isArray(inputs) && inputs.length > 0 ? new Set(inputs.map((i) => i.name)) : null
}

/** Why a {{variable}} cannot be resolved where it is used, or null when it can. */
function unknownVariable(variable: string, readable: Set<string>, ids: Set<string>, inputs: Set<string> | null, inLoop: boolean): string | null {
  const [root, next] = variable.split('.')
  if (!root) return `{{${variable}}} is empty.`
  if (root === 'secret') return next ? null : '{{secret}} needs a name: {{secret.NAME}}.'
  if (root === 'input') {
    if (!next || inputs === null || inputs.has(next)) return null
    return `{{${variable}}}: the workflow has no input "${next}" (START declares ${[...inputs].join(', ')}).`
  }
  if (root === 'item' || root === 'index') return inLoop ? null : `{{${variable}}} exists only inside a LOOP body.`
  if (readable.has(root)) return null
  if (ids.has(root)) return `{{${variable}}}: "${root}" does not run before this node; connect it upstream to use its output.`
  return `{{${variable}}} is unknown: no node "${root}", and not input., secret. or item.`
}

function checkReferences(node: WorkflowNode, config: Record<string, unknown>, ctx: ValidationContext, issue: (kind: ValidationIssue['kind'], message: string, nodeId: string | null, extra?: Partial<ValidationIssue>) => void): void {
  if (node.type === 'TOOL' && ctx.toolRequired) {
    const required = ctx.toolRequired(config.tool as string)
    if (required === null) issue('bad-config', `${node.id}: there is no tool "${config.tool as string}"; add it in Settings > Workflows > Tools.`, node.id, { field: 'tool' })
    for (const name of required ?? []) {
      if (!(name in (config.arguments as Record<string, string>))) issue('missing-input', `${node.id}: the tool ${config.tool as string} needs the argument "${name}".`, node.id, { field: `arguments.${name}` })
    }
  }
  if (node.type === 'AGENT' && ctx.toolRequired) {
    for (const tool of config.tools as string[]) {
      if (ctx.toolRequired(tool) === null) issue('bad-config', `${node.id}: there is no tool "${tool}".`, node.id, { field: 'tools' })
    }
  }
  if (node.type === 'SUBWORKFLOW' && ctx.workflowInputs) {
    const required = ctx.workflowInputs(config.workflowId as string)
    if (required === null) issue('bad-config', `${node.id}: there is no saved workflow with id ${config.workflowId as string}.`, node.id, { field: 'workflowId' })
    for (const name of required ?? []) {
      if (!(name in (config.inputs as Record<string, string>))) issue('missing-input', `${node.id}: the workflow it calls needs the input "${name}".`, node.id, { field: `inputs.${name}` })
    }
  }
}

/** Validates a whole workflow file's graph. */
export function validateWorkflow(body: WorkflowBody, ctx: ValidationContext = {}): ValidationIssue[] {
  return validateBody(body, ctx, { inputs: null, outer: new Set(), inLoop: false }, true)
}
