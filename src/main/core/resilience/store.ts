import type { Db } from '../db/connection'
import type { BreakerSnapshot } from './breaker-types'

/** Owner of `breaker_state`: breakers survive restarts, so a failing provider stays open. */
export class BreakerStore {
  constructor(private readonly db: Db) {}

  load(): unknown[] {
    return (this.db.prepare('SELECT snapshot FROM breaker_state').all() as { snapshot: string }[]).map((r) => JSON.parse(r.snapshot) as unknown)
  }

  save(snapshot: BreakerSnapshot): void {
    this.db
      .prepare(
        `INSERT INTO breaker_state (key, state, snapshot, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET state = excluded.state, snapshot = excluded.snapshot, updated_at = excluded.updated_at`
      )
      .run(snapshot.key, snapshot.state, JSON.stringify(snapshot), new Date(snapshot.updatedAt).toISOString())
  }
}
