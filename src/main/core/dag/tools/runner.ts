/**
 * Calls a tool by name, the same way for TOOL nodes, AGENT nodes and Settings' "Test": the
 * arguments are checked against its schema, then a built-in runs, a javascript tool runs in the
 * sandbox with `input` = the arguments, or an http tool renders its templates with the arguments
 * (and secrets) and makes its request. Results and errors come back with secret values redacted,
 * since they go to models, run records and the screen.
 */
import type { ToolDefinition, ToolView } from '../../../../shared/schemas/workflows'
import { NexusError } from '../../../../shared/errors'
import type { ToolSpec } from '../../providers/types'
import { httpRequest, shownUrl } from '../http'
import { runJavaScript } from '../sandbox'
import { redactError, redactSecrets, renderObject, renderTemplate, secretNames } from '../template'
import { BUILTIN_TOOLS, type ToolCallContext } from './builtin'
import { checkArguments } from './schema'
import type { ToolStore } from './store'

type HttpImplementation = Extract<ToolDefinition['implementation'], { kind: 'http' }>

const JS_TOOL_MEMORY_MB = 32
const ERROR_EXCERPT_CHARS = 300

/** The request of an http tool: {{argument}} and {{secret.NAME}} filled in, URL values URL-encoded. */
async function callHttp(tool: ToolView, http: HttpImplementation, args: Record<string, unknown>, ctx: ToolCallContext): Promise<unknown> {
  const url = renderTemplate(http.url, args, ctx.secrets, { encode: encodeURIComponent })
  const headers = renderObject(http.headers ?? {}, args, ctx.secrets)
  let body = http.body === undefined ? undefined : renderTemplate(http.body, args, ctx.secrets)
  // Without a body template, methods that carry a body send the arguments as JSON.
  if (body === undefined && (http.method === 'POST' || http.method === 'PUT' || http.method === 'PATCH')) {
    body = JSON.stringify(args)
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json'
  }
  const response = await httpRequest({ method: http.method, url, headers, body, timeoutMs: http.timeoutMs }, ctx.signal)
  if (response.status >= 400) {
    const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body)
    const excerpt = text ? `: ${text.length > ERROR_EXCERPT_CHARS ? `${text.slice(0, ERROR_EXCERPT_CHARS)}…` : text}` : '.'
    throw new NexusError(
      response.status >= 500 ? 'UNAVAILABLE' : 'BAD_REQUEST',
      `The tool ${tool.name} got HTTP ${response.status} ${response.statusText} from ${shownUrl(new URL(url))}${excerpt}`,
      { status: response.status }
    )
  }
  return response.body
}

export interface ToolRunnerDeps {
  store: ToolStore
}

export class ToolRunner {
  readonly store: ToolStore

  constructor(deps: ToolRunnerDeps) {
    this.store = deps.store
  }

  /** Built-in tools first, then the user's, by name. */
  list(): ToolView[] {
    return [...[...BUILTIN_TOOLS.values()].map((t) => t.view), ...this.store.list()]
  }

  /** A tool by name; an unknown name is an error listing the known ones. */
  get(name: string): ToolView {
    const tool = BUILTIN_TOOLS.get(name)?.view ?? this.store.get(name)
    if (tool) return tool
    const known = this.list().map((t) => t.name)
    throw new NexusError('NOT_FOUND', `There is no tool "${name}" (tools: ${known.join(', ')}). Add it in Settings > Workflows > Tools.`)
  }

  /** Required argument names of a tool, or null when there is none by that name (for validation). */
  requiredArguments(name: string): string[] | null {
    const tool = BUILTIN_TOOLS.get(name)?.view ?? this.store.get(name)
    if (!tool) return null
    const required = tool.parameters.required
    return Array.isArray(required) ? required.filter((r): r is string => typeof r === 'string') : []
  }

  /** What a model is told about each tool of an AGENT. */
  specs(names: readonly string[]): ToolSpec[] {
    return names.map((name) => {
      const tool = this.get(name)
      return { name: tool.name, description: tool.description, parameters: tool.parameters }
    })
  }

  /** Secrets a tool's templates name: resolve these before call(). */
  secretNames(name: string): string[] {
    const { implementation } = this.get(name)
    if (implementation.kind !== 'http') return []
    const templates = [implementation.url, implementation.body ?? '', ...Object.values(implementation.headers ?? {})]
    return [...new Set(templates.flatMap(secretNames))]
  }

  async call(name: string, args: unknown, ctx: ToolCallContext): Promise<unknown> {
    try {
      const tool = this.get(name)
      const checked = checkArguments(tool.name, tool.parameters, args)
      const { implementation } = tool
      let result: unknown
      if (implementation.kind === 'builtin') {
        result = await BUILTIN_TOOLS.get(tool.name)!.run(checked, ctx)
      } else if (implementation.kind === 'javascript') {
        const limits = { timeoutMs: implementation.timeoutMs, memoryMb: JS_TOOL_MEMORY_MB }
        result = await runJavaScript(implementation.code, checked, { ...limits, label: `The tool ${tool.name}`, log: ctx.log }, ctx.signal)
      } else {
        result = await callHttp(tool, implementation, checked, ctx)
      }
      return redactSecrets(result, ctx.secrets)
    } catch (err) {
      throw redactError(err, ctx.secrets)
    }
  }
}
