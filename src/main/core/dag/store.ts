/** The workflows table and its versions: every save is a new version, kept for diff and restore. */
import { randomUUID } from 'node:crypto'
import type { Triggers, WorkflowFile } from '../../../shared/schemas/workflows'
import { NexusError } from '../../../shared/errors'
import { sql, type Db } from '../db/connection'

export interface StoredWorkflow {
  id: string
  name: string
  description: string
  version: number
  file: WorkflowFile
  createdAt: string
  updatedAt: string
}

interface Row {
  id: string
  name: string
  description: string
  version: number
  file: string
  created_at: string
  updated_at: string
}

const toStored = (r: Row): StoredWorkflow => ({
  id: r.id,
  name: r.name,
  description: r.description,
  version: r.version,
  file: JSON.parse(r.file) as WorkflowFile,
  createdAt: r.created_at,
  updatedAt: r.updated_at
})

export class WorkflowStore {
  constructor(private readonly db: Db) {}

  list(): StoredWorkflow[] {
    return (sql(this.db, 'SELECT * FROM workflows ORDER BY updated_at DESC, id').all() as Row[]).map(toStored)
  }

  find(id: string): StoredWorkflow | null {
    const row = sql(this.db, 'SELECT * FROM workflows WHERE id = ?').get(id) as Row | undefined
    return row ? toStored(row) : null
  }

  get(id: string): StoredWorkflow {
    const found = this.find(id)
    if (!found) throw new NexusError('NOT_FOUND', `No workflow with id ${id}; it may have been deleted.`)
    return found
  }

  /** Saves a file as the next version of a workflow (a new one when id is absent). */
  save(id: string | undefined, file: WorkflowFile, note = ''): StoredWorkflow {
    const now = new Date().toISOString()
    const text = JSON.stringify(file)
    return this.db.transaction(() => {
      const existing = id ? this.get(id) : null
      const workflowId = existing?.id ?? randomUUID()
      const version = (existing?.version ?? 0) + 1
      if (existing) {
        sql(this.db, 'UPDATE workflows SET name = ?, description = ?, version = ?, file = ?, updated_at = ? WHERE id = ?').run(file.name, file.description, version, text, now, workflowId)
      } else {
        sql(this.db, 'INSERT INTO workflows (id, name, description, version, file, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(workflowId, file.name, file.description, version, text, now, now)
      }
      sql(this.db, 'INSERT INTO workflow_versions (workflow_id, version, file, note, saved_at) VALUES (?, ?, ?, ?, ?)').run(workflowId, version, text, note, now)
      return this.get(workflowId)
    })()
  }

  delete(id: string): boolean {
    return sql(this.db, 'DELETE FROM workflows WHERE id = ?').run(id).changes > 0
  }

  versions(id: string): { version: number; savedAt: string; note: string; nodeCount: number }[] {
    this.get(id)
    const rows = sql(this.db, 'SELECT version, saved_at, note, json_array_length(file, \'$.nodes\') AS node_count FROM workflow_versions WHERE workflow_id = ? ORDER BY version DESC').all(id) as {
      version: number
      saved_at: string
      note: string
      node_count: number
    }[]
    return rows.map((r) => ({ version: r.version, savedAt: r.saved_at, note: r.note, nodeCount: r.node_count }))
  }

  version(id: string, version: number): WorkflowFile {
    const row = sql(this.db, 'SELECT file FROM workflow_versions WHERE workflow_id = ? AND version = ?').get(id, version) as { file: string } | undefined
    if (!row) throw new NexusError('NOT_FOUND', `The workflow has no version ${version}.`)
    return JSON.parse(row.file) as WorkflowFile
  }

  /** Workflows with their triggers, for the trigger manager. */
  triggers(): { id: string; name: string; triggers: Triggers }[] {
    return this.list().map((w) => ({ id: w.id, name: w.name, triggers: w.file.triggers }))
  }
}
