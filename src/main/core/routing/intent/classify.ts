/** Local intent detection: trained linear model over sparse features, microseconds per prompt. */
import { INTENTS, type Intent, type IntentResult } from '../../../../shared/schemas/routing'
import { decodeTensor } from './codec'
import { FEATURE_VERSION, FeatureExtractor } from './features'
import { CLASS_COUNT, logitsInto, packWeights, softmaxInPlace, type IntentModel, type PackedWeights } from './model'
import { INTENT_MODEL } from './weights.generated'

export interface IntentInput {
  text: string
  attachments?: { images?: number; audio?: number }
}

interface Runtime {
  model: IntentModel
  packed: PackedWeights
  fx: FeatureExtractor
  scratch: Float64Array
  order: number[]
}

let runtime: Runtime | undefined

/** Decodes the generated weights (once). Throws when the generated file does not fit the code. */
export function loadIntentModel(): IntentModel {
  const m = INTENT_MODEL
  if (m.featureVersion !== FEATURE_VERSION) {
    throw new Error(`intent weights use feature version ${m.featureVersion}, the code ${FEATURE_VERSION}: run npm run train:intent`)
  }
  const classes = m.classes as readonly Intent[]
  if (classes.length !== INTENTS.length || classes.some((c, i) => c !== INTENTS[i])) throw new Error('intent weights: classes differ from INTENTS: run npm run train:intent')
  const weights = decodeTensor(m.weights)
  const bias = decodeTensor(m.bias)
  if (weights.length !== m.dim * CLASS_COUNT) throw new Error('intent weights: size does not match the dimension')
  return { featureVersion: m.featureVersion, hashBits: m.hashBits, groupScales: m.groupScales, dim: m.dim, classes: INTENTS, weights, bias, temperature: m.temperature }
}

/** Makes a classifier bound to one model (the default uses the generated weights). */
export function createIntentClassifier(model: IntentModel): (input: IntentInput) => IntentResult {
  const rt: Runtime = { model, packed: packWeights(model.weights), fx: new FeatureExtractor(model.hashBits, model.groupScales), scratch: new Float64Array(CLASS_COUNT), order: INTENTS.map((_, i) => i) }
  return (input) => classifyWith(rt, input)
}

function lowConfidenceGeneral(): IntentResult {
  const rest = 0.75 / (INTENTS.length - 1)
  return {
    intent: 'GENERAL',
    confidence: 0.25,
    alternatives: [{ intent: 'GENERAL', probability: 0.25 }, ...INTENTS.filter((i) => i !== 'GENERAL').map((intent) => ({ intent, probability: rest }))]
  }
}

function safeCount(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.min(1000, Math.floor(v)) : 0
}

function classifyWith(rt: Runtime, input: IntentInput): IntentResult {
  const raw: unknown = input?.text
  const text = typeof raw === 'string' ? raw : raw == null ? '' : String(raw)
  const images = safeCount(input?.attachments?.images)
  const audio = safeCount(input?.attachments?.audio)
  if (images + audio === 0 && text.trim() === '') return lowConfidenceGeneral()
  const { model, packed, fx, scratch: p, order } = rt
  fx.extract(text, images, audio)
  logitsInto(packed, model.bias, fx, p)
  const k = p.length // CLASS_COUNT, read locally (module bindings can be getters under some loaders)
  softmaxInPlace(p, k, model.temperature)
  for (let c = 0; c < k; c++) if (!Number.isFinite(p[c]!)) return lowConfidenceGeneral()
  // Insertion sort of the 7 class indices by probability, descending (ties: INTENTS order).
  for (let c = 0; c < k; c++) order[c] = c
  for (let a = 1; a < k; a++) {
    const x = order[a]!
    let b = a - 1
    while (b >= 0 && p[order[b]!]! < p[x]!) { order[b + 1] = order[b]!; b-- }
    order[b + 1] = x
  }
  const names = rt.model.classes
  const alternatives = new Array<{ intent: Intent; probability: number }>(k)
  for (let r = 0; r < k; r++) {
    const c = order[r]!
    alternatives[r] = { intent: names[c]!, probability: Math.min(1, Math.max(0, p[c]!)) }
  }
  return { intent: alternatives[0]!.intent, confidence: alternatives[0]!.probability, alternatives }
}

/**
 * Classifies a prompt into one of the INTENTS with a calibrated confidence and every
 * alternative ranked. Never throws: bad input or an unusable model gives GENERAL with a low
 * confidence.
 */
export function classifyIntent(input: IntentInput): IntentResult {
  try {
    if (runtime === undefined) {
      const model = loadIntentModel()
      runtime = { model, packed: packWeights(model.weights), fx: new FeatureExtractor(model.hashBits, model.groupScales), scratch: new Float64Array(CLASS_COUNT), order: INTENTS.map((_, i) => i) }
    }
    return classifyWith(runtime, input)
  } catch {
    return lowConfidenceGeneral()
  }
}
