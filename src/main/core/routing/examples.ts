import type { Intent } from '../../../shared/schemas/routing'
import type { Db } from '../db/connection'

export interface IntentExample {
  id: number
  text: string
  intent: Intent
}

/** Owner of `intent_examples`: prompts whose intent the user corrected. */
export class IntentExamples {
  constructor(private readonly db: Db) {}

  add(text: string, intent: Intent): void {
    this.db.prepare('INSERT INTO intent_examples (text, intent, created_at) VALUES (?, ?, ?)').run(text, intent, new Date().toISOString())
  }

  list(limit = 1000): { text: string; intent: Intent }[] {
    return this.db.prepare('SELECT text, intent FROM intent_examples ORDER BY id DESC LIMIT ?').all(limit) as { text: string; intent: Intent }[]
  }

  /** Examples added after `afterId`, oldest first (ids only grow): what an index has not seen yet. */
  after(afterId: number, limit: number): IntentExample[] {
    return this.db.prepare('SELECT id, text, intent FROM intent_examples WHERE id > ? ORDER BY id LIMIT ?').all(afterId, limit) as IntentExample[]
  }
}
