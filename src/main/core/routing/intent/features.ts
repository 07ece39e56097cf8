/**
 * Feature extraction for the intent classifier: hashed word 1-2-grams, hashed character
 * 3-5-grams (lowercased, whitespace collapsed, digits folded to 0) and a fixed block of
 * structural features (code shape, math notation, security artefacts, attachments,
 * script of the text, length buckets).
 *
 * One extractor owns preallocated buffers and is reused, so extracting allocates only the
 * lowercased analysed window. Texts longer than HEAD + TAIL characters are analysed on
 * their first and last 4 kB; cheap character-class counts cover the first and last 512 kB
 * (the whole text below 1 MB), and the length buckets use the full length.
 */

/** Bump when the features change: a model trained on other features is refused. */
export const FEATURE_VERSION = 6

export const HEAD_CHARS = 4096
export const TAIL_CHARS = 4096
/** Character-class counts (code density, scripts...) cover up to this many characters at each end. */
export const SCAN_CHARS = 512 * 1024

/** Names of the structural features, in slot order after the hashed block. */
export const STRUCT_FEATURES = [
  'bias_struct',
  'len_0', 'len_1_15', 'len_16_40', 'len_41_100', 'len_101_250', 'len_251_600', 'len_601_1500', 'len_1501_4000', 'len_4000_plus',
  'lines_1', 'lines_2_3', 'lines_4_10', 'lines_11_plus',
  'code_fence', 'inline_code', 'camel_case', 'snake_case', 'call_parens', 'member_access',
  'brace_density', 'bracket_density', 'semicolon_density', 'line_end_semicolon_brace', 'indented_lines', 'code_operators',
  'latex_commands', 'dollar_math', 'math_symbols', 'superscripts', 'digit_density', 'arith_expr', 'func_notation',
  'url', 'cve_id', 'ip_address', 'hex_hash', 'file_path', 'media_file_name', 'email',
  'img_0', 'img_1', 'img_2_plus', 'audio_0', 'audio_1', 'audio_2_plus', 'any_attachment',
  'script_latin', 'script_cyrillic', 'script_greek', 'script_han', 'script_kana', 'script_hangul',
  'script_arabic', 'script_hebrew', 'script_devanagari', 'script_thai', 'script_other', 'script_none',
  'frac_non_latin', 'upper_ratio', 'question_mark', 'question_end', 'exclamation', 'emoji', 'punct_density'
] as const
export type StructFeature = (typeof STRUCT_FEATURES)[number]
export const STRUCT_COUNT = STRUCT_FEATURES.length
const S = Object.fromEntries(STRUCT_FEATURES.map((n, i) => [n, i])) as Record<StructFeature, number>

/** Relative weight of each feature group (the group is L2-normalised, then scaled): char n-grams, word unigrams, word bigrams, structural. */
export const DEFAULT_GROUP_SCALE: readonly number[] = [1.0, 1.0, 0.6, 1.0]

const SEED_CHAR = 0x9e3779b1 | 0
const SEED_W1 = 0x85ebca6b | 0
const SEED_W2 = 0xc2b2ae35 | 0
const SEED_FIRST = 0x27d4eb2f | 0

function fmix(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

function fnvStep(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193)
}

function isCjkChar(c: number): boolean {
  return (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff)
}

/** Characters that belong to words: ASCII letters/digits/_ and letters of other scripts. */
function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95
  if (c >= 0x2000 && c <= 0x2bff) return false // punctuation, arrows, math operators, symbols
  if (c >= 0x3000 && c <= 0x303f) return false // CJK punctuation
  if (c >= 0xff00 && c <= 0xff20) return false // full-width punctuation
  if (c >= 0xd800 && c <= 0xdfff) return false // surrogates (emoji...)
  return c !== 0xa0 && c !== 0xab && c !== 0xbb && c !== 0xbf && c !== 0xa1
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x3000 || c === 11 || c === 12
}

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95
}

function isIdentChar(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57)
}

function bucket(count: number, scale: number): number {
  return count <= 0 ? 0 : Math.min(1, Math.log1p(count) / Math.log1p(scale))
}

