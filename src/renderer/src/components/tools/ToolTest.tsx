import { useId, useState, type FormEvent, type ReactElement } from 'react'
import type { ToolView } from '../../../../shared/schemas/workflows'
import { client } from '../../stores/session'
import { useAction } from '../../hooks/useAction'
import { formatMs } from '../../lib/format'
import { ErrorAlert } from '../ErrorAlert'
import { parseJsonObject } from './jsonText'

const EXAMPLES: Record<string, unknown> = { string: '', number: 0, integer: 0, boolean: false, array: [], object: {} }

/** Arguments to start from: each required property with an empty value of its type. */
function exampleArguments(tool: ToolView): string {
  const properties = (tool.parameters.properties ?? {}) as Record<string, { type?: string }>
  const required = Array.isArray(tool.parameters.required) ? (tool.parameters.required as string[]) : []
  return JSON.stringify(Object.fromEntries(required.map((name) => [name, EXAMPLES[properties[name]?.type ?? 'string'] ?? ''])), null, 2)
}

/** Calls a tool once with typed-in arguments and shows its result, or its error in the core's words. */
export function ToolTest({ tool }: { tool: ToolView }): ReactElement {
  const id = useId()
  const [args, setArgs] = useState(() => exampleArguments(tool))
  const [outcome, setOutcome] = useState<{ result: unknown; durationMs: number } | null>(null)
  const action = useAction()
  const parsed = parseJsonObject(args, 'The arguments')

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    if (parsed.error !== null) return
    setOutcome(null)
    const reply = await action.run(`${tool.name} failed`, () => client().call('tools.test', { name: tool.name, arguments: parsed.value ?? {} }))
    if (reply) setOutcome(reply)
  }

  return (
    <form className="form form-wide" onSubmit={(e) => void submit(e)} aria-label={`Test ${tool.name}`}>
      <div className="field">
        <label htmlFor={`${id}-args`}>Arguments (JSON)</label>
        <textarea
          id={`${id}-args`}
          className="code-input"
          rows={4}
          value={args}
          spellCheck={false}
          aria-invalid={parsed.error !== null}
          aria-describedby={parsed.error ? `${id}-args-error` : undefined}
          onChange={(e) => setArgs(e.target.value)}
        />
        {parsed.error ? (
          <p id={`${id}-args-error`} className="field-error">
            {parsed.error}
          </p>
        ) : null}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-small button-primary" disabled={action.busy || parsed.error !== null}>
          {action.busy ? 'Running…' : 'Run'}
        </button>
      </div>
      <div role="status" aria-label={`Result of ${tool.name}`}>
        {outcome ? (
          <>
            <p className="muted small">Returned in {formatMs(outcome.durationMs)}:</p>
            <pre className="tool-result">{JSON.stringify(outcome.result, null, 2)}</pre>
          </>
        ) : null}
      </div>
      <ErrorAlert error={action.error} onDismiss={action.clear} />
    </form>
  )
}
