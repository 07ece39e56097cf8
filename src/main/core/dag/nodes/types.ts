/**
 * What a node executor sees and returns. One module per node type implements `NodeExecutor`;
 * nodes/index.ts registers them all in one place.
 */
import type { z } from 'zod'
import type { NodeConfigs, NodeType, WorkflowBody, WorkflowNode } from '../../../../shared/schemas/workflows'
import type { ChatMessage, ToolSpec, ToolCall, Usage } from '../../providers/types'

/**
 * The values templates and expressions can read: `input` (the run's inputs), one entry per
 * upstream node id holding its output, and `item`/`index` inside a LOOP body.
 */
export type Scope = Record<string, unknown>

export interface LlmCall {
  /** "auto" or "provider/model". */
  model: string
  system?: string
  messages: ChatMessage[]
  tools?: ToolSpec[]
  temperature?: number
  maxTokens?: number
}

export interface LlmResult {
  text: string
  toolCalls: ToolCall[]
  /** The model that answered ("provider/model"), after routing and fallbacks. */
  model: string
  usage: Usage | null
}

export interface NodeServices {
  /** One chat turn through routing ("auto"), resilience and usage recording; fallbacks are noted in the node's log. */
  llm(call: LlmCall, signal: AbortSignal, note?: (message: string) => void): Promise<LlmResult>
  /** Renders a {{template}} with secrets resolved (for execution only: never persist the result). */
  render(template: string, scope: Scope): Promise<string>
  /** Like render, but a template that is exactly one {{variable}} gives that value as it is (an object stays an object). */
  resolve(template: string, scope: Scope): Promise<unknown>
  /** Evaluates a JSONata expression over the scope. */
  evaluate(expression: string, scope: Scope, signal: AbortSignal): Promise<unknown>
  /** Runs user JavaScript in the sandbox with `input` bound to the scope. */
  runJavaScript(code: string, input: unknown, limits: { timeoutMs: number; memoryMb: number; log?: (level: 'info' | 'warn' | 'error', message: string) => void }, signal: AbortSignal): Promise<unknown>
  /** An HTTP request (API node, http tools); errors are typed with a readable message. */
  http(request: HttpRequest, signal: AbortSignal): Promise<HttpResponse>
  /** Tool specs for an AGENT's tool names, and a call to one of them. */
  toolSpecs(names: string[]): ToolSpec[]
  callTool(name: string, args: unknown, signal: AbortSignal): Promise<unknown>
  /** Runs a saved workflow to its end as a child run, returning its output. */
  runWorkflow(workflowId: string, inputs: Record<string, unknown>, signal: AbortSignal): Promise<unknown>
  /** Runs a LOOP body once with the given extra scope (item, index), returning its END output. */
  runBody(body: WorkflowBody, scope: Scope, signal: AbortSignal): Promise<unknown>
}

export interface HttpRequest {
  method: string
  url: string
  headers?: Record<string, string>
  body?: string
  timeoutMs: number
}

export interface HttpResponse {
  status: number
  statusText: string
  headers: Record<string, string>
  /** Parsed JSON when the response says it is JSON, else text. */
  body: unknown
}

export interface NodeContext<T extends NodeType = NodeType> {
  runId: string
  workflowId: string
  traceId: string
  node: WorkflowNode
  config: z.output<(typeof NodeConfigs)[T]>
  scope: Scope
  /** What flowed in along the node's edges: { upstreamId: output }, or the run's inputs for START. */
  input: unknown
  signal: AbortSignal
  log(level: 'info' | 'warn' | 'error', message: string): void
  services: NodeServices
}

export interface NodeResult {
  output: unknown
  /** CONDITION only: the branch taken; edges of the other branch are not followed. */
  branch?: 'true' | 'false'
}

export interface NodeExecutor<T extends NodeType = NodeType> {
  type: T
  execute(ctx: NodeContext<T>): Promise<NodeResult>
}
