/**
 * Tool parameters are JSON schemas (the shape LLM APIs take for function calling); arguments
 * are checked against them with ajv before a tool runs, whoever calls it (TOOL node, AGENT, test).
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv'
import { NexusError } from '../../../../shared/errors'

const OPTIONS = {
  allErrors: true,
  // Tool schemas written for LLM APIs carry keywords ajv does not know ("examples", vendor ones).
  strict: false,
  // TOOL nodes render arguments from templates, so "42" must be able to fill a number.
  coerceTypes: true,
  useDefaults: true,
  // "format" is an annotation here (no ajv-formats): the LLM sees it, validation does not enforce it.
  validateFormats: false
} as const

/** Compiled validators by schema text; each has its own ajv so schemas with the same $id never clash. */
const validators = new Map<string, ValidateFunction>()
const MAX_CACHED = 500

function validatorFor(parameters: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(parameters)
  let validate = validators.get(key)
  if (!validate) {
    validate = new Ajv(OPTIONS).compile(parameters)
    if (validators.size >= MAX_CACHED) validators.clear()
    validators.set(key, validate)
  }
  return validate
}

/** Refuses parameters that are not a JSON schema of type object, saying what is wrong. */
export function checkParameters(tool: string, parameters: Record<string, unknown>): void {
  if (parameters.type !== 'object') {
    throw new NexusError(
      'BAD_REQUEST',
      `The parameters of tool "${tool}" must be a JSON schema of type "object", for example ` +
        '{"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}.'
    )
  }
  try {
    validatorFor(parameters)
  } catch (err) {
    throw new NexusError('BAD_REQUEST', `The parameters of tool "${tool}" are not a valid JSON schema: ${(err as Error).message}.`)
  }
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath ? error.instancePath.slice(1).replaceAll('/', '.') : 'the arguments'
  const params = error.params as { additionalProperty?: string; allowedValues?: unknown[] }
  const extra = params.additionalProperty
    ? ` ("${params.additionalProperty}")`
    : params.allowedValues
      ? ` (${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')})`
      : ''
  return `${where} ${error.message ?? 'is not valid'}${extra}`
}

/** A checked copy of the arguments (types coerced, defaults filled), or an error listing every problem. */
export function checkArguments(tool: string, parameters: Record<string, unknown>, args: unknown): Record<string, unknown> {
  if (args === null || typeof args !== 'object' || Array.isArray(args)) {
    throw new NexusError('BAD_REQUEST', `The arguments of tool "${tool}" must be an object of named values, not ${args === null ? 'null' : Array.isArray(args) ? 'a list' : typeof args}.`)
  }
  const copy = structuredClone(args) as Record<string, unknown>
  const validate = validatorFor(parameters)
  if (!validate(copy)) {
    const problems = [...new Set((validate.errors ?? []).map(describeError))]
    throw new NexusError('BAD_REQUEST', `The arguments of tool "${tool}" are not valid: ${problems.join('; ')}.`, { problems })
  }
  return copy
}
