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

/**
 * Runtime form of the weights: rows padded from 7 to 8 int16 values (16 bytes, so a row never
 * straddles a cache line) with one scale. Half the memory of float32 keeps the table in L2.
 */
export interface PackedWeights {
  rows: Int16Array
  scale: number
}

export function packWeights(weights: Float32Array): PackedWeights {
  let max = 0
  for (let i = 0; i < weights.length; i++) max = Math.max(max, Math.abs(weights[i]!))
  const scale = max > 0 ? max / 32767 : 1
  const n = weights.length / CLASS_COUNT
  const rows = new Int16Array(n * 8)
  for (let r = 0; r < n; r++) for (let c = 0; c < CLASS_COUNT; c++) rows[r * 8 + c] = Math.round(weights[r * CLASS_COUNT + c]! / scale)
  return { rows, scale }
}

function addRows(w: Int16Array, idx: Int32Array, n: number, scale: number, out: Float64Array): void {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0
  for (let j = 0; j < n; j++) {
    const b = idx[j]! << 3
    s0 += w[b]!; s1 += w[b + 1]!; s2 += w[b + 2]!; s3 += w[b + 3]!
    s4 += w[b + 4]!; s5 += w[b + 5]!; s6 += w[b + 6]!
  }
  out[0] = out[0]! + s0 * scale; out[1] = out[1]! + s1 * scale; out[2] = out[2]! + s2 * scale; out[3] = out[3]! + s3 * scale
  out[4] = out[4]! + s4 * scale; out[5] = out[5]! + s5 * scale; out[6] = out[6]! + s6 * scale
}

/** Writes the raw (untempered) logits of the features currently held by `fx` into `out`. */
export function logitsInto(packed: PackedWeights, bias: Float32Array, fx: FeatureExtractor, out: Float64Array): void {
  const w = packed.rows
  const q = packed.scale
  for (let c = 0; c < 7; c++) out[c] = bias[c]!
  addRows(w, fx.charIdx, fx.charCount, fx.values[0]! * q, out)
  addRows(w, fx.wordIdx, fx.wordCount, fx.values[1]! * q, out)
  addRows(w, fx.bigramIdx, fx.bigramCount, fx.values[2]! * q, out)
  const base = fx.hashSize
  const sv = fx.values[3]! * q
  const struct = fx.struct
  const ns = struct.length
  for (let k = 0; k < ns; k++) {
    const v = struct[k]!
    if (v === 0) continue
    const b = (base + k) << 3
    const x = v * sv
    out[0] = out[0]! + w[b]! * x; out[1] = out[1]! + w[b + 1]! * x; out[2] = out[2]! + w[b + 2]! * x
    out[3] = out[3]! + w[b + 3]! * x; out[4] = out[4]! + w[b + 4]! * x; out[5] = out[5]! + w[b + 5]! * x
    out[6] = out[6]! + w[b + 6]! * x
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
