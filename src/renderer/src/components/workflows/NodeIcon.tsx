import type { ReactElement } from 'react'
import type { NodeType } from '../../../../shared/schemas/workflows'
import { NODE_INFO } from '../../lib/workflowNodes'
import { PathIcon } from '../Icon'

/** The icon of a node type; decorative, the type's name is always written next to it. */
export function NodeIcon({ type, size = 16 }: { type: NodeType; size?: number }): ReactElement {
  return <PathIcon path={NODE_INFO[type].icon} size={size} strokeWidth={1.9} />
}
