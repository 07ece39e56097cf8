/** Every node type's executor, registered in one place: a new node type is one module plus one line here. */
import type { NodeType } from '../../../../shared/schemas/workflows'
import { agent } from './agent'
import { api } from './api'
import { condition } from './condition'
import { delay } from './delay'
import { end } from './end'
import { llm } from './llm'
import { loop } from './loop'
import { start } from './start'
import { subworkflow } from './subworkflow'
import { tool } from './tool'
import { transform } from './transform'
import type { NodeExecutor } from './types'

export const EXECUTORS: ReadonlyMap<NodeType, NodeExecutor> = new Map(
  ([start, end, llm, agent, api, transform, condition, loop, subworkflow, delay, tool] as NodeExecutor[]).map((e) => [e.type, e])
)
