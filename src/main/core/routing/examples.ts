import type { Intent } from '../../../shared/schemas/routing'
import type { Db } from '../db/connection'

/** Owner of `intent_examples`: prompts whose intent the user corrected. */
export class IntentExamples {
  constructor(private readonly db: Db) {}

  add(text: string, intent: Intent): void {
    this.db.prepare('INSERT INTO intent_examples (text, intent, created_at) VALUES (?, ?, ?)').run(text, intent, new Date().toISOString())
  }

  list(limit = 1000): { text: string; intent: Intent }[] {
    return this.db.prepare('SELECT text, intent FROM intent_examples ORDER BY id DESC LIMIT ?').all(limit) as { text: string; intent: Intent }[]
  }
}
