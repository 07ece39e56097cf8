import { costOf, type ModelCatalog } from '../catalog/catalog'
import type { ProviderService } from '../providers/service'
import type { Resilience } from '../resilience/policy'
import type { UsageRecorder } from './recorder'

export interface AccountingDeps {
  providers: ProviderService
  catalog: ModelCatalog
  usage: UsageRecorder
  resilience: Resilience
}

export interface FinishedCall {
  providerId: string
  model: string
  usage: { inputTokens: number; outputTokens: number }
  ttftMs: number | null
  totalMs: number
  /** The error code, or null for a success. */
  errorCode: string | null
}

/**
 * Records one model call wherever it came from (chat, workflows): its usage and cost, and its
 * latency for adaptive timeouts. Local Ollama models cost nothing. Returns the cost in USD, if known.
 */
export function accountCall(deps: AccountingDeps, call: FinishedCall): number | null {
  const { providerId, model, usage } = call
  const provider = deps.providers.list().find((p) => p.id === providerId)
  const price = provider ? (provider.kind === 'ollama' ? { provider: 'ollama', model, inputPerMTok: 0, outputPerMTok: 0 } : deps.catalog.lookup(deps.providers.priceKeys(provider), model)) : null
  const costUsd = costOf(price, usage.inputTokens, usage.outputTokens)
  deps.usage.record({ providerId, model, ...usage, ttftMs: call.ttftMs, totalMs: call.totalMs, costUsd, outcome: call.errorCode ?? 'ok' })
  if (!call.errorCode) deps.resilience.timeouts.observe(`${providerId}/${model}`, { ttftMs: call.ttftMs ?? undefined, totalMs: call.totalMs })
  return costUsd
}
