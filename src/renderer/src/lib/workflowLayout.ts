import dagre from '@dagrejs/dagre'
import type { Graph, FlowNode } from './workflowGraph'

/** Size assumed for a node not measured yet (just pasted or imported). */
const DEFAULT_SIZE = { width: 200, height: 72 }

/** Left-to-right layered layout (dagre); returns the nodes at their new positions. */
export function autoLayout({ nodes, edges }: Graph): FlowNode[] {
  const g = new dagre.graphlib.Graph()
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 80, marginx: 20, marginy: 20 })
  g.setDefaultEdgeLabel(() => ({}))
  for (const node of nodes) {
    g.setNode(node.id, { width: node.measured?.width ?? DEFAULT_SIZE.width, height: node.measured?.height ?? DEFAULT_SIZE.height })
  }
  for (const edge of edges) g.setEdge(edge.source, edge.target)
  dagre.layout(g)
  return nodes.map((node) => {
    const placed = g.node(node.id)
    const width = node.measured?.width ?? DEFAULT_SIZE.width
    const height = node.measured?.height ?? DEFAULT_SIZE.height
    // dagre gives centres; React Flow positions are top-left corners.
    return { ...node, position: { x: Math.round(placed.x - width / 2), y: Math.round(placed.y - height / 2) } }
  })
}
