import { randomUUID } from 'node:crypto'
import type { Conversation, ConversationSummary, ContentPart, Message } from '../../../shared/schemas/chat'
import type { RoutingInfo } from '../../../shared/schemas/routing'
import { NexusError, type SerializedError } from '../../../shared/errors'
import { sql, type Db } from '../db/connection'

interface ConversationRow {
  id: string
  title: string
  model: string | null
  system_prompt: string
  created_at: string
  updated_at: string
  message_count: number
}

interface MessageRow {
  id: string
  conversation_id: string
  role: 'user' | 'assistant'
  content: string
  model: string | null
  status: Message['status']
  error: string | null
  input_tokens: number | null
  output_tokens: number | null
  cost_usd: number | null
  ttft_ms: number | null
  total_ms: number | null
  routing: string | null
  rating: number | null
  created_at: string
}

const toSummary = (row: ConversationRow): ConversationSummary => ({
  id: row.id,
  title: row.title,
  model: row.model,
  systemPrompt: row.system_prompt,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  messageCount: row.message_count
})

const toMessage = (row: MessageRow): Message => ({
  id: row.id,
  conversationId: row.conversation_id,
  role: row.role,
  content: JSON.parse(row.content) as ContentPart[],
  model: row.model,
  status: row.status,
  error: row.error ? (JSON.parse(row.error) as Message['error']) : null,
  inputTokens: row.input_tokens,
  outputTokens: row.output_tokens,
  costUsd: row.cost_usd,
  ttftMs: row.ttft_ms,
  totalMs: row.total_ms,
  routing: row.routing ? (JSON.parse(row.routing) as RoutingInfo) : null,
  rating: row.rating ?? 0,
  createdAt: row.created_at
})

const MESSAGE_SQL = `SELECT m.*, f.rating FROM messages m LEFT JOIN message_feedback f ON f.message_id = m.id`

const SUMMARY_SQL = `SELECT c.*, (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id) AS message_count
  FROM conversations c`

export interface Finish {
  status: Message['status']
  error?: SerializedError | null
  inputTokens?: number | null
  outputTokens?: number | null
  costUsd?: number | null
  ttftMs?: number | null
  totalMs?: number | null
  /** The model that answered (for "auto", known only at the end). */
  model?: string
  routing?: RoutingInfo | null
}

/** Owner of `conversations` and `messages`. Every multi-row change runs in one transaction. */
export class ConversationStore {
  constructor(private readonly db: Db) {}

