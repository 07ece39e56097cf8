import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { INTENTS, IntentResult, type Intent } from '../../../src/shared/schemas/routing'
import { classifyIntent, createIntentClassifier, loadIntentModel } from '../../../src/main/core/routing/intent/classify'
import { nearDuplicates, parseIntentJsonl } from '../../../src/main/core/routing/intent/dataset'
import { FEATURE_VERSION, FeatureExtractor } from '../../../src/main/core/routing/intent/features'
import { evaluatePredictions } from '../../../src/main/core/routing/intent/metrics'
import { trainIntentModel } from '../../../src/main/core/routing/intent/train'
import { INTENT_MODEL } from '../../../src/main/core/routing/intent/weights.generated'

const ROOT = path.resolve(__dirname, '../../..')

function checkShape(r: IntentResult): void {
  expect(IntentResult.parse(r)).toEqual(r)
  expect(r.alternatives).toHaveLength(INTENTS.length)
  expect(new Set(r.alternatives.map((a) => a.intent)).size).toBe(INTENTS.length)
  expect(r.alternatives[0]!.intent).toBe(r.intent)
  expect(r.alternatives[0]!.probability).toBe(r.confidence)
  expect(r.confidence).toBeGreaterThanOrEqual(0)
  expect(r.confidence).toBeLessThanOrEqual(1)
  for (let i = 1; i < r.alternatives.length; i++) expect(r.alternatives[i - 1]!.probability).toBeGreaterThanOrEqual(r.alternatives[i]!.probability)
  expect(r.alternatives.reduce((s, a) => s + a.probability, 0)).toBeCloseTo(1, 5)
}

describe('classifyIntent', () => {
  const clear: Array<[Intent, string, { images?: number; audio?: number }?]> = [
    ['CODE_GENERATION', 'Write a Python function that returns the n-th prime number, with a docstring and tests.'],
    ['CODE_GENERATION', '```ts\nconst xs = [3, 1, 2]\nxs.sort()\nconsole.log(xs.map(x => x * 2))\n```\nwhy does sort() give the wrong order for [10, 9, 1]?'],
    ['CODE_GENERATION', 'Write a SQL query that lists customers who ordered in January but not in February.'],
    ['REASONING_LOGIC', 'Four friends each own a different pet. The one with the cat lives next to Eva; Omar does not own the fish. Work out who owns which pet, step by step.'],
    ['REASONING_LOGIC', 'Should we expand to a second warehouse or outsource logistics? Weigh the trade-offs and recommend one.'],
    ['CREATIVE_TASKS', 'Write a short poem about the smell of bread in the morning.'],
    ['CREATIVE_TASKS', 'Write a short story about a lighthouse that falls in love with a passing ship.'],
    ['SECURITY_ANALYSIS', 'Our web server logs show repeated requests for /wp-admin with SQL injection payloads from one IP. Is this an attack and how do we respond?'],
    ['SECURITY_ANALYSIS', 'Explain the impact of CVE-2021-44228 and how to patch affected Java services.'],
    ['MATHEMATICAL_PROOFS', 'Prove that the sum of two odd integers is even.'],
    ['MATHEMATICAL_PROOFS', 'Compute $\\int_0^{\\pi} \\sin(x)\\,dx$ and explain each step.'],
    ['MULTI_MODAL', 'What is shown in this photo?', { images: 1 }],
    ['MULTI_MODAL', 'Please transcribe this recording.', { audio: 1 }],
    ['GENERAL', 'What is the capital city of Canada?'],
    ['GENERAL', 'Hello there, how is your day going?']
  ]
  it.each(clear)('classifies a clear %s prompt', (intent, text, attachments) => {
    const r = classifyIntent({ text, attachments })
    checkShape(r)
    expect(r.intent).toBe(intent)
  })

  it('classifies prompts in non-Latin scripts and other languages', () => {
    expect(classifyIntent({ text: '请用 Python 写一个函数，计算列表中所有偶数的和。' }).intent).toBe('CODE_GENERATION')
    expect(classifyIntent({ text: 'Докажите, что корень из трёх — иррациональное число.' }).intent).toBe('MATHEMATICAL_PROOFS')
    expect(classifyIntent({ text: 'この画像に何が写っていますか？', attachments: { images: 1 } }).intent).toBe('MULTI_MODAL')
    for (const text of ['مرحبا، كيف حالك اليوم؟', 'नमस्ते, आप कैसे हैं?', 'สวัสดีครับ วันนี้อากาศดีไหม', '안녕하세요, 오늘 날씨 어때요?', '🙂🙂🚀', 'Ωμέγα λάμβδα', '\u0000\uffff\ud800']) {
      checkShape(classifyIntent({ text }))
    }
  })

  it('gives GENERAL with a low confidence for empty prompts', () => {
    for (const text of ['', '   ', '\n\t ']) {
      const r = classifyIntent({ text })
      checkShape(r)
      expect(r.intent).toBe('GENERAL')
      expect(r.confidence).toBeLessThan(0.5)
    }
  })

  it('uses attachments when the text is empty', () => {
    const r = classifyIntent({ text: '', attachments: { images: 2 } })
    checkShape(r)
    expect(r.intent).toBe('MULTI_MODAL')
  })

  it('handles multi-megabyte prompts', () => {
    const code = 'function add(a: number, b: number): number {\n  return a + b;\n}\n'
    const huge = 'Please fix the bug in this TypeScript file:\n' + code.repeat(Math.ceil(5_000_000 / code.length))
    expect(huge.length).toBeGreaterThan(5_000_000)
    const r = classifyIntent({ text: huge })
    checkShape(r)
    expect(r.intent).toBe('CODE_GENERATION')
    checkShape(classifyIntent({ text: 'x'.repeat(3_000_000) }))
  })

  it('never throws on malformed input', () => {
    const bad = [
      { text: undefined as unknown as string },
      { text: 42 as unknown as string },
      { text: 'hi', attachments: { images: Number.NaN, audio: -3 } },
      { text: 'hi', attachments: { images: Infinity } },
      null as unknown as { text: string }
    ]
    for (const input of bad) checkShape(classifyIntent(input))
  })

  it('is deterministic, also across classifier instances', () => {
    const text = 'Optimise this query: SELECT * FROM logs WHERE level = "error" ORDER BY ts DESC'
    const a = classifyIntent({ text })
    const b = classifyIntent({ text })
    const c = createIntentClassifier(loadIntentModel())({ text })
    expect(b).toEqual(a)
    expect(c).toEqual(a)
  })
})