export class FeatureExtractor {
  readonly hashBits: number
  readonly hashSize: number
  /** Total feature dimension: hashed block followed by the structural block. */
  readonly dim: number
  /** Hashed character n-grams of the last extraction (first `charCount` entries). */
  readonly charIdx: Int32Array
  charCount = 0
  /** Hashed word unigrams of the last extraction (first `wordCount` entries). */
  readonly wordIdx: Int32Array
  wordCount = 0
  /** Hashed word bigrams of the last extraction (first `bigramCount` entries). */
  readonly bigramIdx: Int32Array
  bigramCount = 0
  /** Structural feature values of the last extraction (slot k is feature hashSize + k). */
  readonly struct = new Float32Array(STRUCT_COUNT)
  /**
   * Value of every hashed n-gram of each group (char, word, bigram, structural multiplier):
   * the group's scale over the square root of its size, so each group has unit L2 norm
   * (as if its n-grams were distinct) times its weight.
   */
  readonly values = new Float64Array(4)

  private readonly chars: Uint16Array
  private readonly scriptCounts = new Int32Array(11)

  /** Scale of each feature group (char n-grams, word unigrams, word bigrams, structural). */
  readonly groupScales: readonly number[]

  constructor(hashBits: number, groupScales: readonly number[] = DEFAULT_GROUP_SCALE) {
    if (groupScales.length !== 4 || groupScales.some((x) => !Number.isFinite(x) || x < 0)) throw new RangeError('groupScales must be 4 non-negative numbers')
    this.groupScales = [...groupScales]
    if (!Number.isInteger(hashBits) || hashBits < 8 || hashBits > 24) throw new RangeError(`hashBits must be an integer in [8, 24], got ${hashBits}`)
    this.hashBits = hashBits
    this.hashSize = 1 << hashBits
    this.dim = this.hashSize + STRUCT_COUNT
    const maxChars = HEAD_CHARS + TAIL_CHARS + 8
    this.charIdx = new Int32Array(maxChars * 3)
    this.wordIdx = new Int32Array(maxChars + 2)
    this.bigramIdx = new Int32Array(maxChars)
    this.chars = new Uint16Array(maxChars)
  }

  /** Extracts the features of one prompt into this extractor's buffers. */
  extract(text: string, images: number, audio: number): void {
    const long = text.length > HEAD_CHARS + TAIL_CHARS
    const window = long ? text.slice(0, HEAD_CHARS) + '\n' + text.slice(text.length - TAIL_CHARS) : text
    const lower = window.toLowerCase()
    const n = this.normalise(lower)
    this.charGrams(n)
    this.wordGrams(n)
    this.structural(text, window, lower, images, audio)
    const g = this.groupScales
    this.values[0] = this.charCount > 0 ? g[0]! / Math.sqrt(this.charCount) : 0
    this.values[1] = this.wordCount > 0 ? g[1]! / Math.sqrt(this.wordCount) : 0
    this.values[2] = this.bigramCount > 0 ? g[2]! / Math.sqrt(this.bigramCount) : 0
    this.values[3] = g[3]!
  }

  /** The last extraction as one sparse vector over `dim` (allocates: for training). */
  toSparse(): { idx: Int32Array; val: Float32Array } {
    let nStruct = 0
    for (let k = 0; k < STRUCT_COUNT; k++) if (this.struct[k] !== 0) nStruct++
    const n = this.charCount + this.wordCount + this.bigramCount + nStruct
    const idx = new Int32Array(n)
    const val = new Float32Array(n)
    let j = 0
    const add = (src: Int32Array, count: number, v: number): void => {
      for (let i = 0; i < count; i++) { idx[j] = src[i]!; val[j] = v; j++ }
    }
    add(this.charIdx, this.charCount, this.values[0]!)
    add(this.wordIdx, this.wordCount, this.values[1]!)
    add(this.bigramIdx, this.bigramCount, this.values[2]!)
    for (let k = 0; k < STRUCT_COUNT; k++) {
      const v = this.struct[k]!
      if (v !== 0) { idx[j] = this.hashSize + k; val[j] = v * this.values[3]!; j++ }
    }
    return { idx, val }
  }

  /** Writes the lowercased window into `chars` with whitespace collapsed and digits folded. */
  private normalise(lower: string): number {
    const buf = this.chars
    let n = 0
    buf[n++] = 32
    let prevSpace = true
    const max = buf.length - 1
    for (let i = 0; i < lower.length && n < max; i++) {
      let c = lower.charCodeAt(i)
      if (isSpace(c)) {
        if (prevSpace) continue
        c = 32
        prevSpace = true
      } else {
        prevSpace = false
        if (c >= 48 && c <= 57) c = 48
      }
      buf[n++] = c
    }
    if (!prevSpace) buf[n++] = 32
    return n
  }

