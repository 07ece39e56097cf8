/**
 * npm run eval:intent [file.jsonl] — scores the generated intent model on data/intent/eval.jsonl
 * (or the given file). Without either, trains on 80% of train.jsonl and scores the other 20%.
 * `--holdout` forces the held-out split; `--errors` lists the misclassified prompts.
 * Exits 1 when macro-F1 < 0.85 or ECE > 0.10.
 */
import fs from 'node:fs'
import path from 'node:path'
import { INTENTS } from '../src/shared/schemas/routing'
import { createIntentClassifier, loadIntentModel } from '../src/main/core/routing/intent/classify'
import type { LabelledPrompt } from '../src/main/core/routing/intent/dataset'
import { evaluatePredictions, formatReport } from '../src/main/core/routing/intent/metrics'
import type { IntentModel } from '../src/main/core/routing/intent/model'
import { stratifiedFolds, trainIntentModel } from '../src/main/core/routing/intent/train'
import { INTENT_MODEL } from '../src/main/core/routing/intent/weights.generated'
import { EVAL_PATH, ROOT, TRAIN_PATH, readSet, sha256 } from './intent-common'

const MIN_MACRO_F1 = 0.85
const MAX_ECE = 0.1

function score(model: IntentModel, examples: readonly LabelledPrompt[], title: string, showErrors: boolean): boolean {
  const classify = createIntentClassifier(model)
  const probs: number[][] = []
  const labels: number[] = []
  const wrong: string[] = []
  for (const e of examples) {
    const r = classify({ text: e.text, attachments: { images: e.images, audio: e.audio } })
    const p = new Array<number>(INTENTS.length).fill(0)
    for (const a of r.alternatives) p[INTENTS.indexOf(a.intent)] = a.probability
    probs.push(p)
    labels.push(INTENTS.indexOf(e.label))
    if (r.intent !== e.label) wrong.push(`  line ${e.line}: ${e.label} -> ${r.intent} (${r.confidence.toFixed(2)}) ${JSON.stringify(e.text.slice(0, 90))}`)
  }
  const report = evaluatePredictions(probs, labels)
  console.log(formatReport(report, title))
  if (showErrors && wrong.length > 0) console.log(`\nmisclassified (${wrong.length}):\n${wrong.join('\n')}`)
  const ok = report.macroF1 >= MIN_MACRO_F1 && report.ece <= MAX_ECE
  console.log(`\n${ok ? 'PASS' : 'FAIL'}: macro-F1 ${report.macroF1.toFixed(3)} (min ${MIN_MACRO_F1}), ECE ${report.ece.toFixed(3)} (max ${MAX_ECE})`)
  return ok
}

const arg = process.argv.slice(2).find((a) => !a.startsWith('--'))
const showErrors = process.argv.includes('--errors')
const holdout = process.argv.includes('--holdout')
const target = holdout ? undefined : arg !== undefined ? path.resolve(arg) : fs.existsSync(EVAL_PATH) ? EVAL_PATH : undefined

if (target !== undefined) {
  const trainRaw = fs.readFileSync(TRAIN_PATH)
  if (sha256(trainRaw) !== INTENT_MODEL.trainingDataSha256) console.warn('warning: train.jsonl changed since the weights were generated: run npm run train:intent')
  const { examples } = readSet(target)
  const ok = score(loadIntentModel(), examples, path.relative(ROOT, target), showErrors)
  process.exit(ok ? 0 : 1)
} else {
  if (!holdout) console.warn('data/intent/eval.jsonl does not exist yet: scoring a held-out 20% split of train.jsonl (model trained on the other 80%)')
  const { examples } = readSet(TRAIN_PATH)
  const fold = stratifiedFolds(examples.map((e) => INTENTS.indexOf(e.label)), 5, 4321)
  const trainPart = examples.filter((_, i) => fold[i] !== 0)
  const heldOut = examples.filter((_, i) => fold[i] === 0)
  const { model } = trainIntentModel(trainPart)
  const ok = score(model, heldOut, `held-out split of train.jsonl (trained on ${trainPart.length})`, showErrors)
  process.exit(ok ? 0 : 1)
}
