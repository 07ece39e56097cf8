/**
 * {{ path }} templates: the text fields of nodes and http tools. One pass, no nesting: a value
 * inserted from the scope is never rendered again, so an argument an LLM writes as
 * "{{secret.KEY}}" stays that literal text instead of reaching the key.
 */
import { NexusError, toSerializedError } from '../../../shared/errors'

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g
const SECRET_PREFIX = 'secret.'
/** Shorter secret values are not redacted: replacing every "abc" would mangle ordinary text. */
const MIN_REDACTED_LENGTH = 4

export interface RenderOptions {
  /** Applied to each inserted value, e.g. encodeURIComponent inside a URL. */
  encode?: (value: string) => string
}

/** The error for a {{secret.NAME}} that is not set, the same wherever it is found missing. */
export function missingSecret(name: string): NexusError {
  return new NexusError('BAD_REQUEST', `The secret {{secret.${name}}} is not set: add it in Settings > Workflows > Secrets.`, { secret: name })
}

/** Every {{path}} of a template, trimmed, in order (secret.NAME ones included). */
export function templateVariables(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '')
}

/** The NAME of each {{secret.NAME}}, once each. */
export function secretNames(template: string): string[] {
  const names = templateVariables(template)
    .filter((v) => v.startsWith(SECRET_PREFIX))
    .map((v) => v.slice(SECRET_PREFIX.length))
  return [...new Set(names)]
}

/** `a.b.0.c`, also written `a.b[0].c`, as its segments. */
function segments(path: string): string[] {
  return path.replace(/\[(\d+)\]/g, '.$1').split('.')
}

function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`
}

function fieldsOf(value: object): string {
  const keys = Object.keys(value)
  if (keys.length === 0) return 'it is empty'
  const shown = keys.slice(0, 12).join(', ')
  return Array.isArray(value) ? `it has ${keys.length} items` : `it has: ${shown}${keys.length > 12 ? ', …' : ''}`
}

/** The value at a path in the scope; a path that does not resolve throws, naming the step that failed. */
function lookup(scope: Record<string, unknown>, path: string): unknown {
  const parts = segments(path)
  let current: unknown = scope
  for (const [i, part] of parts.entries()) {
    const here = i === 0 ? 'the scope' : `"${parts.slice(0, i).join('.')}"`
    if (current === null || typeof current !== 'object') {
      throw new NexusError('BAD_REQUEST', `Unknown variable {{${path}}}: ${here} is ${kindOf(current)}, not an object or list.`, { variable: path })
    }
    if (!Object.hasOwn(current, part) || (current as Record<string, unknown>)[part] === undefined) {
      const why = i === 0 ? `nothing named "${part}" is available here (${fieldsOf(current)})` : `${here} has no "${part}" (${fieldsOf(current)})`
      throw new NexusError('BAD_REQUEST', `Unknown variable {{${path}}}: ${why}.`, { variable: path })
    }
    current = (current as Record<string, unknown>)[part]
  }
  return current
}

/**
 * Replaces each {{path}} with its value from the scope (strings as they are, anything else as
 * JSON) and each {{secret.NAME}} with the secret. The result may hold secrets: use it, never store it.
 */
export function renderTemplate(
  template: string,
  scope: Record<string, unknown>,
  secrets: ReadonlyMap<string, string>,
  options: RenderOptions = {}
): string {
  const encode = options.encode ?? ((value: string) => value)
  return template.replace(PLACEHOLDER, (_match, raw: string) => {
    const path = raw.trim()
    if (path === '') throw new NexusError('BAD_REQUEST', 'An empty {{}} placeholder: write {{name}} or {{node.field}}.')
    if (path.startsWith(SECRET_PREFIX)) {
      const name = path.slice(SECRET_PREFIX.length)
      const value = secrets.get(name)
      if (value === undefined) throw missingSecret(name)
      return encode(value)
    }
    const value = lookup(scope, path)
    return encode(typeof value === 'string' ? value : JSON.stringify(value))
  })
}

/** renderTemplate over each value of a record (headers, arguments). */
export function renderObject(
  templates: Readonly<Record<string, string>>,
  scope: Record<string, unknown>,
  secrets: ReadonlyMap<string, string>
): Record<string, string> {
  return Object.fromEntries(Object.entries(templates).map(([key, template]) => [key, renderTemplate(template, scope, secrets)]))
}

/**
 * A deep copy of a value with every secret value, wherever it appears in a string (keys
 * included), replaced by [secret NAME]: what goes into run records, logs, tool results and errors.
 */
export function redactSecrets<T>(value: T, secrets: ReadonlyMap<string, string>): T {
  // Longest first, so a secret containing another is replaced whole.
  const known = [...secrets].filter(([, v]) => v.length >= MIN_REDACTED_LENGTH).sort((a, b) => b[1].length - a[1].length)
  if (known.length === 0) return value
  const redactText = (text: string): string =>
    known.reduce((out, [name, secret]) => (out.includes(secret) ? out.split(secret).join(`[secret ${name}]`) : out), text)
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactText(v)
    if (Array.isArray(v)) return v.map(walk)
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, inner]) => [redactText(k), walk(inner)]))
    }
    return v
  }
  return walk(value) as T
}

/** An error as it may be shown or stored: a NexusError (code kept) whose message and details hold no secret. */
export function redactError(err: unknown, secrets: ReadonlyMap<string, string>): NexusError {
  const { code, message, details } = toSerializedError(err)
  return new NexusError(code, redactSecrets(message, secrets), redactSecrets(details, secrets))
}

const SINGLE = /^\s*\{\{\s*([^{}]*?)\s*\}\}\s*$/

/**
 * Like renderTemplate, but a template that is exactly one {{path}} (not a secret) gives the value
 * itself, so an object or a number passed to a tool or as an output keeps its type.
 */
export function resolveTemplate(template: string, scope: Record<string, unknown>, secrets: ReadonlyMap<string, string>): unknown {
  const single = SINGLE.exec(template)?.[1]
  if (single && !single.startsWith(SECRET_PREFIX)) return lookup(scope, single)
  return renderTemplate(template, scope, secrets)
}
