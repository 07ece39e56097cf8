/** User-defined tools, owned here: the table `tools` holds each definition as JSON. */
import { z } from 'zod'
import { ToolDefinition, type ToolView } from '../../../../shared/schemas/workflows'
import { NexusError } from '../../../../shared/errors'
import { sql, type Db } from '../../db/connection'
import { isBuiltinName } from './builtin'
import { checkParameters } from './schema'

interface ToolRow {
  definition: string
  updated_at: string
}

function toView(row: ToolRow): ToolView {
  return { ...(JSON.parse(row.definition) as ToolDefinition), builtIn: false, updatedAt: row.updated_at }
}

export class ToolStore {
  constructor(private readonly db: Db) {}

  list(): ToolView[] {
    return (sql(this.db, 'SELECT definition, updated_at FROM tools ORDER BY name').all() as ToolRow[]).map(toView)
  }

  get(name: string): ToolView | null {
    const row = sql(this.db, 'SELECT definition, updated_at FROM tools WHERE name = ?').get(name) as ToolRow | undefined
    return row ? toView(row) : null
  }

  /** Creates or replaces a tool, after checking its definition and its parameters schema. */
  save(input: z.input<typeof ToolDefinition>): ToolView {
    const parsed = ToolDefinition.safeParse(input)
    if (!parsed.success) throw new NexusError('BAD_REQUEST', `The tool is not valid: ${z.prettifyError(parsed.error)}`)
    const tool = parsed.data
    if (isBuiltinName(tool.name)) {
      throw new NexusError('BAD_REQUEST', `"${tool.name}" is the name of a built-in tool: choose another name.`)
    }
    checkParameters(tool.name, tool.parameters)
    const updatedAt = new Date().toISOString()
    sql(this.db, 'INSERT INTO tools (name, definition, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at').run(
      tool.name,
      JSON.stringify(tool),
      updatedAt
    )
    return { ...tool, builtIn: false, updatedAt }
  }

  delete(name: string): boolean {
    if (isBuiltinName(name)) throw new NexusError('BAD_REQUEST', `"${name}" is a built-in tool: it cannot be deleted.`)
    return sql(this.db, 'DELETE FROM tools WHERE name = ?').run(name).changes > 0
  }
}
