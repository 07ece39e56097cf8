/**
 * Optional second stage of intent detection: the prompt's embedding votes among the nearest
 * labelled examples (the user's corrections), stored in a sqlite-vec `vec0` table keyed by
 * `intent_examples.id`. The vote is blended with the first stage's probabilities. It never throws:
 * when the embedding model is unreachable, slow or odd, the first stage's result comes back with
 * a note saying why.
 *
 * Tables created here, lazily (to move into a migration later):
 *   intent_knn_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT: model, dim, synced
 *   intent_vectors USING vec0(embedding float[dim]): unit vectors, rowid = intent_examples.id,
 *   dropped and recreated when the embedding model or its dimension changes.
 */
import { INTENTS, type Intent, type IntentResult } from '../../../shared/schemas/routing'
import type { Db } from '../db/connection'
import type { ProviderService } from '../providers/service'
import type { ProviderAdapter } from '../providers/types'
import { IntentExamples, type IntentExample } from './examples'

export interface IntentKnnOptions {
  db: Db
  providers: Pick<ProviderService, 'parseRef' | 'adapter'>
  /** Nearest examples that vote (default 7). */
  k?: number
  /** Budget for the embedding calls of one prompt, in ms (default 1500). */
  timeoutMs?: number
  /** Largest share of the blend the vote may take (default 0.6). */
  maxWeight?: number
  /** Cosine similarity at which a neighbour starts to count, and at which it counts fully. */
  minSimilarity?: number
  fullSimilarity?: number
}

export interface IntentStageOutcome {
  result: IntentResult
  /** `knn` when neighbours changed the probabilities; `first` otherwise. */
  stage: 'first' | 'knn'
  /** Neighbours that counted, and the weight of their vote in the blend. */
  neighbours: number
  weight: number
  /** Why the second stage could not run, when it could not. */
  note?: string
}

const BATCH = 64
/** Texts are clipped before embedding: the model sees enough to place them. */
const MAX_CHARS = 8000

export class IntentKnn {
  private readonly examples: IntentExamples
  private readonly k: number
  private readonly timeoutMs: number
  private readonly maxWeight: number
  private readonly lo: number
  private readonly hi: number

  constructor(private readonly o: IntentKnnOptions) {
    this.examples = new IntentExamples(o.db)
    this.k = o.k ?? 7
    this.timeoutMs = o.timeoutMs ?? 1500
    this.maxWeight = Math.min(1, Math.max(0, o.maxWeight ?? 0.6))
    this.lo = o.minSimilarity ?? 0.5
    this.hi = Math.max(this.lo + 1e-6, o.fullSimilarity ?? 0.8)
  }

