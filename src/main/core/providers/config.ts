import { randomUUID } from 'node:crypto'
import type { ProviderKind, ProviderView } from '../../../shared/schemas/providers'
import { NexusError } from '../../../shared/errors'
import { sql, type Db } from '../db/connection'

interface ProviderRow {
  id: string
  kind: ProviderKind
  name: string
  preset: string | null
  base_url: string | null
  enabled: number
  created_at: string
}

interface KeyRow {
  id: string
  provider_id: string
  label: string
  last_four: string
  created_at: string
}

export type ProviderConfig = Omit<ProviderView, 'keys'> & { keys: ProviderView['keys'] }

/** Owner of `providers` and `provider_keys` (key metadata only; values live in the SecretStore). */
export class ProviderConfigStore {
  constructor(private readonly db: Db) {}

  list(): ProviderConfig[] {
    const keys = sql(this.db, 'SELECT * FROM provider_keys ORDER BY created_at, rowid').all() as KeyRow[]
    return (sql(this.db, 'SELECT * FROM providers ORDER BY created_at, rowid').all() as ProviderRow[]).map((row) => ({
      id: row.id,
      kind: row.kind,
      name: row.name,
      preset: row.preset,
      baseUrl: row.base_url,
      enabled: row.enabled === 1,
      source: 'user' as const,
      createdAt: row.created_at,
      keys: keys
        .filter((k) => k.provider_id === row.id)
        .map((k) => ({ id: k.id, label: k.label, lastFour: k.last_four, createdAt: k.created_at }))
    }))
  }

  get(id: string): ProviderConfig | undefined {
    return this.list().find((p) => p.id === id)
  }

  /** A readable id unique among providers: "openai", "groq", "lmstudio-2". */
  freeId(base: string, taken: ReadonlySet<string>): string {
    const slug = base.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'provider'
    let id = slug
    for (let n = 2; taken.has(id) || this.get(id); n++) id = `${slug}-${n}`
    return id
  }

  insert(row: { id: string; kind: ProviderKind; name: string; preset: string | null; baseUrl: string | null }): void {
    const now = new Date().toISOString()
    sql(this.db, 
        `INSERT INTO providers (id, kind, name, preset, base_url, enabled, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 1, ?, ?)`
      )
      .run(row.id, row.kind, row.name, row.preset, row.baseUrl, now, now)
  }

  update(id: string, patch: { name?: string; baseUrl?: string | null; enabled?: boolean }): void {
    const current = this.require(id)
    sql(this.db, 'UPDATE providers SET name = ?, base_url = ?, enabled = ?, updated_at = ? WHERE id = ?')
      .run(
        patch.name ?? current.name,
        patch.baseUrl === undefined ? current.baseUrl : patch.baseUrl,
        (patch.enabled ?? current.enabled) ? 1 : 0,
        new Date().toISOString(),
        id
      )
  }

  remove(id: string): boolean {
    return sql(this.db, 'DELETE FROM providers WHERE id = ?').run(id).changes > 0
  }

  addKey(providerId: string, label: string, lastFour: string): string {
    const id = randomUUID().slice(0, 8)
    sql(this.db, 'INSERT INTO provider_keys (id, provider_id, label, last_four, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(id, providerId, label, lastFour, new Date().toISOString())
    return id
  }

  removeKey(providerId: string, keyId: string): boolean {
    return sql(this.db, 'DELETE FROM provider_keys WHERE provider_id = ? AND id = ?').run(providerId, keyId).changes > 0
  }

  require(id: string): ProviderConfig {
    const found = this.get(id)
    if (!found) throw new NexusError('NOT_FOUND', `No provider "${id}". Add it in Settings > Providers.`)
    return found
  }
}