  list(query?: string): ConversationSummary[] {
    const rows = query?.trim()
      ? sql(this.db, `${SUMMARY_SQL} WHERE c.title LIKE ? ESCAPE '\\' ORDER BY c.updated_at DESC`)
          .all(`%${query.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
      : sql(this.db, `${SUMMARY_SQL} ORDER BY c.updated_at DESC`).all()
    return (rows as ConversationRow[]).map(toSummary)
  }

  summary(id: string): ConversationSummary {
    const row = sql(this.db, `${SUMMARY_SQL} WHERE c.id = ?`).get(id) as ConversationRow | undefined
    if (!row) throw new NexusError('NOT_FOUND', `No conversation with id ${id}; it may have been deleted.`)
    return toSummary(row)
  }

  get(id: string): Conversation {
    const summary = this.summary(id)
    const messages = (
      sql(this.db, `${MESSAGE_SQL} WHERE m.conversation_id = ? ORDER BY m.seq`).all(id) as MessageRow[]
    ).map(toMessage)
    return { ...summary, messages }
  }

  create(input: { title?: string; model?: string; systemPrompt?: string }): ConversationSummary {
    const id = randomUUID()
    const now = new Date().toISOString()
    sql(this.db, 
        'INSERT INTO conversations (id, title, model, system_prompt, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)'
      )
      .run(id, input.title ?? 'New conversation', input.model ?? null, input.systemPrompt ?? '', now, now)
    return this.summary(id)
  }

  update(id: string, patch: { title?: string; model?: string | null; systemPrompt?: string }): ConversationSummary {
    const current = this.summary(id)
    sql(this.db, 'UPDATE conversations SET title = ?, model = ?, system_prompt = ?, updated_at = ? WHERE id = ?')
      .run(
        patch.title ?? current.title,
        patch.model === undefined ? current.model : patch.model,
        patch.systemPrompt ?? current.systemPrompt,
        new Date().toISOString(),
        id
      )
    return this.summary(id)
  }

  delete(id: string): boolean {
    return sql(this.db, 'DELETE FROM conversations WHERE id = ?').run(id).changes > 0
  }

  message(id: string): Message {
    const row = sql(this.db, `${MESSAGE_SQL} WHERE m.id = ?`).get(id) as MessageRow | undefined
    if (!row) throw new NexusError('NOT_FOUND', `No message with id ${id}; it may have been deleted.`)
    return toMessage(row)
  }

  /** Appends a message; with `replaceFrom`, first drops that message and everything after it. */
  append(
    conversationId: string,
    message: { role: Message['role']; content: ContentPart[]; model: string | null; status: Message['status'] },
    replaceFrom?: string,
    /** The answer this one regenerates, counted as a mild thumbs down for its model. */
    regenerated?: { ref: string; intent: string }
  ): Message {
    const id = randomUUID()
    const now = new Date().toISOString()
    this.db.transaction(() => {
      this.summary(conversationId)
      if (replaceFrom) {
        const from = this.message(replaceFrom)
        sql(this.db, 'DELETE FROM messages WHERE conversation_id = ? AND seq >= (SELECT seq FROM messages WHERE id = ?)')
          .run(from.conversationId, replaceFrom)
      }
      sql(this.db, 
          `INSERT INTO messages (id, conversation_id, seq, role, content, model, status, regenerated, created_at)
           VALUES (?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM messages WHERE conversation_id = ?), ?, ?, ?, ?, ?, ?)`
        )
        .run(id, conversationId, conversationId, message.role, JSON.stringify(message.content), message.model, message.status, regenerated ? JSON.stringify(regenerated) : null, now)
      sql(this.db, 'UPDATE conversations SET updated_at = ? WHERE id = ?').run(now, conversationId)
    })()
    return this.message(id)
  }

  /** Saves the text streamed so far, so a crash keeps it. */
  saveText(id: string, text: string): void {
    sql(this.db, 'UPDATE messages SET content = ? WHERE id = ?').run(JSON.stringify([{ type: 'text', text }]), id)
  }

  finish(id: string, text: string, finish: Finish): Message {
    sql(this.db, 
        `UPDATE messages SET content = ?, status = ?, error = ?, input_tokens = ?, output_tokens = ?,
           cost_usd = ?, ttft_ms = ?, total_ms = ?, model = COALESCE(?, model), routing = ? WHERE id = ?`
      )
      .run(
        JSON.stringify([{ type: 'text', text }]),
        finish.status,
        finish.error ? JSON.stringify({ code: finish.error.code, message: finish.error.message }) : null,
        finish.inputTokens ?? null,
        finish.outputTokens ?? null,
        finish.costUsd ?? null,
        finish.ttftMs ?? null,
        finish.totalMs ?? null,
        finish.model ?? null,
        finish.routing ? JSON.stringify(finish.routing) : null,
        id
      )
    return this.message(id)
  }

  /** Messages left 'streaming' by a process that died are marked interrupted; returns how many. */
  markInterrupted(): number {
    return sql(this.db, 
        `UPDATE messages SET status = 'interrupted', error = json_object('code', 'CANCELLED', 'message',
           'NEXUS closed while this answer was streaming; what arrived before is kept.')
         WHERE status = 'streaming'`
      )
      .run().changes
  }

  /** The messages before `id` (or all), as the history to send to a model. */
  history(conversationId: string, beforeId?: string): Message[] {
    const all = this.get(conversationId).messages
    const end = beforeId ? all.findIndex((m) => m.id === beforeId) : all.length
    return all.slice(0, end < 0 ? all.length : end)
  }
}
