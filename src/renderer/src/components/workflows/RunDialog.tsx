import { useId, useState, type FormEvent, type ReactElement } from 'react'
import type { z } from 'zod'
import type { StartInput } from '../../../../shared/schemas/workflows'
import { useWorkflowRuns, type RunInputs } from '../../stores/workflowRuns'
import { FormActions } from '../FormActions'
import { Modal } from './Modal'

export type Input = z.input<typeof StartInput>

function initial(input: Input): string | boolean {
  if (input.type === 'boolean') return input.default === true
  if (input.default === undefined) return ''
  return typeof input.default === 'string' ? input.default : JSON.stringify(input.default)
}

/** The value to send, or why it cannot be sent. */
function parse(input: Input, value: string | boolean): { value?: RunInputs[string]; error?: string } {
  if (typeof value === 'boolean') return { value }
  if (value === '') return input.required === false ? {} : { error: `${input.name} is required.` }
  if (input.type === 'number') return Number.isFinite(Number(value)) ? { value: Number(value) } : { error: `${input.name} must be a number.` }
  if (input.type === 'json') {
    try {
      return { value: JSON.parse(value) as RunInputs[string] }
    } catch {
      return { error: `${input.name} is not valid JSON.` }
    }
  }
  return { value }
}

/** Asks for the Start node's inputs, then starts the run. */
export function RunDialog({ inputs, onClose, onStarted }: { inputs: Input[]; onClose: () => void; onStarted: () => void }): ReactElement {
  const id = useId()
  const [values, setValues] = useState(() => inputs.map(initial))
  const [errors, setErrors] = useState<string[]>([])
  const starting = useWorkflowRuns((s) => s.starting)
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    const parsed = inputs.map((input, i) => parse(input, values[i] ?? ''))
    const problems = parsed.flatMap((p) => (p.error ? [p.error] : []))
    setErrors(problems)
    if (problems.length) return
    const sent: RunInputs = {}
    inputs.forEach((input, i) => {
      const value = parsed[i]?.value
      if (value !== undefined) sent[input.name] = value
    })
    if (await useWorkflowRuns.getState().start(sent)) {
      onStarted()
      onClose()
    }
  }
  const set = (i: number, value: string | boolean): void => setValues(values.map((v, j) => (j === i ? value : v)))
  return (
    <Modal title="Run with inputs" onClose={onClose}>
      <form className="form" aria-label="Run inputs" onSubmit={(e) => void submit(e)}>
        {inputs.map((input, i) => {
          const value = values[i] ?? ''
          const fieldId = `${id}-${i}`
          if (input.type === 'boolean') {
            return (
              <label key={input.name} className="check">
                <input type="checkbox" checked={value === true} onChange={(e) => set(i, e.target.checked)} />
                {input.name}
              </label>
            )
          }
          return (
            <div key={input.name} className="field">
              <label htmlFor={fieldId}>
                {input.name}
                {input.required === false ? ' (optional)' : ''}
              </label>
              {input.type === 'json' ? (
                <textarea id={fieldId} className="code-input" rows={4} value={String(value)} onChange={(e) => set(i, e.target.value)} />
              ) : (
                <input id={fieldId} type={input.type === 'number' ? 'number' : 'text'} value={String(value)} autoFocus={i === 0} onChange={(e) => set(i, e.target.value)} />
              )}
              {input.description ? <p className="field-hint">{input.description}</p> : null}
            </div>
          )
        })}
        {errors.length ? (
          <ul className="alert alert-error" role="alert">
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        ) : null}
        <FormActions label="Run" busyLabel="Starting…" busy={starting} onCancel={onClose} />
      </form>
    </Modal>
  )
}
