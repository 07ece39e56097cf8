/** Shared helpers of scripts/train-intent.ts and scripts/eval-intent.ts. */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseIntentJsonl, type LabelledPrompt } from '../src/main/core/routing/intent/dataset'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const TRAIN_PATH = path.join(ROOT, 'data/intent/train.jsonl')
export const EVAL_PATH = path.join(ROOT, 'data/intent/eval.jsonl')
export const WEIGHTS_PATH = path.join(ROOT, 'src/main/core/routing/intent/weights.generated.ts')

export function sha256(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex')
}

/** Reads and validates a set; prints every bad line and exits 1 when there is one. */
export function readSet(file: string): { examples: LabelledPrompt[]; raw: Buffer } {
  const raw = fs.readFileSync(file)
  const rel = path.relative(process.cwd(), file) || file
  const { examples, errors } = parseIntentJsonl(raw.toString('utf8'), rel)
  if (errors.length > 0) {
    console.error(`${rel}: ${errors.length} bad line(s):`)
    for (const e of errors.slice(0, 50)) console.error(`  ${e}`)
    if (errors.length > 50) console.error(`  ... and ${errors.length - 50} more`)
    process.exit(1)
  }
  if (examples.length === 0) {
    console.error(`${rel}: no examples`)
    process.exit(1)
  }
  return { examples, raw }
}

export function labelCounts(examples: readonly LabelledPrompt[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const e of examples) out[e.label] = (out[e.label] ?? 0) + 1
  return out
}

/** Rough language tag of a prompt from its script and a few function words (for statistics only). */
export function roughLanguage(text: string): string {
  if (/[\u3040-\u30ff]/.test(text)) return 'ja'
  if (/[\uac00-\ud7af]/.test(text)) return 'ko'
  if (/[\u4e00-\u9fff]/.test(text)) return 'zh'
  if (/[\u0400-\u04ff]/.test(text)) return 'ru'
  if (/[\u0600-\u06ff]/.test(text)) return 'ar'
  if (/[\u0900-\u097f]/.test(text)) return 'hi'
  const t = ` ${text.toLowerCase().replace(/[^\p{L}\s]/gu, ' ')} `
  const score = (words: string[]): number => words.reduce((a, w) => a + (t.includes(` ${w} `) ? 1 : 0), 0)
  const langs: Record<string, string[]> = {
    fr: ['le', 'la', 'les', 'des', 'est', 'une', 'pour', 'que', 'et', 'je', 'vous', 'dans', 'avec', 'qui', 'sur', 'mon'],
    es: ['el', 'los', 'las', 'una', 'por', 'para', 'que', 'es', 'con', 'cómo', 'qué', 'del', 'mi', 'y', 'está', 'este'],
    de: ['der', 'die', 'das', 'und', 'ist', 'ein', 'eine', 'nicht', 'mit', 'ich', 'wie', 'für', 'auf', 'mein', 'einen', 'dem'],
    pt: ['o', 'os', 'uma', 'não', 'para', 'com', 'que', 'é', 'da', 'do', 'meu', 'em', 'como', 'você', 'seu', 'isso'],
    it: ['il', 'della', 'che', 'una', 'per', 'non', 'sono', 'con', 'gli', 'questo', 'mio', 'come', 'è', 'di'],
    nl: ['het', 'een', 'niet', 'van', 'ik', 'je', 'mijn', 'wat', 'voor', 'zijn', 'met', 'dat']
  }
  let best = 'en'
  let bestScore = 1
  for (const [lang, words] of Object.entries(langs)) {
    const s = score(words)
    if (s > bestScore) { best = lang; bestScore = s }
  }
  const en = score(['the', 'a', 'is', 'to', 'of', 'and', 'in', 'that', 'what', 'how', 'my', 'for', 'this', 'with', 'you', 'it'])
  return en >= bestScore ? 'en' : best
}
