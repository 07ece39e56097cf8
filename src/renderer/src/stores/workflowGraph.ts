/**
 * The graph on the builder's canvas and the workflow's own settings (description, triggers, run
 * settings), with one undo/redo history of snapshots of both, and a clipboard. Every edit goes
 * through `commit` first, which keeps the graph as it was.
 */
import { create } from 'zustand'
import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange, type XYPosition } from '@xyflow/react'
import type { NodeType } from '../../../shared/schemas/workflows'
import { hasEdge, newEdge, newNode, pasted, renameNode, selection, type FlowEdge, type FlowNode, type Graph, type NodeData, type WorkflowMeta } from '../lib/workflowGraph'
import { autoLayout } from '../lib/workflowLayout'

/** Snapshots kept for undo. */
const HISTORY_LIMIT = 100
/** Edits of the same field closer than this make one undo step (typing in a field). */
const COALESCE_MS = 1500
const PASTE_OFFSET = 40

/** What undo and redo step through. */
interface Sheet extends Graph {
  meta: WorkflowMeta
}

const EMPTY_META: WorkflowMeta = { description: '' }

interface GraphStore extends Sheet {
  past: Sheet[]
  future: Sheet[]
  clipboard: Graph | null
  /** Replaces the graph and forgets the history (a workflow opened). */
  load(graph: Graph, meta?: WorkflowMeta): void
  /** Replaces the graph and settings as one undoable step (a version restored). */
  replace(graph: Graph, meta: WorkflowMeta): void
  /** Keeps the graph as it is now for undo; `key` merges quick edits of one field into one step. */
  commit(key?: string): void
  onNodesChange(changes: NodeChange<FlowNode>[]): void
  onEdgesChange(changes: EdgeChange<FlowEdge>[]): void
  connect(connection: Connection): void
  addNode(type: NodeType, position: XYPosition): string
  updateNode(id: string, patch: Partial<NodeData>, key?: string): void
  /** Edits the workflow's own settings; `key` merges quick edits of one field, as for nodes. */
  updateMeta(patch: Partial<WorkflowMeta>, key?: string): void
  renameNode(from: string, to: string): void
  /** Selects one node (or none), as a click on it would. */
  select(id: string | null): void
  copy(): number
  paste(): void
  layout(): void
  undo(): void
  redo(): void
}

let lastKey: string | null = null
let lastAt = 0
let pastes = 0

/** The graph without transient flags, as history keeps it. */
function snapshot({ nodes, edges }: Graph): Graph {
  return { nodes: nodes.map(({ selected: _s, dragging: _d, ...n }) => n), edges: edges.map(({ selected: _s, ...e }) => e) }
}

function sheet(state: Sheet): Sheet {
  return { ...snapshot(state), meta: state.meta }
}

function selectOnly(nodes: FlowNode[], ids: ReadonlySet<string>): FlowNode[] {
  return nodes.map((n) => (Boolean(n.selected) === ids.has(n.id) ? n : { ...n, selected: ids.has(n.id) }))
}

export const useGraph = create<GraphStore>()((set, get) => {
  /** Puts a snapshot back, keeping the current selection where its nodes still exist. */
  const restore = (graph: Sheet): void => {
    const selected = new Set(get().nodes.filter((n) => n.selected).map((n) => n.id))
    set({ nodes: selectOnly(graph.nodes, selected), edges: graph.edges, meta: graph.meta })
  }
  const taken = (): Set<string> => new Set(get().nodes.map((n) => n.id))

  return {
    nodes: [],
    edges: [],
    meta: EMPTY_META,
    past: [],
    future: [],
    clipboard: null,
    load(graph, meta = EMPTY_META) {
      lastKey = null
      set({ nodes: graph.nodes, edges: graph.edges, meta, past: [], future: [] })
    },
    replace(graph, meta) {
      get().commit()
      restore({ ...graph, meta })
    },
    commit(key) {
      const now = Date.now()
      const merge = key !== undefined && key === lastKey && now - lastAt < COALESCE_MS
      lastKey = key ?? null
      lastAt = now
      if (merge) return
      set({ past: [...get().past, sheet(get())].slice(-HISTORY_LIMIT), future: [] })
    },
    onNodesChange(changes) {
      if (changes.some((c) => c.type === 'remove')) get().commit()
      set({ nodes: applyNodeChanges(changes, get().nodes) })
    },
    onEdgesChange(changes) {
      if (changes.some((c) => c.type === 'remove')) get().commit()
      set({ edges: applyEdgeChanges(changes, get().edges) })
    },
    connect({ source, target, sourceHandle }) {
      // A node feeding itself is never meant; longer cycles are drawn and then named by validation.
      if (source === target || hasEdge(get().edges, source, target, sourceHandle)) return
      get().commit()
      set({ edges: [...get().edges, newEdge(source, target, sourceHandle)] })
    },
    addNode(type, position) {
      get().commit()
      const node = newNode(type, position, taken())
      set({ nodes: [...selectOnly(get().nodes, new Set()), node] })
      return node.id
    },
    updateNode(id, patch, key) {
      get().commit(key ?? `node:${id}`)
      set({ nodes: get().nodes.map((n) => (n.id === id ? { ...n, data: { ...n.data, ...patch } } : n)) })
    },
    updateMeta(patch, key) {
      get().commit(key ?? 'meta')
      set({ meta: { ...get().meta, ...patch } })
    },
    renameNode(from, to) {
      get().commit()
      set(renameNode(get(), from, to))
    },
    select(id) {
      set({
        nodes: selectOnly(get().nodes, new Set(id ? [id] : [])),
        edges: get().edges.map((e) => (e.selected ? { ...e, selected: false } : e))
      })
    },
    copy() {
      const clip = snapshot(selection(get()))
      if (clip.nodes.length === 0) return 0
      pastes = 0
      set({ clipboard: clip })
      return clip.nodes.length
    },
    paste() {
      const clip = get().clipboard
      if (!clip) return
      get().commit()
      pastes += 1
      const added = pasted(clip, taken(), PASTE_OFFSET * pastes)
      set({ nodes: [...selectOnly(get().nodes, new Set()), ...added.nodes], edges: [...get().edges, ...added.edges] })
    },
    layout() {
      get().commit()
      set({ nodes: autoLayout(get()) })
    },
    undo() {
      const previous = get().past.at(-1)
      if (!previous) return
      lastKey = null
      set({ past: get().past.slice(0, -1), future: [sheet(get()), ...get().future] })
      restore(previous)
    },
    redo() {
      const next = get().future[0]
      if (!next) return
      lastKey = null
      set({ past: [...get().past, sheet(get())], future: get().future.slice(1) })
      restore(next)
    }
  }
})
