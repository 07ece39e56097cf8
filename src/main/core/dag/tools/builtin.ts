/**
 * Tools every workflow has without defining them: an HTTP request and a call to another saved
 * workflow. Their arguments are used literally (no {{templates}}), so a model calling them never
 * reaches a secret.
 */
import type { ToolView } from '../../../../shared/schemas/workflows'
import { httpRequest } from '../http'

export type RunWorkflow = (workflowId: string, inputs: Record<string, unknown>, signal: AbortSignal) => Promise<unknown>

/** What a tool call gets besides its arguments. */
export interface ToolCallContext {
  signal: AbortSignal
  /** Values of the secrets the tool's templates name (see ToolRunner.secretNames). */
  secrets: ReadonlyMap<string, string>
  runWorkflow: RunWorkflow
  /** Console output of javascript tools. */
  log?: (level: 'info' | 'warn' | 'error', message: string) => void
}

interface BuiltinTool {
  view: ToolView
  /** Arguments already checked against view.parameters. */
  run(args: Record<string, unknown>, ctx: ToolCallContext): Promise<unknown>
}

const HTTP_TIMEOUT_MS = 30_000

function builtin(name: string, description: string, parameters: Record<string, unknown>): ToolView {
  return { name, description, parameters, implementation: { kind: 'builtin' }, builtIn: true, updatedAt: null }
}

const TOOLS: BuiltinTool[] = [
  {
    view: builtin('http_request', 'Make an HTTP request and get back its status, headers and body (JSON parsed when the response is JSON).', {
      type: 'object',
      properties: {
        method: { type: 'string', enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'], default: 'GET' },
        url: { type: 'string', description: 'The full http:// or https:// address.' },
        headers: { type: 'object', additionalProperties: { type: 'string' }, description: 'Request headers.' },
        body: { type: 'string', description: 'The request body (not for GET or HEAD).' }
      },
      required: ['url'],
      additionalProperties: false
    }),
    run: (args, ctx) =>
      httpRequest(
        {
          method: args.method as string,
          url: args.url as string,
          headers: args.headers as Record<string, string> | undefined,
          body: args.body as string | undefined,
          timeoutMs: HTTP_TIMEOUT_MS
        },
        ctx.signal
      )
  },
  {
    view: builtin('run_workflow', 'Run another saved workflow to its end and get back its output.', {
      type: 'object',
      properties: {
        workflow_id: { type: 'string', description: 'The id of the saved workflow.' },
        inputs: { type: 'object', description: 'Its inputs, by name.', default: {} }
      },
      required: ['workflow_id'],
      additionalProperties: false
    }),
    run: (args, ctx) => ctx.runWorkflow(args.workflow_id as string, args.inputs as Record<string, unknown>, ctx.signal)
  }
]

export const BUILTIN_TOOLS: ReadonlyMap<string, BuiltinTool> = new Map(TOOLS.map((t) => [t.view.name, t]))

/** Whether a name is taken by a built-in tool (compared without case, so "HTTP_Request" cannot pose as one). */
export function isBuiltinName(name: string): boolean {
  return [...BUILTIN_TOOLS.keys()].some((builtinName) => builtinName.toLowerCase() === name.toLowerCase())
}
