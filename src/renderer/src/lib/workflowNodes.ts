import type { NodeType } from '../../../shared/schemas/workflows'

export interface NodeTypeInfo {
  /** Shown on the palette and on nodes, next to the icon: colour is never the only cue. */
  label: string
  description: string
  /** A 24×24 stroke path. */
  icon: string
  /** Config of a node just added: valid where a sensible default exists, empty where the user must choose. */
  defaults: () => Record<string, unknown>
}

export const NODE_INFO: Record<NodeType, NodeTypeInfo> = {
  START: { label: 'Start', description: 'Where a run begins; declares its inputs.', icon: 'M7 5l12 7-12 7z', defaults: () => ({ inputs: [] }) },
  END: { label: 'End', description: 'The output of the run.', icon: 'M5 21V4h11l-2 4 2 4H5', defaults: () => ({}) },
  LLM: {
    label: 'LLM',
    description: 'Ask a model, with a prompt template.',
    icon: 'M12 3l1.8 4.7 4.7 1.8-4.7 1.8L12 16l-1.8-4.7-4.7-1.8 4.7-1.8zM18 15l.8 2.2L21 18l-2.2.8L18 21l-.8-2.2L15 18l2.2-.8z',
    defaults: () => ({ model: 'auto', prompt: '' })
  },
  AGENT: {
    label: 'Agent',
    description: 'A model that calls tools until it is done.',
    icon: 'M8 8h8a3 3 0 0 1 3 3v5a3 3 0 0 1-3 3H8a3 3 0 0 1-3-3v-5a3 3 0 0 1 3-3zM12 4v4M9.5 13h.01M14.5 13h.01',
    defaults: () => ({ model: 'auto', prompt: '', tools: [], maxSteps: 8 })
  },
  API: {
    label: 'API call',
    description: 'An HTTP request.',
    icon: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM3 12h18M12 3c2.5 2.5 3.5 5.5 3.5 9s-1 6.5-3.5 9M12 3c-2.5 2.5-3.5 5.5-3.5 9s1 6.5 3.5 9',
    defaults: () => ({ method: 'GET', url: '' })
  },
  TRANSFORM: {
    label: 'Transform',
    description: 'JavaScript or JSONata over the data so far.',
    icon: 'M8 7l-5 5 5 5M16 7l5 5-5 5M14 4l-4 16',
    defaults: () => ({ language: 'javascript', code: 'return input' })
  },
  CONDITION: {
    label: 'Condition',
    description: 'Follow the true or the false branch.',
    icon: 'M12 3l9 9-9 9-9-9z',
    defaults: () => ({ expression: '' })
  },
  LOOP: {
    label: 'Loop',
    description: 'Run a sub-graph once per item of a list.',
    icon: 'M17 2l4 4-4 4M3 11V9a3 3 0 0 1 3-3h15M7 22l-4-4 4-4M21 13v2a3 3 0 0 1-3 3H3',
    defaults: () => ({ items: '', body: { nodes: [], edges: [] }, concurrency: 4 })
  },
  SUBWORKFLOW: {
    label: 'Subworkflow',
    description: 'Run another saved workflow.',
    icon: 'M4 4h10v10H4zM10 10h10v10H10z',
    defaults: () => ({ workflowId: '', inputs: {} })
  },
  DELAY: { label: 'Delay', description: 'Wait before going on.', icon: 'M12 7v5l3 2M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z', defaults: () => ({ ms: 1000 }) },
  TOOL: {
    label: 'Tool',
    description: 'Call one tool with arguments.',
    icon: 'M14.7 6.3a4 4 0 0 0-5.4 5.4L3 18l3 3 6.3-6.3a4 4 0 0 0 5.4-5.4l-2.5 2.5-2.4-.6-.6-2.4z',
    defaults: () => ({ tool: '', arguments: {} })
  }
}

/** CSS class suffix of a node type (colour tokens in workflows.css). */
export function typeClass(type: NodeType): string {
  return type.toLowerCase()
}
