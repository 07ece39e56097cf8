/**
 * The builder's graph as @xyflow/react holds it, and its translation to and from the workflow
 * file format. Node ids are the workflow's node ids, so templates ({{llm1.text}}) read the same.
 */
import type { Edge, Node, XYPosition } from '@xyflow/react'
import type { NodeType, RetryPolicy, RunSettings, Triggers, WorkflowBody } from '../../../shared/schemas/workflows'
import type { z } from 'zod'
import { NODE_INFO } from './workflowNodes'

export interface NodeData extends Record<string, unknown> {
  type: NodeType
  label?: string
  config: Record<string, unknown>
  timeoutMs?: number
  retry?: z.infer<typeof RetryPolicy>
}

export type FlowNode = Node<NodeData, 'workflow'>
export type FlowEdge = Edge

export interface Graph {
  nodes: FlowNode[]
  edges: FlowEdge[]
}

/**
 * The workflow's own settings around its graph: description, triggers, run settings. Absent
 * triggers and settings stay out of the file (the core's defaults apply).
 */
export interface WorkflowMeta {
  description: string
  triggers?: z.input<typeof Triggers>
  settings?: z.input<typeof RunSettings>
}

export function edgeId(source: string, target: string, handle?: string | null): string {
  return handle ? `${source}-${handle}-${target}` : `${source}-${target}`
}

function flowEdge(source: string, target: string, sourceHandle?: string | null, id = edgeId(source, target, sourceHandle)): FlowEdge {
  return sourceHandle ? { id, source, target, sourceHandle, label: sourceHandle } : { id, source, target }
}

export function toFlow(body: WorkflowBody): Graph {
  return {
    nodes: body.nodes.map((n) => ({
      id: n.id,
      type: 'workflow',
      position: n.position,
      data: { type: n.type, label: n.label, config: n.config, timeoutMs: n.timeoutMs, retry: n.retry }
    })),
    edges: body.edges.map((e) => flowEdge(e.source, e.target, e.sourceHandle, e.id))
  }
}

/** Drops undefined fields, so a graph compares equal to the same graph read back. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}

export function toBody({ nodes, edges }: Graph): WorkflowBody {
  return {
    nodes: nodes.map((n) =>
      defined({
        id: n.id,
        type: n.data.type,
        label: n.data.label,
        position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
        config: n.data.config,
        timeoutMs: n.data.timeoutMs,
        retry: n.data.retry
      })
    ),
    edges: edges.map((e) =>
      defined({ id: e.id, source: e.source, target: e.target, sourceHandle: e.sourceHandle === 'true' || e.sourceHandle === 'false' ? e.sourceHandle : undefined })
    )
  }
}

/** Readable ids: llm1, transform2… the first number free among `taken`. */
function nextNodeId(type: NodeType, taken: ReadonlySet<string>): string {
  const base = type.toLowerCase()
  let n = 1
  while (taken.has(`${base}${n}`)) n += 1
  return `${base}${n}`
}

export function newNode(type: NodeType, position: XYPosition, taken: ReadonlySet<string>): FlowNode {
  return { id: nextNodeId(type, taken), type: 'workflow', position, selected: true, data: { type, config: NODE_INFO[type].defaults() } }
}

export function newEdge(source: string, target: string, sourceHandle?: string | null): FlowEdge {
  return flowEdge(source, target, sourceHandle)
}

/** The graph with one node renamed, its edges following. */
export function renameNode(graph: Graph, from: string, to: string): Graph {
  const swap = (id: string): string => (id === from ? to : id)
  return {
    nodes: graph.nodes.map((n) => (n.id === from ? { ...n, id: to } : n)),
    edges: graph.edges.map((e) =>
      e.source === from || e.target === from ? flowEdge(swap(e.source), swap(e.target), e.sourceHandle) : e
    )
  }
}

/** Selected nodes and the edges between them: what Copy keeps. */
export function selection(graph: Graph): Graph {
  const nodes = graph.nodes.filter((n) => n.selected)
  const ids = new Set(nodes.map((n) => n.id))
  return { nodes, edges: graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target)) }
}

/** A copied sub-graph with fresh ids, moved by `offset`, selected; edges follow the new ids. */
export function pasted(clip: Graph, taken: ReadonlySet<string>, offset: number): Graph {
  const used = new Set(taken)
  const ids = new Map<string, string>()
  const nodes = clip.nodes.map((n) => {
    const id = nextNodeId(n.data.type, used)
    used.add(id)
    ids.set(n.id, id)
    return {
      id,
      type: 'workflow' as const,
      position: { x: n.position.x + offset, y: n.position.y + offset },
      selected: true,
      data: structuredClone(n.data)
    }
  })
  const edges = clip.edges.map((e) => newEdge(ids.get(e.source) ?? e.source, ids.get(e.target) ?? e.target, e.sourceHandle))
  return { nodes, edges }
}

/** An edge source → target from this handle exists already. */
export function hasEdge(edges: FlowEdge[], source: string, target: string, handle?: string | null): boolean {
  return edges.some((e) => e.source === source && e.target === target && (e.sourceHandle ?? null) === (handle ?? null))
}
