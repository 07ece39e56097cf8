/**
 * The inspector form of each node type: one entry per config field of NodeConfigs[type], in the
 * order a person fills them. The schemas stay the judge of what is valid; this says how to edit.
 */
import type { NodeType } from '../../../shared/schemas/workflows'

export type FieldKind =
  | 'text'
  | 'template'
  | 'code'
  | 'number'
  | 'checkbox'
  | 'select'
  | 'model'
  | 'tools'
  | 'tool'
  | 'workflow'
  | 'json'
  | 'lines'
  | 'inputs'

export interface FieldSpec {
  name: string
  label: string
  kind: FieldKind
  hint?: string
  /** Required fields keep an empty string (and say so); optional ones are removed when emptied. */
  required?: boolean
  options?: readonly string[]
  min?: number
  max?: number
  step?: number
}

const TEMPLATE_HINT = 'Variables: {{input.name}}, {{nodeId.field}}, {{secret.NAME}}.'

export const NODE_FIELDS: Record<NodeType, FieldSpec[]> = {
  START: [{ name: 'inputs', label: 'Inputs', kind: 'inputs', hint: 'Asked for when a run starts; read as {{input.name}}.' }],
  END: [{ name: 'output', label: 'Output', kind: 'template', hint: `The run's output. ${TEMPLATE_HINT}` }],
  LLM: [
    { name: 'model', label: 'Model', kind: 'model', required: true },
    { name: 'system', label: 'System prompt', kind: 'template' },
    { name: 'prompt', label: 'Prompt', kind: 'template', required: true, hint: TEMPLATE_HINT },
    { name: 'images', label: 'Images', kind: 'lines', hint: 'One template per line, each giving a data:image/… URL.' },
    { name: 'temperature', label: 'Temperature', kind: 'number', min: 0, max: 2, step: 0.1 },
    { name: 'maxTokens', label: 'Max tokens', kind: 'number', min: 1, max: 200_000, step: 1 },
    { name: 'json', label: 'Parse the answer as JSON', kind: 'checkbox' }
  ],
  AGENT: [
    { name: 'model', label: 'Model', kind: 'model', required: true },
    { name: 'system', label: 'System prompt', kind: 'template' },
    { name: 'prompt', label: 'Task', kind: 'template', required: true, hint: TEMPLATE_HINT },
    { name: 'tools', label: 'Tools', kind: 'tools', required: true },
    { name: 'maxSteps', label: 'Max steps', kind: 'number', min: 1, max: 50, step: 1 }
  ],
  API: [
    { name: 'method', label: 'Method', kind: 'select', options: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'], required: true },
    { name: 'url', label: 'URL', kind: 'text', required: true, hint: TEMPLATE_HINT },
    { name: 'headers', label: 'Headers', kind: 'json', hint: 'A JSON object of header templates.' },
    { name: 'body', label: 'Body', kind: 'template' },
    { name: 'timeoutMs', label: 'Request timeout (ms)', kind: 'number', min: 100, max: 600_000, step: 100 },
    { name: 'mapping', label: 'Output mapping', kind: 'text', hint: 'JSONata over { status, headers, body }; empty: the body.' }
  ],
  TRANSFORM: [
    { name: 'language', label: 'Language', kind: 'select', options: ['javascript', 'jsonata'], required: true },
    {
      name: 'code',
      label: 'Code',
      kind: 'code',
      required: true,
      hint: 'JavaScript: a function body; `input` holds the run inputs (input.input) and each upstream output by node id. Return the result.'
    },
    { name: 'timeoutMs', label: 'Time limit (ms)', kind: 'number', min: 10, max: 60_000, step: 10 },
    { name: 'memoryMb', label: 'Memory limit (MB)', kind: 'number', min: 1, max: 256, step: 1 }
  ],
  CONDITION: [
    { name: 'expression', label: 'Expression', kind: 'text', required: true, hint: 'JSONata; a true result follows the true branch.' }
  ],
  LOOP: [
    { name: 'items', label: 'Items', kind: 'text', required: true, hint: 'JSONata giving the list to loop over.' },
    { name: 'body', label: 'Body', kind: 'json', required: true, hint: 'The sub-graph run per item ({ nodes, edges }), with {{item}} and {{index}}.' },
    { name: 'concurrency', label: 'Items at once', kind: 'number', min: 1, max: 32, step: 1 }
  ],
  SUBWORKFLOW: [
    { name: 'workflowId', label: 'Workflow', kind: 'workflow', required: true },
    { name: 'inputs', label: 'Inputs', kind: 'json', hint: 'A JSON object of input templates.' }
  ],
  DELAY: [{ name: 'ms', label: 'Wait (ms)', kind: 'number', required: true, min: 0, max: 24 * 3_600_000, step: 100 }],
  TOOL: [
    { name: 'tool', label: 'Tool', kind: 'tool', required: true },
    { name: 'arguments', label: 'Arguments', kind: 'json', hint: 'A JSON object of argument templates.' }
  ]
}
