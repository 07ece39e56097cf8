import { useState, type ReactElement } from 'react'
import type { z } from 'zod'
import type { TestResult } from '../../../../shared/schemas/providers'
import { client } from '../../stores/session'
import { useAction } from '../../hooks/useAction'
import { ErrorAlert } from '../ErrorAlert'
import { formatMs } from '../../lib/format'

const SHOWN_MODELS = 30

/** "Test connection": the models the provider lists, or its normalized error. */
export function TestConnection({ providerId, providerName }: { providerId: string; providerName: string }): ReactElement {
  const [result, setResult] = useState<z.infer<typeof TestResult> | null>(null)
  const action = useAction()
  const test = async (): Promise<void> => {
    setResult(null)
    const outcome = await action.run('Could not test the connection', () =>
      client().call('providers.test', { id: providerId })
    )
    if (outcome) setResult(outcome)
  }
  return (
    <div className="test-connection">
      <button
        type="button"
        className="button button-small"
        onClick={() => void test()}
        disabled={action.busy}
        aria-label={`Test connection to ${providerName}`}
      >
        {action.busy ? 'Testing…' : 'Test connection'}
      </button>
      <div role="status" className="test-result">
        {result?.ok ? (
          <div className="test-ok">
            <p>
              <span className="badge badge-ok">Connected</span> in {formatMs(result.latencyMs)} ·{' '}
              {result.detail || `${result.models.length} model${result.models.length === 1 ? '' : 's'}`}
            </p>
            {result.models.length ? (
              <ul className="model-chips" aria-label={`Models of ${providerName}`}>
                {result.models.slice(0, SHOWN_MODELS).map((m) => (
                  <li key={m}>
                    <code>{m}</code>
                  </li>
                ))}
                {result.models.length > SHOWN_MODELS ? (
                  <li className="muted small">and {result.models.length - SHOWN_MODELS} more</li>
                ) : null}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>
      {result && !result.ok ? (
        <p className="alert alert-error" role="alert">
          {result.error?.message ?? result.detail}
        </p>
      ) : null}
      <ErrorAlert error={action.error} />
    </div>
  )
}
