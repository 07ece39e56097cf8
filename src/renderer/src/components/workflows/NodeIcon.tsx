import type { ReactElement } from 'react'
import type { NodeType } from '../../../../shared/schemas/workflows'
import { NODE_INFO } from '../../lib/workflowNodes'

/** The icon of a node type; decorative, the type's name is always written next to it. */
export function NodeIcon({ type, size = 16 }: { type: NodeType; size?: number }): ReactElement {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.9}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={NODE_INFO[type].icon} />
    </svg>
  )
}
