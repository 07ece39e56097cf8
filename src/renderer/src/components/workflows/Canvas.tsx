import { useCallback, useMemo, useState, type DragEvent, type ReactElement } from 'react'
import { Background, Controls, MiniMap, ReactFlow, useReactFlow, type Connection, type Edge } from '@xyflow/react'
import { NODE_TYPES as TYPE_NAMES, type NodeType } from '../../../../shared/schemas/workflows'
import type { FlowNode } from '../../lib/workflowGraph'
import { NODE_INFO, typeClass } from '../../lib/workflowNodes'
import { plural } from '../../lib/format'
import { useGraph } from '../../stores/workflowGraph'
import { useWorkflows } from '../../stores/workflows'
import { useShownNodeStates, useWorkflowRuns } from '../../stores/workflowRuns'
import { statusLabel } from '../Badge'
import { NodeView } from './NodeView'
import { NodeMarksContext, type NodeMarks } from './canvasContext'

/** The drag data type of a palette item: the node type's name. */
export const DRAG_TYPE = 'application/x-nexus-node-type'

const NODE_COMPONENTS = { workflow: NodeView }

function isNodeType(value: string): value is NodeType {
  return (TYPE_NAMES as readonly string[]).includes(value)
}

const noSelfLoop = (c: Connection | Edge): boolean => c.source !== c.target

/** The graph editor: drop nodes from the palette, connect handles, select to inspect. */
export function Canvas({ onNodeOpen }: { onNodeOpen: () => void }): ReactElement {
  const nodes = useGraph((s) => s.nodes)
  const edges = useGraph((s) => s.edges)
  const graph = useGraph.getState()
  const issues = useWorkflows((s) => s.issues)
  const states = useShownNodeStates()
  const runShown = useWorkflowRuns((s) => s.shownId !== null)
  const { screenToFlowPosition } = useReactFlow()
  // Fit an opened workflow once; an empty one keeps its view, so the first drop does not jump.
  const [fitOnOpen] = useState(() => nodes.length > 0)

  const marks = useMemo<NodeMarks>(() => {
    const problems: Record<string, number> = {}
    for (const issue of issues) if (issue.nodeId) problems[issue.nodeId] = (problems[issue.nodeId] ?? 0) + 1
    return { states, problems }
  }, [issues, states])

  // Names for assistive tech: type, id, run state and problems, the same as the node shows.
  const shown = useMemo(
    () =>
      nodes.map((n): FlowNode => {
        const parts = [`${NODE_INFO[n.data.type].label} node ${n.id}`]
        const state = marks.states[n.id]
        if (state) parts.push(statusLabel(state.status))
        const count = marks.problems[n.id]
        if (count) parts.push(plural(count, 'problem'))
        return { ...n, ariaLabel: parts.join(', ') }
      }),
    [nodes, marks]
  )
  // Edges into a running node move, so the flow of a run shows at a glance.
  const shownEdges = useMemo(
    () => edges.map((e) => (marks.states[e.target]?.status === 'running' ? { ...e, animated: true } : e)),
    [edges, marks]
  )

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(DRAG_TYPE)) return
    event.preventDefault()
    event.dataTransfer.dropEffect = 'move'
  }, [])
  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(DRAG_TYPE)
      if (!isNodeType(type)) return
      event.preventDefault()
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY })
      // Drop where the pointer is: the node's head under the cursor.
      useGraph.getState().addNode(type, { x: at.x - 20, y: at.y - 16 })
    },
    [screenToFlowPosition]
  )

  return (
    <NodeMarksContext.Provider value={marks}>
      <div className="wf-canvas" onDragOver={onDragOver} onDrop={onDrop}>
        <ReactFlow<FlowNode>
          aria-label="Workflow canvas"
          nodes={shown}
          edges={shownEdges}
          nodeTypes={NODE_COMPONENTS}
          onNodesChange={graph.onNodesChange}
          onEdgesChange={graph.onEdgesChange}
          onConnect={graph.connect}
          isValidConnection={noSelfLoop}
          onNodeDragStart={() => graph.commit()}
          onSelectionDragStart={() => graph.commit()}
          onNodeClick={() => {
            if (runShown) onNodeOpen()
          }}
          deleteKeyCode={['Backspace', 'Delete']}
          fitView={fitOnOpen}
          fitViewOptions={{ maxZoom: 1 }}
          minZoom={0.2}
        >
          <Background gap={20} />
          <MiniMap<FlowNode> pannable zoomable ariaLabel="Overview of the workflow" nodeColor={(n) => `var(--node-${typeClass(n.data.type)})`} />
          <Controls />
        </ReactFlow>
        {nodes.length === 0 ? <p className="wf-canvas-empty">Drag a node here from the palette, or use its Add button. A workflow begins with Start.</p> : null}
      </div>
    </NodeMarksContext.Provider>
  )
}
