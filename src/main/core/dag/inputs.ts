/** A run's inputs checked against the START node's declarations: defaults applied, strings coerced. */
import type { z } from 'zod'
import { NexusError } from '../../../shared/errors'
import type { WorkflowFile } from '../../../shared/schemas/workflows'
import { NodeConfigs } from '../../../shared/schemas/workflows'

/**
 * Values from the CLI, a file watch or a form arrive as strings: a declared number, boolean or
 * JSON input is parsed from its text. A required input that is missing is refused by name, and so
 * is one the workflow does not declare (unless the run comes from a trigger).
 */
export function prepareInputs(file: WorkflowFile, given: Record<string, unknown>, options: { dropUnknown?: boolean } = {}): Record<string, unknown> {
  const inputs = declaredInputs(file)
  if (inputs.length === 0) return { ...given }
  const out: Record<string, unknown> = {}
  const unknown = Object.keys(given).filter((k) => !inputs.some((i) => i.name === k))
  // Triggers offer what they have (a watch gives file and content); a workflow takes what it declares.
  if (unknown.length > 0 && !options.dropUnknown) {
    throw new NexusError('BAD_REQUEST', `The workflow has no input ${unknown.map((k) => `"${k}"`).join(', ')}; it takes ${inputs.map((i) => i.name).join(', ')}.`)
  }
  for (const input of inputs) {
    const value = given[input.name] ?? input.default
    if (value === undefined || value === '') {
      if (input.required) throw new NexusError('BAD_REQUEST', `The workflow needs the input "${input.name}"${input.description ? ` (${input.description})` : ''}.`)
      continue
    }
    out[input.name] = coerce(input.name, input.type, value)
  }
  return out
}

/** The inputs the START node declares (none when it has no valid declaration). */
function declaredInputs(file: WorkflowFile): z.infer<typeof NodeConfigs.START>['inputs'] {
  const start = file.nodes.find((n) => n.type === 'START')
  const declared = start ? NodeConfigs.START.safeParse(start.config) : null
  return declared?.success ? declared.data.inputs : []
}

/** Names of the inputs a run must be given: required, without a default. */
export function requiredInputs(file: WorkflowFile): string[] {
  return declaredInputs(file)
    .filter((i) => i.required && i.default === undefined)
    .map((i) => i.name)
}

function coerce(name: string, type: 'string' | 'number' | 'boolean' | 'json', value: unknown): unknown {
  const fail = (): never => {
    throw new NexusError('BAD_REQUEST', `The input "${name}" must be ${type === 'json' ? 'JSON' : `a ${type}`}; got ${JSON.stringify(value)?.slice(0, 100)}.`)
  }
  switch (type) {
    case 'string':
      return typeof value === 'string' ? value : typeof value === 'object' ? fail() : String(value)
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN
      return Number.isFinite(n) ? n : fail()
    }
    case 'boolean':
      if (typeof value === 'boolean') return value
      if (value === 'true' || value === 'false') return value === 'true'
      return fail()
    case 'json':
      if (typeof value !== 'string') return value
      try {
        return JSON.parse(value) as unknown
      } catch {
        return fail()
      }
  }
}
