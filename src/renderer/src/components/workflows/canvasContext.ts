import { createContext } from 'react'
import type { NodeState } from '../../stores/workflowRuns'

/** What the canvas knows about each node beyond its data: its state in the shown run, its problems. */
export interface NodeMarks {
  states: Record<string, NodeState>
  problems: Record<string, number>
}

export const NodeMarksContext = createContext<NodeMarks>({ states: {}, problems: {} })
