import { memo, useContext, type ReactElement } from 'react'
import { Handle, Position, type NodeProps } from '@xyflow/react'
import type { FlowNode, NodeData } from '../../lib/workflowGraph'
import { NODE_INFO, typeClass } from '../../lib/workflowNodes'
import { formatMs, plural } from '../../lib/format'
import { StatusBadge } from '../Badge'
import { NodeIcon } from './NodeIcon'
import { NodeMarksContext } from './canvasContext'

const SUMMARY_LENGTH = 48

function clip(text: string): string {
  return text.length > SUMMARY_LENGTH ? `${text.slice(0, SUMMARY_LENGTH - 1)}…` : text
}

/** One line saying what the node does, from its config. */
function summary({ type, config }: NodeData): string {
  const text = (key: string): string => (typeof config[key] === 'string' ? (config[key] as string) : '')
  switch (type) {
    case 'START': {
      const inputs = Array.isArray(config.inputs) ? (config.inputs as { name?: unknown }[]) : []
      return inputs.length ? `Inputs: ${inputs.map((i) => String(i.name ?? '?')).join(', ')}` : 'No inputs'
    }
    case 'END':
      return text('output') || 'Output: what reaches it'
    case 'LLM':
    case 'AGENT':
      return text('model') === 'auto' ? 'Model: Auto' : text('model') || 'No model'
    case 'API':
      return `${text('method') || 'GET'} ${text('url') || '(no URL)'}`
    case 'TRANSFORM':
      return text('language') === 'jsonata' ? 'JSONata' : 'JavaScript'
    case 'CONDITION':
      return text('expression') || '(no expression)'
    case 'LOOP':
      return text('items') ? `For each of ${text('items')}` : '(no items)'
    case 'SUBWORKFLOW':
      return text('workflowId') || '(no workflow)'
    case 'DELAY':
      return typeof config.ms === 'number' ? `${config.ms} ms` : '(no delay)'
    case 'TOOL':
      return text('tool') || '(no tool)'
  }
}

/** A node on the canvas: type colour, icon and name, its id, a summary, its run state and problems. */
export const NodeView = memo(function NodeView({ id, data }: NodeProps<FlowNode>): ReactElement {
  const { states, problems } = useContext(NodeMarksContext)
  const state = states[id]
  const count = problems[id] ?? 0
  const classes = ['wf-node', `wf-type-${typeClass(data.type)}`]
  if (state) classes.push(`wf-state-${state.status}`)
  if (count) classes.push('wf-node-invalid')
  return (
    <div className={classes.join(' ')}>
      {data.type === 'START' ? null : <Handle type="target" position={Position.Left} />}
      <div className="wf-node-head">
        <span className="wf-node-icon">
          <NodeIcon type={data.type} size={14} />
        </span>
        <span className="wf-node-type">{NODE_INFO[data.type].label}</span>
      </div>
      <div className="wf-node-name">{data.label || id}</div>
      {data.label ? <div className="wf-node-id">{id}</div> : null}
      <div className="wf-node-summary">{clip(summary(data))}</div>
      {count ? <div className="wf-node-problems">{plural(count, 'problem')}</div> : null}
      {state ? (
        <div className="wf-node-state">
          <StatusBadge status={state.status} />
          {state.durationMs !== null ? <span>{formatMs(state.durationMs)}</span> : null}
          {state.attempt > 1 ? <span>attempt {state.attempt}</span> : null}
        </div>
      ) : null}
      {data.type === 'CONDITION' ? (
        <>
          <Handle type="source" position={Position.Right} id="true" className="wf-handle-true" />
          <span className="wf-handle-label wf-handle-label-true">true</span>
          <Handle type="source" position={Position.Right} id="false" className="wf-handle-false" />
          <span className="wf-handle-label wf-handle-label-false">false</span>
        </>
      ) : data.type === 'END' ? null : (
        <Handle type="source" position={Position.Right} />
      )}
    </div>
  )
})
