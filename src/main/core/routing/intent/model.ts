/** The trained intent model: linear scores over sparse features, softmax with a temperature. */
import { INTENTS, type Intent } from '../../../../shared/schemas/routing'
import type { FeatureExtractor } from './features'

/** The classifier is written for the 7 INTENTS (unrolled loops). */
export const CLASS_COUNT = 7
if (INTENTS.length !== CLASS_COUNT) throw new Error('intent model: INTENTS changed, update CLASS_COUNT and retrain')

export interface IntentModel {
  featureVersion: number
  hashBits: number
  /** Feature group scales the model was trained with. */
  groupScales: readonly number[]
  /** Total feature dimension (hashed block + structural block). */
  dim: number
  classes: readonly Intent[]
  /** Feature-major weights: weights[feature * classes.length + class]. */
  weights: Float32Array
  bias: Float32Array
  /** Calibration temperature applied to the logits before the softmax. */
  temperature: number
}

/** Weights rows padded from 7 to 8 floats: each feature row sits in one 32-byte block. */
export function padRows(weights: Float32Array): Float32Array {
  const rows = weights.length / CLASS_COUNT
  const out = new Float32Array(rows * 8)
  for (let r = 0; r < rows; r++) for (let c = 0; c < CLASS_COUNT; c++) out[r * 8 + c] = weights[r * CLASS_COUNT + c]!
  return out
}

function addRows(w: Float32Array, idx: Int32Array, n: number, scale: number, out: Float64Array): void {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0
  for (let j = 0; j < n; j++) {
    const b = idx[j]! << 3
    s0 += w[b]!; s1 += w[b + 1]!; s2 += w[b + 2]!; s3 += w[b + 3]!
    s4 += w[b + 4]!; s5 += w[b + 5]!; s6 += w[b + 6]!
  }
  out[0] = out[0]! + s0 * scale; out[1] = out[1]! + s1 * scale; out[2] = out[2]! + s2 * scale; out[3] = out[3]! + s3 * scale
  out[4] = out[4]! + s4 * scale; out[5] = out[5]! + s5 * scale; out[6] = out[6]! + s6 * scale
}

/**
 * Writes the raw (untempered) logits of the features currently held by `fx` into `out`;
 * `rows8` are the model's weights padded by `padRows`.
 */
export function logitsInto(rows8: Float32Array, bias: Float32Array, fx: FeatureExtractor, out: Float64Array): void {
  for (let c = 0; c < 7; c++) out[c] = bias[c]!
  addRows(rows8, fx.charIdx, fx.charCount, fx.values[0]!, out)
  addRows(rows8, fx.wordIdx, fx.wordCount, fx.values[1]!, out)
  addRows(rows8, fx.bigramIdx, fx.bigramCount, fx.values[2]!, out)
  const base = fx.hashSize
  const sv = fx.values[3]!
  const struct = fx.struct
  const ns = struct.length
  for (let k = 0; k < ns; k++) {
    const v = struct[k]!
    if (v === 0) continue
    const b = (base + k) << 3
    const x = v * sv
    out[0] = out[0]! + rows8[b]! * x; out[1] = out[1]! + rows8[b + 1]! * x; out[2] = out[2]! + rows8[b + 2]! * x
    out[3] = out[3]! + rows8[b + 3]! * x; out[4] = out[4]! + rows8[b + 4]! * x; out[5] = out[5]! + rows8[b + 5]! * x
    out[6] = out[6]! + rows8[b + 6]! * x
  }
}

/** In-place softmax of `logits / temperature` (first `k` entries). */
export function softmaxInPlace(logits: Float64Array, k: number, temperature = 1): void {
  const t = temperature > 0 && Number.isFinite(temperature) ? temperature : 1
  let max = -Infinity
  for (let c = 0; c < k; c++) if (logits[c]! > max) max = logits[c]!
  let sum = 0
  for (let c = 0; c < k; c++) {
    const e = Math.exp((logits[c]! - max) / t)
    logits[c] = e
    sum += e
  }
  for (let c = 0; c < k; c++) logits[c] = logits[c]! / sum
}

/** Shape of `weights.generated.ts` (written by `npm run train:intent`). */
export interface GeneratedIntentModel {
  featureVersion: number
  hashBits: number
  groupScales: readonly number[]
  dim: number
  classes: readonly string[]
  temperature: number
  /** sha256 (hex) of data/intent/train.jsonl as trained on. */
  trainingDataSha256: string
  trainingExamples: number
  trainOptions: Record<string, number | readonly number[]>
  bias: { data: string; scale: number; length: number }
  weights: { data: string; scale: number; length: number }
}