  private charGrams(n: number): void {
    const buf = this.chars
    const shift = 32 - this.hashBits
    const out = this.charIdx
    let k = 0
    for (let i = 0; i + 3 <= n; i++) {
      let h = SEED_CHAR
      h = fnvStep(h, buf[i]!)
      h = fnvStep(h, buf[i + 1]!)
      h = fnvStep(h, buf[i + 2]!)
      out[k++] = Math.imul(h, 0x9e3779b1) >>> shift
      if (i + 4 > n) break
      h = fnvStep(h, buf[i + 3]!)
      out[k++] = Math.imul(h ^ 0x4000, 0x9e3779b1) >>> shift
      if (i + 5 > n) continue
      h = fnvStep(h, buf[i + 4]!)
      out[k++] = Math.imul(h ^ 0x5000, 0x9e3779b1) >>> shift
    }
    this.charCount = k
  }

  private wordGrams(n: number): void {
    const buf = this.chars
    const mask = this.hashSize - 1
    const uni = this.wordIdx
    const bi = this.bigramIdx
    let nu = 0
    let nb = 0
    let prev = 0
    let first = 0
    let second = 0
    let hasPrev = false
    let i = 0
    while (i < n) {
      const c = buf[i]!
      if (!isWordChar(c)) {
        // Punctuation other than spaces breaks bigram chains only at sentence ends.
        if (c === 46 || c === 63 || c === 33 || c === 0x3002 || c === 10) hasPrev = false
        i++
        continue
      }
      let h = SEED_W1
      if (isCjkChar(c)) {
        h = fnvStep(h, c)
        i++
      } else {
        while (i < n && isWordChar(buf[i]!) && !isCjkChar(buf[i]!)) {
          h = fnvStep(h, buf[i]!)
          i++
        }
      }
      if (nu === 0) first = h
      else if (nu === 1) second = h
      uni[nu++] = fmix(h) & mask
      if (hasPrev) bi[nb++] = fmix(Math.imul(prev, 31) ^ h ^ SEED_W2) & mask
      prev = h
      hasPrev = true
    }
    // The opening words carry the instruction ("write", "prove", "what is"...): extra features.
    if (nu > 0) uni[nu++] = fmix(first ^ SEED_FIRST) & mask
    if (nu > 2) uni[nu++] = fmix(Math.imul(first, 31) ^ second ^ SEED_FIRST) & mask
    this.wordCount = nu
    this.bigramCount = nb
  }

