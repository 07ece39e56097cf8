/** Labelled prompt sets (JSON Lines): parsing with line-numbered errors, near-duplicate detection. */
import { INTENTS, type Intent } from '../../../../shared/schemas/routing'

export interface LabelledPrompt {
  text: string
  label: Intent
  images: number
  audio: number
  /** 1-based line number in its source file. */
  line: number
}

export interface ParsedSet {
  examples: LabelledPrompt[]
  errors: string[]
}

const LABELS = new Set<string>(INTENTS)

function count(v: unknown, where: string, key: string, errors: string[]): number {
  if (v === undefined) return 0
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    errors.push(`${where}: attachments.${key} must be a non-negative integer, got ${JSON.stringify(v)}`)
    return 0
  }
  return v
}

/** Parses a JSON Lines set; every bad line yields one error naming the file and line. */
export function parseIntentJsonl(content: string, source: string): ParsedSet {
  const examples: LabelledPrompt[] = []
  const errors: string[] = []
  const lines = content.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/, '')
    const where = `${source}:${i + 1}`
    if (raw.trim() === '') {
      if (i < lines.length - 1) errors.push(`${where}: blank line`)
      continue
    }
    let obj: unknown
    try {
      obj = JSON.parse(raw)
    } catch (e) {
      errors.push(`${where}: invalid JSON (${(e as Error).message})`)
      continue
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      errors.push(`${where}: expected a JSON object`)
      continue
    }
    const o = obj as Record<string, unknown>
    if (typeof o.text !== 'string') {
      errors.push(`${where}: "text" must be a string`)
      continue
    }
    if (typeof o.label !== 'string' || !LABELS.has(o.label)) {
      errors.push(`${where}: "label" must be one of ${INTENTS.join(', ')}; got ${JSON.stringify(o.label)}`)
      continue
    }
    let images = 0
    let audio = 0
    if (o.attachments !== undefined) {
      if (typeof o.attachments !== 'object' || o.attachments === null || Array.isArray(o.attachments)) {
        errors.push(`${where}: "attachments" must be an object like {"images": 1, "audio": 0}`)
        continue
      }
      const a = o.attachments as Record<string, unknown>
      const before = errors.length
      images = count(a.images, where, 'images', errors)
      audio = count(a.audio, where, 'audio', errors)
      if (errors.length > before) continue
    }
    examples.push({ text: o.text, label: o.label as Intent, images, audio, line: i + 1 })
  }
  return { examples, errors }
}

/** Lowercase, punctuation stripped, whitespace collapsed: two prompts equal here are duplicates. */
export function normaliseText(text: string): string {
  return text.toLowerCase().normalize('NFKC').replace(/[\p{P}\p{S}]+/gu, ' ').replace(/\s+/g, ' ').trim()
}

function trigramSet(text: string): Uint32Array {
  const s = ` ${normaliseText(text)} `
  const set = new Set<number>()
  for (let i = 0; i + 3 <= s.length; i++) {
    set.add(((s.charCodeAt(i) * 65599 + s.charCodeAt(i + 1)) * 65599 + s.charCodeAt(i + 2)) >>> 0)
  }
  return Uint32Array.from(set).sort()
}

function jaccard(a: Uint32Array, b: Uint32Array): number {
  let i = 0, j = 0, inter = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { inter++; i++; j++ } else if (a[i]! < b[j]!) i++
    else j++
  }
  const union = a.length + b.length - inter
  return union === 0 ? 1 : inter / union
}

export interface DuplicatePair {
  a: LabelledPrompt
  b: LabelledPrompt
  similarity: number
  reason: 'normalised text equal' | 'trigram jaccard'
}

/**
 * Pairs (one from `a`, one from `b`) whose normalised texts are equal or whose character
 * trigram Jaccard similarity exceeds `threshold`. With `b === a`, finds pairs inside one set.
 */
export function nearDuplicates(a: LabelledPrompt[], b: LabelledPrompt[], threshold = 0.8): DuplicatePair[] {
  const same = a === b
  const na = a.map((p) => normaliseText(p.text))
  const nb = same ? na : b.map((p) => normaliseText(p.text))
  const ta = a.map((p) => trigramSet(p.text))
  const tb = same ? ta : b.map((p) => trigramSet(p.text))
  const out: DuplicatePair[] = []
  for (let i = 0; i < a.length; i++) {
    for (let j = same ? i + 1 : 0; j < b.length; j++) {
      if (na[i] === nb[j]) {
        out.push({ a: a[i]!, b: b[j]!, similarity: 1, reason: 'normalised text equal' })
        continue
      }
      const x = ta[i]!, y = tb[j]!
      const small = Math.min(x.length, y.length), large = Math.max(x.length, y.length)
      if (large === 0 || small / large <= threshold) continue
      const sim = jaccard(x, y)
      if (sim > threshold) out.push({ a: a[i]!, b: b[j]!, similarity: sim, reason: 'trigram jaccard' })
    }
  }
  return out
}
