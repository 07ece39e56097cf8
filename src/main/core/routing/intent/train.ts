/**
 * Training of the intent model: multinomial logistic regression (softmax) with L2, fitted
 * by mini-batch Adam with lazy sparse updates and a seeded shuffle (deterministic), then
 * temperature scaling fitted on out-of-fold predictions (k-fold held-out slices of the
 * training data).
 */
import { INTENTS } from '../../../../shared/schemas/routing'
import type { LabelledPrompt } from './dataset'
import { DEFAULT_GROUP_SCALE, FEATURE_VERSION, FeatureExtractor } from './features'
import { CLASS_COUNT, softmaxInPlace, type IntentModel } from './model'

export interface TrainOptions {
  hashBits: number
  epochs: number
  learningRate: number
  l2: number
  batchSize: number
  seed: number
  /** Folds used to fit the temperature on held-out predictions (0 or 1: no calibration). */
  calibrationFolds: number
  /** Feature group scales: char n-grams, word unigrams, word bigrams, structural. */
  groupScales: readonly number[]
  /** Runs with different shuffles whose weights are averaged (one linear model, less variance). */
  runs: number
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  hashBits: 16,
  epochs: 15,
  learningRate: 0.05,
  l2: 1e-5,
  batchSize: 32,
  seed: 1234,
  calibrationFolds: 5,
  groupScales: DEFAULT_GROUP_SCALE,
  runs: 1
}

export interface SparseRow {
  idx: Int32Array
  val: Float32Array
  y: number
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function featurize(examples: readonly LabelledPrompt[], fx: FeatureExtractor): SparseRow[] {
  return examples.map((e) => {
    fx.extract(e.text, e.images, e.audio)
    return { ...fx.toSparse(), y: INTENTS.indexOf(e.label) }
  })
}

function rowLogits(row: SparseRow, w: Float32Array, bias: Float32Array, out: Float64Array): void {
  const k = CLASS_COUNT
  for (let c = 0; c < k; c++) out[c] = bias[c]!
  for (let j = 0; j < row.idx.length; j++) {
    const b = row.idx[j]! * k
    const v = row.val[j]!
    for (let c = 0; c < k; c++) out[c] = out[c]! + w[b + c]! * v
  }
}

/** Fits softmax regression weights (feature-major) on sparse rows. */
export function trainSoftmax(rows: readonly SparseRow[], dim: number, opts: TrainOptions): { weights: Float32Array; bias: Float32Array } {
  const k = CLASS_COUNT
  const w = new Float32Array(dim * k)
  const m = new Float32Array(dim * k)
  const v = new Float32Array(dim * k)
  const grad = new Float32Array(dim * k)
  const bias = new Float32Array(k)
  const bm = new Float64Array(k)
  const bv = new Float64Array(k)
  const bgrad = new Float64Array(k)
  const stamp = new Int32Array(dim).fill(-1)
  const touched = new Int32Array(dim)
  const p = new Float64Array(k)
  const rand = mulberry32(opts.seed)
  const order = rows.map((_, i) => i)
  const b1 = 0.9, b2 = 0.999, eps = 1e-8
  let step = 0
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1))
      const t = order[i]!
      order[i] = order[j]!
      order[j] = t
    }
    for (let start = 0; start < order.length; start += opts.batchSize) {
      const end = Math.min(order.length, start + opts.batchSize)
      const bs = end - start
      let nt = 0
      bgrad.fill(0)
      for (let r = start; r < end; r++) {
        const row = rows[order[r]!]!
        rowLogits(row, w, bias, p)
        softmaxInPlace(p, k)
        p[row.y] = p[row.y]! - 1
        for (let c = 0; c < k; c++) bgrad[c] = bgrad[c]! + p[c]!
        for (let j = 0; j < row.idx.length; j++) {
          const f = row.idx[j]!
          if (stamp[f] !== step) {
            stamp[f] = step
            touched[nt++] = f
          }
          const b = f * k
          const x = row.val[j]!
          for (let c = 0; c < k; c++) grad[b + c] = grad[b + c]! + p[c]! * x
        }
      }
      step++
      const lr = opts.learningRate * Math.sqrt(1 - Math.pow(b2, step)) / (1 - Math.pow(b1, step))
      for (let t = 0; t < nt; t++) {
        const b = touched[t]! * k
        for (let c = 0; c < k; c++) {
          const q = b + c
          const g = grad[q]! / bs + opts.l2 * w[q]!
          grad[q] = 0
          m[q] = b1 * m[q]! + (1 - b1) * g
          v[q] = b2 * v[q]! + (1 - b2) * g * g
          w[q] = w[q]! - lr * m[q]! / (Math.sqrt(v[q]!) + eps)
        }
      }
      for (let c = 0; c < k; c++) {
        const g = bgrad[c]! / bs
        bm[c] = b1 * bm[c]! + (1 - b1) * g
        bv[c] = b2 * bv[c]! + (1 - b2) * g * g
        bias[c] = bias[c]! - lr * bm[c]! / (Math.sqrt(bv[c]!) + eps)
      }
    }
  }
  return { weights: w, bias }
}

