import { useId, useMemo, useState, type ReactElement } from 'react'
import { NodeId } from '../../../../shared/schemas/workflows'
import { NODE_FIELDS } from '../../lib/nodeFields'
import { nodeMessages, withIssues } from '../../lib/nodeMessages'
import type { FlowNode, NodeData } from '../../lib/workflowGraph'
import { NODE_INFO, typeClass } from '../../lib/workflowNodes'
import { useGraph } from '../../stores/workflowGraph'
import { useWorkflows } from '../../stores/workflows'
import { ConfigField } from './ConfigField'
import { FieldFrame, FormMessages, fieldAria } from './FieldFrame'
import { NodeIcon } from './NodeIcon'
import { NodeLimits } from './NodeLimits'

/** The node id, renamed on Enter or when the field is left; edges follow, a bad id is refused. */
function IdField({ node, messages }: { node: FlowNode; messages?: string[] }): ReactElement {
  const id = useId()
  const [draft, setDraft] = useState(node.id)
  const [error, setError] = useState<string | null>(null)
  const apply = (): void => {
    const next = draft.trim()
    if (next === node.id) return setError(null)
    const checked = NodeId.safeParse(next)
    if (!checked.success) return setError(checked.error.issues[0]?.message ?? 'Not a valid id.')
    if (useGraph.getState().nodes.some((n) => n.id === next)) return setError(`Another node is called ${next}.`)
    setError(null)
    useGraph.getState().renameNode(node.id, next)
  }
  const hint = 'Templates read this node’s output as {{id.field}}.'
  const all = error ? [error, ...(messages ?? [])] : messages
  return (
    <FieldFrame id={id} label="Id" hint={hint} messages={all}>
      <input
        id={id}
        value={draft}
        spellCheck={false}
        {...fieldAria(id, hint, all)}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === 'Enter') apply()
        }}
      />
    </FieldFrame>
  )
}

const LABEL_HINT = 'Shown on the canvas instead of the id.'

function NodeForm({ node }: { node: FlowNode }): ReactElement {
  const labelId = useId()
  const issues = useWorkflows((s) => s.issues)
  const fields = NODE_FIELDS[node.data.type]
  const messages = useMemo(() => {
    const mine = issues.filter((i) => i.nodeId === node.id)
    return withIssues(nodeMessages(node), node.id, mine, new Set(fields.map((f) => f.name)))
  }, [node, issues, fields])
  const update = (patch: Partial<NodeData>, key: string): void => useGraph.getState().updateNode(node.id, patch, `${node.id}:${key}`)
  const setConfig = (name: string, value: unknown): void => {
    const { [name]: _old, ...rest } = node.data.config
    update({ config: value === undefined ? rest : { ...rest, [name]: value } }, `config.${name}`)
  }
  const general = messages.config['']
  return (
    <div className="wf-form">
      <FormMessages id={`${labelId}-general`} messages={general} />
      <IdField node={node} messages={messages.node.id} />
      <FieldFrame id={labelId} label="Label" hint={LABEL_HINT} messages={messages.node.label}>
        <input
          id={labelId}
          value={node.data.label ?? ''}
          {...fieldAria(labelId, LABEL_HINT, messages.node.label)}
          onChange={(e) => update({ label: e.target.value || undefined }, 'label')}
        />
      </FieldFrame>
      {fields.map((spec) => (
        <ConfigField key={spec.name} spec={spec} value={node.data.config[spec.name]} messages={messages.config[spec.name]} onChange={(v) => setConfig(spec.name, v)} />
      ))}
      <NodeLimits node={node} messages={messages.node} onChange={update} />
    </div>
  )
}

/** Configures the selected node; several selected: says so; none: says how to pick one, or where the workflow's settings are. */
export function Inspector({ onWorkflow }: { onWorkflow: () => void }): ReactElement {
  const node = useGraph((s) => s.nodes.find((n) => n.selected))
  const count = useGraph((s) => s.nodes.reduce((n, node) => n + (node.selected ? 1 : 0), 0))
  if (!node) {
    return (
      <div className="wf-side-empty">
        <p className="muted small">Select a node to configure it.</p>
        <button type="button" className="button button-small" onClick={onWorkflow}>
          Workflow settings and triggers
        </button>
      </div>
    )
  }
  if (count > 1) return <p className="muted small wf-side-empty">{count} nodes selected: copy, delete or move them together.</p>
  return (
    <div className="wf-inspector">
      <p className={`wf-inspector-type wf-type-${typeClass(node.data.type)}`}>
        <span className="wf-node-icon">
          <NodeIcon type={node.data.type} size={14} />
        </span>
        {NODE_INFO[node.data.type].label} node
      </p>
      <p className="muted small">{NODE_INFO[node.data.type].description}</p>
      {/* A fresh form per node: drafts (id, JSON) never leak from one node to the next. */}
      <NodeForm key={node.id} node={node} />
    </div>
  )
}
