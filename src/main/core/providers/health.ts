import { toSerializedError } from '../../../shared/errors'
import type { CallOptions, HealthResult, ModelInfo } from './types'

/** A provider is healthy when it lists its models; the failure's normalized message otherwise. */
export async function healthByListing(
  listModels: (options?: CallOptions) => Promise<ModelInfo[]>,
  options: CallOptions = {}
): Promise<HealthResult> {
  const started = performance.now()
  try {
    const models = await listModels(options)
    return { ok: true, latencyMs: performance.now() - started, detail: `${models.length} models` }
  } catch (err) {
    return { ok: false, latencyMs: performance.now() - started, detail: toSerializedError(err).message }
  }
}