describe('generated weights', () => {
  it('match the training data they were generated from', () => {
    const raw = fs.readFileSync(path.join(ROOT, 'data/intent/train.jsonl'))
    const sha = createHash('sha256').update(raw).digest('hex')
    expect(INTENT_MODEL.trainingDataSha256, 'train.jsonl changed: run npm run train:intent').toBe(sha)
    const { examples, errors } = parseIntentJsonl(raw.toString('utf8'), 'train.jsonl')
    expect(errors).toEqual([])
    expect(INTENT_MODEL.trainingExamples).toBe(examples.length)
  })

  it('fit the feature code', () => {
    expect(INTENT_MODEL.featureVersion).toBe(FEATURE_VERSION)
    const model = loadIntentModel()
    expect(model.dim).toBe(new FeatureExtractor(model.hashBits, model.groupScales).dim)
    expect(model.weights.length).toBe(model.dim * INTENTS.length)
    expect(model.temperature).toBeGreaterThan(0)
    expect(INTENT_MODEL.classes).toEqual([...INTENTS])
  })
})

describe('intent data and training helpers', () => {
  it('reports bad lines with their line numbers', () => {
    const content = [
      '{"text": "ok", "label": "GENERAL"}',
      '{"text": "x", "label": "NOPE"}',
      'not json',
      '{"label": "GENERAL"}',
      '{"text": "y", "label": "MULTI_MODAL", "attachments": {"images": -1}}',
      ''
    ].join('\n')
    const { examples, errors } = parseIntentJsonl(content, 'f.jsonl')
    expect(examples).toHaveLength(1)
    expect(errors.map((e) => e.split(':').slice(0, 2).join(':'))).toEqual(['f.jsonl:2', 'f.jsonl:3', 'f.jsonl:4', 'f.jsonl:5'])
  })

  it('finds near-duplicates across sets', () => {
    const a = parseIntentJsonl('{"text": "Prove that the square root of 2 is irrational.", "label": "MATHEMATICAL_PROOFS"}\n{"text": "Summarise the meeting recording I attached and list the action items for each person", "label": "MULTI_MODAL"}', 'a').examples
    const b = parseIntentJsonl('{"text": "prove that the square root of 2 is irrational", "label": "MATHEMATICAL_PROOFS"}\n{"text": "Summarise the meeting recording I attached and list the action items for every person", "label": "MULTI_MODAL"}\n{"text": "What time is it in Tokyo?", "label": "GENERAL"}', 'b').examples
    const pairs = nearDuplicates(a, b).map((p) => [p.a.line, p.b.line, p.reason])
    expect(pairs).toEqual([[1, 1, 'normalised text equal'], [2, 2, 'trigram jaccard']])
  })

  it('trains deterministically', () => {
    const lines = INTENTS.flatMap((label, i) => [0, 1, 2].map((k) => JSON.stringify({ text: `sample ${label.toLowerCase()} number ${k} topic ${i}`, label })))
    const { examples } = parseIntentJsonl(lines.join('\n'), 'tiny')
    const opts = { hashBits: 10, epochs: 3, calibrationFolds: 3 }
    const a = trainIntentModel(examples, opts).model
    const b = trainIntentModel(examples, opts).model
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights))
    expect(a.temperature).toBe(b.temperature)
  })

  it('computes metrics', () => {
    const eye = (c: number): number[] => INTENTS.map((_, i) => (i === c ? 1 : 0))
    const r = evaluatePredictions([eye(0), eye(1), eye(1)], [0, 1, 0])
    expect(r.accuracy).toBeCloseTo(2 / 3)
    expect(r.confusion[0]![1]).toBe(1)
    expect(r.ece).toBeCloseTo(1 / 3)
  })
})
