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

/** A catalog row with its profile columns (migration 3), JSON still as text. */
export interface CatalogProfileRow extends Row {
  capabilities: string | null
  quality: string | null
  overrides: string | null
  origin: string
}

/** What a profile writes into its catalog row. */
export interface CatalogProfileWrite {
  provider: string
  model: string
  inputPerMTok: number
  outputPerMTok: number
  contextLength: number | null
  capabilities: unknown
  quality: unknown
  /** 'shipped' rows refresh on every start; 'detected' ones when the model is shown again. */
  origin: 'shipped' | 'detected'
}

/**
 * Owner of `model_catalog`: prices per million tokens, context lengths and (migration 3) model
 * profiles: capabilities, per-intent quality, the user's overrides and where a row came from
 * ('shipped', 'detected', or 'user' once the user edited its price).
 */
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
           updated_at = excluded.updated_at, origin = 'user'`
      )
      .run({ ...entry, contextLength: entry.contextLength ?? null, now: new Date().toISOString() })
    return { ...entry, contextLength: entry.contextLength ?? null }
  }

  /** Every row with its profile columns. */
  profileRows(): CatalogProfileRow[] {
    return this.db.prepare('SELECT * FROM model_catalog ORDER BY provider, model').all() as CatalogProfileRow[]
  }

  profileRow(provider: string, model: string): CatalogProfileRow | null {
    return (this.db.prepare('SELECT * FROM model_catalog WHERE provider = ? AND model = ?').get(provider, model) as CatalogProfileRow | undefined) ?? null
  }

  /**
   * Writes profiles in one transaction. Capabilities and quality always refresh (the user's
   * changes live in `overrides`); prices and context only while the row is still ours, so a
   * price the user edited (origin 'user') survives every update.
   */
  upsertProfiles(rows: readonly CatalogProfileWrite[]): number {
    const upsert = this.db.prepare(
      `INSERT INTO model_catalog (provider, model, input_per_mtok, output_per_mtok, context_length, capabilities, quality, origin, updated_at)
       VALUES (@provider, @model, @inputPerMTok, @outputPerMTok, @contextLength, @capabilities, @quality, @origin, @now)
       ON CONFLICT (provider, model) DO UPDATE SET capabilities = excluded.capabilities, quality = excluded.quality,
         input_per_mtok = CASE WHEN origin = 'user' THEN input_per_mtok ELSE excluded.input_per_mtok END,
         output_per_mtok = CASE WHEN origin = 'user' THEN output_per_mtok ELSE excluded.output_per_mtok END,
         context_length = CASE WHEN origin = 'user' THEN context_length ELSE excluded.context_length END,
         updated_at = excluded.updated_at
       WHERE capabilities IS NOT excluded.capabilities OR quality IS NOT excluded.quality
         OR (origin <> 'user' AND (input_per_mtok <> excluded.input_per_mtok OR output_per_mtok <> excluded.output_per_mtok
           OR context_length IS NOT excluded.context_length))`
    )
    const now = new Date().toISOString()
    let changed = 0
    this.db.transaction(() => {
      for (const row of rows) {
        changed += upsert.run({
          ...row,
          capabilities: JSON.stringify(row.capabilities),
          quality: JSON.stringify(row.quality),
          now
        }).changes
      }
    })()
    return changed
  }

  /** Replaces a row's overrides (null clears them); false when the row does not exist. */
  setOverrides(provider: string, model: string, overrides: unknown): boolean {
    const json = overrides === null ? null : JSON.stringify(overrides)
    return (
      this.db
        .prepare('UPDATE model_catalog SET overrides = ?, updated_at = ? WHERE provider = ? AND model = ?')
        .run(json, new Date().toISOString(), provider, model).changes > 0
    )
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