  /** Blends the vote of the nearest examples into `first`, with the embedding model `modelRef`. */
  async refine(text: string, first: IntentResult, modelRef: string): Promise<IntentStageOutcome> {
    const unchanged: IntentStageOutcome = { result: first, stage: 'first', neighbours: 0, weight: 0 }
    // Nothing to vote with: no call at all.
    if (typeof text !== 'string' || text.trim() === '' || this.examples.after(0, 1).length === 0) return unchanged
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), this.timeoutMs)
    const timedOut = new Promise<never>((_, reject) =>
      controller.signal.addEventListener('abort', () => reject(new Error(`${modelRef} did not answer within ${this.timeoutMs} ms`)), { once: true })
    )
    timedOut.catch(() => undefined) // raced below; never an unhandled rejection
    const embed = (adapter: ProviderAdapter, model: string, texts: string[]): Promise<Float32Array[]> =>
      Promise.race([adapter.embed!(texts, model, { signal: controller.signal }), timedOut]).then((vs) => unitVectors(vs, texts.length))
    try {
      const { provider, model } = this.o.providers.parseRef(modelRef)
      const adapter = await Promise.race([this.o.providers.adapter(provider.id), timedOut])
      if (typeof adapter.embed !== 'function') throw new Error(`${provider.name} cannot embed`)
      // The prompt rides with the first batch of examples the index has not seen: one round trip.
      let synced = this.meta('model') === modelRef ? Number(this.meta('synced') ?? 0) : 0
      let batch = this.examples.after(synced, BATCH)
      const [query, ...vectors] = await embed(adapter, model, [clip(text), ...batch.map((e) => clip(e.text))])
      if (this.ensureIndex(modelRef, query!.length) && synced !== 0) [synced, batch, vectors.length] = [0, [], 0]
      for (;;) {
        if (batch.length > 0) synced = this.store(batch, vectors.splice(0))
        batch = this.examples.after(synced, BATCH)
        if (batch.length === 0) break
        vectors.push(...(await embed(adapter, model, batch.map((e) => clip(e.text)))))
      }
      return this.vote(first, this.nearest(query!))
    } catch (err) {
      return { ...unchanged, note: `Second-stage intent skipped: ${err instanceof Error ? err.message : String(err)}` }
    } finally {
      clearTimeout(timer)
    }
  }

  private meta(key: string): string | undefined {
    return (this.o.db.prepare('SELECT value FROM intent_knn_meta WHERE key = ?').get(key) as { value: string } | undefined)?.value
  }

  private setMeta(key: string, value: string | number): void {
    this.o.db.prepare('INSERT INTO intent_knn_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, String(value))
  }

  /** Makes the vector table fit this model and dimension; true when it was (re)created empty. */
  private ensureIndex(modelRef: string, dim: number): boolean {
    const exists = this.o.db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'intent_vectors'").get() !== undefined
    if (exists && this.meta('model') === modelRef && Number(this.meta('dim')) === dim) return false
    this.o.db.transaction(() => {
      this.o.db.exec('DROP TABLE IF EXISTS intent_vectors')
      this.o.db.exec(`CREATE VIRTUAL TABLE intent_vectors USING vec0(embedding float[${dim}])`)
      this.setMeta('model', modelRef)
      this.setMeta('dim', dim)
      this.setMeta('synced', 0)
    })()
    return true
  }

  /** Stores the vectors of a batch; returns the last id now indexed. */
  private store(batch: IntentExample[], vectors: Float32Array[]): number {
    const dim = Number(this.meta('dim'))
    if (vectors.some((v) => v.length !== dim)) throw new Error(`the embedding model changed its dimension from ${dim}`)
    const del = this.o.db.prepare('DELETE FROM intent_vectors WHERE rowid = ?')
    const ins = this.o.db.prepare('INSERT INTO intent_vectors (rowid, embedding) VALUES (?, ?)')
    const last = batch[batch.length - 1]!.id
    this.o.db.transaction(() => {
      batch.forEach((e, i) => {
        del.run(BigInt(e.id))
        ins.run(BigInt(e.id), Buffer.from(vectors[i]!.buffer))
      })
      this.setMeta('synced', Math.max(last, Number(this.meta('synced') ?? 0)))
    })()
    return last
  }

  /** The k nearest examples with their intent and cosine similarity (vectors are unit length). */
  private nearest(query: Float32Array): { intent: Intent; similarity: number }[] {
    const rows = this.o.db
      .prepare(
        `WITH knn AS (SELECT rowid AS id, distance FROM intent_vectors WHERE embedding MATCH ? AND k = ?)
         SELECT e.intent AS intent, knn.distance AS distance FROM knn JOIN intent_examples e ON e.id = knn.id ORDER BY knn.distance`
      )
      .all(Buffer.from(query.buffer), this.k) as { intent: Intent; distance: number }[]
    return rows.filter((r) => INTENTS.includes(r.intent)).map((r) => ({ intent: r.intent, similarity: 1 - (r.distance * r.distance) / 2 }))
  }

  /** p = (1 - w)·p1 + w·p_knn; w grows with the number and closeness of neighbours (noisy-or). */
  private vote(first: IntentResult, neighbours: { intent: Intent; similarity: number }[]): IntentStageOutcome {
    const votes = new Map<Intent, number>()
    let total = 0
    let miss = 1
    let counted = 0
    for (const n of neighbours) {
      const g = Math.min(1, Math.max(0, (n.similarity - this.lo) / (this.hi - this.lo)))
      if (!(g > 0)) continue
      votes.set(n.intent, (votes.get(n.intent) ?? 0) + g)
      total += g
      miss *= 1 - g
      counted++
    }
    if (total === 0) return { result: first, stage: 'first', neighbours: 0, weight: 0 }
    const w = this.maxWeight * (1 - miss)
    const p1 = new Map(first.alternatives.map((a) => [a.intent, a.probability]))
    const alternatives = INTENTS.map((intent) => ({ intent, probability: clamp01((1 - w) * (p1.get(intent) ?? 0) + (w * (votes.get(intent) ?? 0)) / total) }))
    alternatives.sort((a, b) => b.probability - a.probability || INTENTS.indexOf(a.intent) - INTENTS.indexOf(b.intent))
    const top = alternatives[0]!
    return { result: { intent: top.intent, confidence: top.probability, alternatives }, stage: 'knn', neighbours: counted, weight: w }
  }
}

function clip(text: string): string {
  return text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text.trim() === '' ? ' ' : text
}

function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v))
}

/** Float32 unit vectors; rejects answers that cannot be compared. */
function unitVectors(vectors: number[][], expected: number): Float32Array[] {
  if (!Array.isArray(vectors) || vectors.length !== expected) throw new Error(`expected ${expected} embeddings, got ${Array.isArray(vectors) ? vectors.length : 'none'}`)
  const dim = vectors[0]?.length ?? 0
  return vectors.map((v) => {
    let sum = 0
    for (const x of v) sum += x * x
    const norm = Math.sqrt(sum)
    if (v.length !== dim || dim === 0 || !Number.isFinite(norm) || norm === 0) throw new Error('the embedding model returned unusable vectors')
    return Float32Array.from(v, (x) => x / norm)
  })
}
