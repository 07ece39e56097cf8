/**
 * Model calls from workflow nodes: "auto" is routed like chat and falls back down the ranking
 * (each fallback published and noted in the run log), every call goes through the resilience
 * layer and is accounted like a chat call.
 */
import type { EventMap } from '../../../shared/contract'
import { NexusError, toSerializedError, type SerializedError } from '../../../shared/errors'
import type { RouteDecision } from '../../../shared/schemas/routing'
import type { EventBus } from '../events/bus'
import type { ToolCall, Usage } from '../providers/types'
import { resilientStream } from '../resilience/stream'
import { accountCall, type AccountingDeps } from '../usage/account'
import { fallbackDeadlineError } from '../routing/fallback'
import type { LlmCall, LlmResult } from './nodes/types'

export interface WorkflowLlmDeps extends AccountingDeps {
  bus: EventBus<EventMap>
  route: (request: { text: string; attachments: { images: number; audio: number } }, traceId: string) => Promise<RouteDecision>
  deadlineSeconds: () => number
}

export type WorkflowLlm = (call: LlmCall, signal: AbortSignal, traceId: string, note: (message: string) => void) => Promise<LlmResult>

export function createWorkflowLlm(deps: WorkflowLlmDeps): WorkflowLlm {
  return async (call, signal, traceId, note) => {
    let refs = [call.model]
    if (call.model === 'auto') {
      const last = call.messages.findLast((m) => m.role === 'user')
      const parts = last?.role === 'user' ? last.content : []
      const text = parts.map((p) => (p.type === 'text' ? p.text : '')).join('\n')
      const decision = await deps.route({ text, attachments: { images: parts.filter((p) => p.type === 'image').length, audio: 0 } }, traceId)
      refs = decision.ranked.map((r) => r.ref)
      if (refs.length === 0) throw new NexusError('UNAVAILABLE', 'No usable model for "auto": add a provider in Settings > Providers, or check that one is turned on.')
    }
    const deadline = deps.resilience.clock.now() + deps.deadlineSeconds() * 1000
    let lastError: SerializedError | null = null
    for (const [i, ref] of refs.entries()) {
      const result = await attempt(deps, call, ref, signal, traceId, call.model === 'auto' ? deadline : undefined)
      if (!('error' in result)) return result
      lastError = result.error
      const next = refs[i + 1]
      if (result.error.code === 'CANCELLED' || signal.aborted || !next) break
      if (deps.resilience.clock.now() >= deadline) {
        lastError = fallbackDeadlineError(deps.deadlineSeconds(), i + 1)
        break
      }
      note(`${ref} failed (${result.error.message}); falling back to ${next}.`)
      deps.bus.publish('routing.fallback', { traceId, messageId: null, from: ref, to: next, code: result.error.code, message: result.error.message, at: new Date().toISOString() })
    }
    throw NexusError.from(lastError ?? { code: 'UNAVAILABLE', message: 'No model answered.' })
  }
}

async function attempt(deps: WorkflowLlmDeps, call: LlmCall, ref: string, signal: AbortSignal, traceId: string, deadline: number | undefined): Promise<LlmResult | { error: SerializedError }> {
  const started = performance.now()
  let ttftMs: number | null = null
  let usage: Usage = { inputTokens: 0, outputTokens: 0 }
  let error: SerializedError | null = null
  let text = ''
  const toolCalls: ToolCall[] = []
  let providerId = ref.split('/')[0] ?? ''
  let model = ref
  let release: (latencyMs?: number) => void = () => {}
  try {
    const parsed = deps.providers.parseRef(ref)
    providerId = parsed.provider.id
    model = parsed.model
    const lease = await deps.providers.lease(providerId)
    release = lease.done
    const request = { model, system: call.system, messages: call.messages, tools: call.tools?.length ? call.tools : undefined, temperature: call.temperature, maxTokens: call.maxTokens }
    const events = resilientStream(deps.resilience, `${providerId}/${model}`, 'workflow', (s) => lease.adapter.streamChat(request, { signal: s }), { signal, traceId, deadline })
    for await (const event of events) {
      if (event.type === 'text') {
        ttftMs ??= performance.now() - started
        text += event.delta
      } else if (event.type === 'tool_call') toolCalls.push(event.call)
      else if (event.type === 'usage') usage = event.usage
      else if (event.type === 'error') error = event.error.toJSON()
    }
  } catch (err) {
    error = toSerializedError(err)
  }
  const totalMs = performance.now() - started
  release(error ? undefined : totalMs)
  accountCall(deps, { providerId, model, usage, ttftMs, totalMs, errorCode: error?.code ?? null })
  if (error) return { error }
  return { text, toolCalls, model: `${providerId}/${model}`, usage }
}
