import type { CatalogEntry } from '../../../shared/schemas/providers'
import type { Db } from '../db/connection'

interface Row {
  provider: string
  model: string
  input_per_mtok: number
  output_per_mtok: number
  context_length: number | null
}

const toEntry = (row: Row): CatalogEntry => ({
  provider: row.provider,
  model: row.model,
  inputPerMTok: row.input_per_mtok,
  outputPerMTok: row.output_per_mtok,
  contextLength: row.context_length
})

/** Owner of `model_catalog`: prices per million tokens and context lengths. */
export class ModelCatalog {
  constructor(private readonly db: Db) {}

  list(): CatalogEntry[] {
    return (this.db.prepare('SELECT * FROM model_catalog ORDER BY provider, model').all() as Row[]).map(toEntry)
  }

  set(entry: CatalogEntry): CatalogEntry {
    this.db
      .prepare(
        `INSERT INTO model_catalog (provider, model, input_per_mtok, output_per_mtok, context_length, updated_at)
         VALUES (@provider, @model, @inputPerMTok, @outputPerMTok, @contextLength, @now)
         ON CONFLICT (provider, model) DO UPDATE SET input_per_mtok = excluded.input_per_mtok,
           output_per_mtok = excluded.output_per_mtok, context_length = excluded.context_length,
           updated_at = excluded.updated_at`
      )
      .run({ ...entry, contextLength: entry.contextLength ?? null, now: new Date().toISOString() })
    return { ...entry, contextLength: entry.contextLength ?? null }
  }

  /**
   * The entry for a model, looked up by provider id first, then preset, then kind, so a user can
   * price "groq/llama-3.1-8b" apart from the same model elsewhere. Ollama models cost nothing.
   */
  lookup(keys: readonly (string | null)[], model: string): CatalogEntry | null {
    const find = this.db.prepare('SELECT * FROM model_catalog WHERE provider = ? AND model = ?')
    for (const key of keys) {
      if (!key) continue
      const row = find.get(key, model) as Row | undefined
      if (row) return toEntry(row)
    }
    return null
  }
}

/** Cost in USD of a call, or null when the model has no price. */
export function costOf(entry: CatalogEntry | null, inputTokens: number, outputTokens: number): number | null {
  if (!entry) return null
  return (inputTokens * entry.inputPerMTok + outputTokens * entry.outputPerMTok) / 1_000_000
}
