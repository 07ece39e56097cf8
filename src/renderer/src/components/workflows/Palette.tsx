import { useId, type ReactElement } from 'react'
import { useStoreApi } from '@xyflow/react'
import { NODE_TYPES, type NodeType } from '../../../../shared/schemas/workflows'
import { NODE_INFO, typeClass } from '../../lib/workflowNodes'
import { useGraph } from '../../stores/workflowGraph'
import { NodeIcon } from './NodeIcon'
import { DRAG_TYPE } from './Canvas'

/** Nodes added by button land near the middle of the view, fanned out so they do not stack. */
const FAN = 28

function PaletteItem({ type, onAdd }: { type: NodeType; onAdd: (type: NodeType) => void }): ReactElement {
  const hintId = useId()
  const info = NODE_INFO[type]
  return (
    <li>
      <button
        type="button"
        className={`wf-palette-item wf-type-${typeClass(type)}`}
        draggable
        aria-label={`Add ${info.label} node`}
        aria-describedby={hintId}
        title={`${info.description} Drag onto the canvas, or press to add.`}
        onDragStart={(event) => {
          event.dataTransfer.setData(DRAG_TYPE, type)
          event.dataTransfer.effectAllowed = 'move'
        }}
        onClick={() => onAdd(type)}
      >
        <span className="wf-node-icon">
          <NodeIcon type={type} size={14} />
        </span>
        <span className="wf-palette-label">{info.label}</span>
        <span id={hintId} className="sr-only">
          {info.description}
        </span>
      </button>
    </li>
  )
}

/** Every node type: drag one onto the canvas, or press it to add it in the middle of the view. */
export function Palette(): ReactElement {
  const headingId = useId()
  const store = useStoreApi()
  const add = (type: NodeType): void => {
    const { width, height, transform } = store.getState()
    const [x, y, zoom] = transform
    const fan = (useGraph.getState().nodes.length % 6) * FAN
    useGraph.getState().addNode(type, { x: (width / 2 - x) / zoom - 100 + fan, y: (height / 2 - y) / zoom - 36 + fan })
  }
  return (
    <section className="wf-palette" aria-labelledby={headingId}>
      <h2 id={headingId} className="wf-panel-title">
        Nodes
      </h2>
      <ul>
        {NODE_TYPES.map((type) => (
          <PaletteItem key={type} type={type} onAdd={add} />
        ))}
      </ul>
    </section>
  )
}