  private structural(text: string, window: string, lower: string, images: number, audio: number): void {
    const f = this.struct
    f.fill(0)
    f[S.bias_struct] = 1

    // Character classes over the whole text (one linear pass, no allocation).
    let letters = 0, digits = 0, upper = 0, lines = 1, braces = 0, brackets = 0, semis = 0, punct = 0
    let latin = 0, cyr = 0, greek = 0, han = 0, kana = 0, hangul = 0, arabic = 0, hebrew = 0, deva = 0, thai = 0, other = 0
    let mathSym = 0, sup = 0, emoji = 0, qmarks = 0, excl = 0, ticks = 0, dollars = 0, opChars = 0, carets = 0, slashes = 0
    const len = text.length
    // Bounded work for any input: at most the first and last SCAN_CHARS characters.
    const headEnd = Math.min(len, SCAN_CHARS)
    const tailStart = Math.max(headEnd, len - SCAN_CHARS)
    for (let i = 0; i < len; i++) {
      if (i === headEnd) i = tailStart
      if (i >= len) break
      const c = text.charCodeAt(i)
      if (c < 128) {
        if (c >= 97 && c <= 122) { letters++; latin++ } else if (c >= 65 && c <= 90) { letters++; latin++; upper++ } else if (c >= 48 && c <= 57) digits++
        else if (c === 10) lines++
        else if (c === 123 || c === 125) braces++
        else if (c === 40 || c === 41 || c === 91 || c === 93) brackets++
        else if (c === 59) semis++
        else if (c === 96) ticks++
        else if (c === 36) dollars++
        else if (c === 61 || c === 60 || c === 62 || c === 38 || c === 124) { opChars++; punct++ } else if (c === 94) carets++
        else if (c === 47 || c === 92) { slashes++; punct++ }
        else if (c === 63) { qmarks++; punct++ } else if (c === 33) { excl++; punct++ } else if (c > 32) punct++
      } else if (c <= 0x24f) { if (c >= 0xc0) { letters++; latin++ } else if (c === 0xb2 || c === 0xb3 || c === 0xb9) sup++; else if (c === 0xbf || c === 0xa1) punct++ }
      else if (c >= 0x370 && c <= 0x3ff) { letters++; greek++ }
      else if (c >= 0x400 && c <= 0x4ff) { letters++; cyr++ }
      else if (c >= 0x590 && c <= 0x5ff) { letters++; hebrew++ }
      else if (c >= 0x600 && c <= 0x6ff) { letters++; arabic++ }
      else if (c >= 0x900 && c <= 0x97f) { letters++; deva++ }
      else if (c >= 0xe00 && c <= 0xe7f) { letters++; thai++ }
      else if (c >= 0x1e00 && c <= 0x1eff) { letters++; latin++ }
      else if (c >= 0x2070 && c <= 0x209f) sup++
      else if ((c >= 0x2190 && c <= 0x22ff) || (c >= 0x27c0 && c <= 0x27ff) || (c >= 0x2a00 && c <= 0x2aff)) mathSym++
      else if (c >= 0x3040 && c <= 0x30ff) { letters++; kana++ }
      else if ((c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) { letters++; han++ }
      else if (c >= 0xac00 && c <= 0xd7af) { letters++; hangul++ }
      else if (c === 0xff1f) { qmarks++; punct++ }
      else if (c >= 0xd83c && c <= 0xd83e) emoji++
      else if (c >= 0x3000 && c <= 0x303f) punct++
      else if (c > 0x2000) { if (c < 0x2070) punct++ } else { letters++; other++ }
    }

    const lenBucket = len === 0 ? 'len_0' : len <= 15 ? 'len_1_15' : len <= 40 ? 'len_16_40' : len <= 100 ? 'len_41_100' : len <= 250 ? 'len_101_250'
      : len <= 600 ? 'len_251_600' : len <= 1500 ? 'len_601_1500' : len <= 4000 ? 'len_1501_4000' : 'len_4000_plus'
    f[S[lenBucket]] = 1
    f[lines <= 1 ? S.lines_1 : lines <= 3 ? S.lines_2_3 : lines <= 10 ? S.lines_4_10 : S.lines_11_plus] = 1

    const denom = Math.max(1, len)
    f[S.brace_density] = Math.min(1, (braces / denom) * 25)
    f[S.bracket_density] = Math.min(1, (brackets / denom) * 15)
    f[S.semicolon_density] = Math.min(1, (semis / denom) * 40)
    f[S.digit_density] = Math.min(1, (digits / denom) * 4)
    f[S.punct_density] = Math.min(1, (punct / denom) * 6)
    f[S.math_symbols] = bucket(mathSym, 6)
    f[S.superscripts] = bucket(sup, 4)
    f[S.emoji] = bucket(emoji, 3)
    f[S.question_mark] = qmarks > 0 ? 1 : 0
    f[S.exclamation] = excl > 0 ? 1 : 0
    f[S.upper_ratio] = letters > 0 ? Math.min(1, (upper / letters) * 3) : 0

    if (letters === 0) f[S.script_none] = 1
    else {
      const counts = this.scriptCounts
      counts[0] = latin; counts[1] = cyr; counts[2] = greek; counts[3] = han; counts[4] = kana; counts[5] = hangul
      counts[6] = arabic; counts[7] = hebrew; counts[8] = deva; counts[9] = thai; counts[10] = other
      const names = SCRIPT_NAMES
      // Japanese mixes kana with han: any kana makes it Japanese.
      let best = 0
      for (let k = 1; k < counts.length; k++) if (counts[k]! > counts[best]!) best = k
      if (best === 3 && kana > 0) best = 4
      f[S[names[best]!]] = 1
      f[S.frac_non_latin] = 1 - latin / letters
    }

    // Token shapes over the analysed window (original case).
    let camel = 0, snake = 0, calls = 0, members = 0, latex = 0
    const wl = window.length
    let i = 0
    while (i < wl) {
      const c = window.charCodeAt(i)
      if (!isIdentStart(c)) { i++; continue }
      const start = i
      let sawLower = false, lowerThenUpper = false, innerUnderscore = false
      while (i < wl) {
        const d = window.charCodeAt(i)
        if (!isIdentChar(d)) break
        if (d >= 97 && d <= 122) sawLower = true
        else if (d >= 65 && d <= 90) { if (sawLower) lowerThenUpper = true }
        else if (d === 95 && i > start && i + 1 < wl && isIdentChar(window.charCodeAt(i + 1))) innerUnderscore = true
        i++
      }
      const before = start > 0 ? window.charCodeAt(start - 1) : 32
      const after = i < wl ? window.charCodeAt(i) : 32
      if (before === 92) latex++
      else {
        if (lowerThenUpper) camel++
        if (innerUnderscore) snake++
        if (after === 40 && i - start > 1) calls++
        if (before === 46 && start > 1 && isIdentChar(window.charCodeAt(start - 2))) members++
      }
    }
    f[S.camel_case] = bucket(camel, 6)
    f[S.snake_case] = bucket(snake, 6)
    f[S.call_parens] = bucket(calls, 6)
    f[S.member_access] = bucket(members, 6)
    f[S.latex_commands] = bucket(latex, 6)

    if (ticks > 0) {
      f[S.code_fence] = window.includes('```') ? 1 : 0
      f[S.inline_code] = countMatches(window, RE_1, 4) > 0 ? 1 : 0
    }
    if (semis + braces > 0) f[S.line_end_semicolon_brace] = bucket(countMatches(window, RE_2, 10), 10)
    if (lines > 1) f[S.indented_lines] = bucket(countMatches(window, RE_3, 10), 10)
    if (opChars + semis > 0 || window.includes('::') || window.includes('->')) f[S.code_operators] = bucket(countMatches(window, RE_4, 10), 10)
    if (dollars >= 2) f[S.dollar_math] = bucket(countMatches(window, RE_5, 5), 5)
    if (digits + carets > 0) f[S.arith_expr] = bucket((digits > 0 ? countMatches(window, RE_ARITH, 8) + countMatches(window, RE_COEF, 8) : 0) + (carets > 0 ? countMatches(window, RE_POW, 8) : 0), 8)
    if (brackets > 0) f[S.func_notation] = bucket(countMatches(window, RE_7, 6), 6)
    let end = window.length - 1
    while (end >= 0 && isSpace(window.charCodeAt(end))) end--
    f[S.question_end] = end >= 0 && (window.charCodeAt(end) === 63 || window.charCodeAt(end) === 0xff1f) ? 1 : 0
    if (lower.includes('://') || lower.includes('www.')) f[S.url] = 1
    if (lower.includes('cve-')) f[S.cve_id] = RE_9.test(lower) ? 1 : 0
    if (digits >= 4) {
      f[S.ip_address] = RE_10.test(window) ? 1 : 0
      f[S.hex_hash] = RE_11.test(lower) ? 1 : 0
    }
    if (slashes > 0) f[S.file_path] = RE_12.test(lower) ? 1 : 0
    f[S.media_file_name] = RE_13.test(lower) ? 1 : 0
    if (lower.includes('@')) f[S.email] = RE_14.test(lower) ? 1 : 0

    const img = Number.isFinite(images) && images > 0 ? Math.floor(images) : 0
    const aud = Number.isFinite(audio) && audio > 0 ? Math.floor(audio) : 0
    f[img === 0 ? S.img_0 : img === 1 ? S.img_1 : S.img_2_plus] = 1
    f[aud === 0 ? S.audio_0 : aud === 1 ? S.audio_1 : S.audio_2_plus] = 1
    f[S.any_attachment] = img + aud > 0 ? 1 : 0

  }

}

const RE_1 = /`[^`\n]+`/g
const RE_2 = /[;{]\s*$/gm
const RE_3 = /^(?: {2,}|\t)\S/gm
const RE_4 = /=>|->|::|:=|===?|!==?|&&|\|\||\+=|<<|>>/g
const RE_5 = /\$[^$\n]{1,200}\$/g
const RE_ARITH = /\d\s*[-+*/^×÷=<>≤≥]\s*[\d(a-z]/g
const RE_COEF = /\b\d+[a-z]\b/g
const RE_POW = /[a-z)]\s*\^\s*[\d{(a-z]/g
const RE_7 = /\b[a-zA-Z]\s*\(\s*[a-zA-Z0-9]{1,3}\s*\)/g
const RE_9 = /cve-\d{4}-\d{3,}/
const RE_10 = /\b\d{1,3}(?:\.\d{1,3}){3}\b/
const RE_11 = /\b[a-f0-9]{32,}\b/
const RE_12 = /(?:^|[\s"'(])(?:~?\/[\w.-]+){2,}|[a-z]:\\[\w.-]+/
const RE_13 = /\.(?:png|jpe?g|gif|webp|bmp|heic|svg|tiff?|mp3|wav|m4a|flac|ogg|opus|mp4|mov|mkv|avi|webm)\b/
const RE_14 = /[\w.+-]+@[\w-]+\.[\w.]+/

const SCRIPT_NAMES: readonly StructFeature[] = ['script_latin', 'script_cyrillic', 'script_greek', 'script_han', 'script_kana', 'script_hangul',
  'script_arabic', 'script_hebrew', 'script_devanagari', 'script_thai', 'script_other']

function countMatches(s: string, re: RegExp, cap: number): number {
  re.lastIndex = 0
  let n = 0
  while (n < cap && re.exec(s) !== null) n++
  re.lastIndex = 0
  return n
}
