/** JSON typed into a textarea: the object it holds, or what is wrong with it in words. */
export function parseJsonObject(text: string, what: string): { value: Record<string, unknown>; error: null } | { value: null; error: string } {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (err) {
    return { value: null, error: `${what} is not valid JSON: ${err instanceof Error ? err.message : String(err)}` }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { value: null, error: `${what} must be a JSON object, like {"city": "Oslo"}.` }
  }
  return { value: value as Record<string, unknown>, error: null }
}