/** Mean negative log-likelihood of labels under softmax(logits / t). */
function nll(logits: readonly Float64Array[], labels: readonly number[], t: number): number {
  const p = new Float64Array(CLASS_COUNT)
  let s = 0
  for (let i = 0; i < logits.length; i++) {
    p.set(logits[i]!)
    softmaxInPlace(p, CLASS_COUNT, t)
    s -= Math.log(Math.max(1e-12, p[labels[i]!]!))
  }
  return s / Math.max(1, logits.length)
}

/** The temperature minimising held-out NLL (golden-section search on log t in [0.05, 20]). */
export function fitTemperature(logits: readonly Float64Array[], labels: readonly number[]): number {
  if (logits.length === 0) return 1
  let lo = Math.log(0.05), hi = Math.log(20)
  const g = (Math.sqrt(5) - 1) / 2
  let x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo)
  let f1 = nll(logits, labels, Math.exp(x1)), f2 = nll(logits, labels, Math.exp(x2))
  for (let it = 0; it < 60; it++) {
    if (f1 < f2) { hi = x2; x2 = x1; f2 = f1; x1 = hi - g * (hi - lo); f1 = nll(logits, labels, Math.exp(x1)) } else { lo = x1; x1 = x2; f1 = f2; x2 = lo + g * (hi - lo); f2 = nll(logits, labels, Math.exp(x2)) }
  }
  return Math.exp((lo + hi) / 2)
}

/** Deterministic stratified fold assignment (fold index per example). */
export function stratifiedFolds(labels: readonly number[], folds: number, seed: number): number[] {
  const rand = mulberry32(seed ^ 0x5bd1e995)
  const out = new Array<number>(labels.length).fill(0)
  for (let c = 0; c < CLASS_COUNT; c++) {
    const members = labels.map((y, i) => (y === c ? i : -1)).filter((i) => i >= 0)
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1))
      const t = members[i]!
      members[i] = members[j]!
      members[j] = t
    }
    members.forEach((idx, r) => { out[idx] = r % folds })
  }
  return out
}

export interface TrainResult {
  model: IntentModel
  /** Out-of-fold raw logits (one per example, in input order) used to fit the temperature. */
  heldOutLogits: Float64Array[]
  labels: number[]
}

function fit(rows: readonly SparseRow[], dim: number, opts: TrainOptions): { weights: Float32Array; bias: Float32Array } {
  const runs = Math.max(1, Math.floor(opts.runs))
  const first = trainSoftmax(rows, dim, opts)
  if (runs === 1) return first
  for (let r = 1; r < runs; r++) {
    const next = trainSoftmax(rows, dim, { ...opts, seed: opts.seed + 7919 * r })
    for (let i = 0; i < first.weights.length; i++) first.weights[i] = first.weights[i]! + next.weights[i]!
    for (let c = 0; c < first.bias.length; c++) first.bias[c] = first.bias[c]! + next.bias[c]!
  }
  for (let i = 0; i < first.weights.length; i++) first.weights[i] = first.weights[i]! / runs
  for (let c = 0; c < first.bias.length; c++) first.bias[c] = first.bias[c]! / runs
  return first
}

/** Trains on all examples; the temperature comes from k-fold out-of-fold predictions. */
export function trainIntentModel(examples: readonly LabelledPrompt[], options: Partial<TrainOptions> = {}): TrainResult {
  const opts = { ...DEFAULT_TRAIN_OPTIONS, ...options }
  const fx = new FeatureExtractor(opts.hashBits, opts.groupScales)
  const rows = featurize(examples, fx)
  const labels = rows.map((r) => r.y)
  const heldOutLogits: Float64Array[] = rows.map(() => new Float64Array(CLASS_COUNT))
  let temperature = 1
  if (opts.calibrationFolds >= 2) {
    const fold = stratifiedFolds(labels, opts.calibrationFolds, opts.seed)
    for (let f = 0; f < opts.calibrationFolds; f++) {
      const trainRows = rows.filter((_, i) => fold[i] !== f)
      const { weights, bias } = fit(trainRows, fx.dim, opts)
      rows.forEach((r, i) => { if (fold[i] === f) rowLogits(r, weights, bias, heldOutLogits[i]!) })
    }
    temperature = fitTemperature(heldOutLogits, labels)
  }
  const { weights, bias } = fit(rows, fx.dim, opts)
  return {
    model: { featureVersion: FEATURE_VERSION, hashBits: opts.hashBits, groupScales: [...opts.groupScales], dim: fx.dim, classes: INTENTS, weights, bias, temperature },
    heldOutLogits,
    labels
  }
}
