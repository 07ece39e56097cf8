import { useCallback, useState, type ReactElement } from 'react'
import type { z } from 'zod'
import type { OllamaModelDetails, ProviderView } from '../../../../shared/schemas/providers'
import { client } from '../../stores/session'
import { useModels } from '../../stores/models'
import { useAction } from '../../hooks/useAction'
import { useQuery } from '../../hooks/useQuery'
import { Section } from '../Page'
import { ConfirmButton } from '../ConfirmButton'
import { ErrorAlert } from '../ErrorAlert'
import { InfoList } from '../InfoList'
import { OllamaPull } from './OllamaPull'
import { formatBytes } from '../../lib/format'

type Details = z.infer<typeof OllamaModelDetails>

function capabilityText(caps: Details['capabilities']): string {
  const names = Object.entries(caps)
    .filter(([, on]) => on)
    .map(([name]) => name)
  if (names.length) return names.join(', ')
  return Object.keys(caps).length ? 'text only' : ''
}

function ModelDetails({ details }: { details: Details }): ReactElement {
  return (
    <InfoList
      items={[
        ['Context length', details.contextLength ? `${details.contextLength.toLocaleString()} tokens` : 'unknown'],
        ['Capabilities', capabilityText(details.capabilities) || 'not reported'],
        ['Family', details.family ?? 'unknown'],
        ['Parameters', details.parameterSize ?? 'unknown'],
        ['Quantization', details.quantization ?? 'unknown'],
        ['Size', details.sizeBytes === null ? 'unknown' : formatBytes(details.sizeBytes)]
      ]}
    />
  )
}

/** Local models of one Ollama server: list, details, pull with progress, delete. */
export function OllamaPanel({ provider }: { provider: ProviderView }): ReactElement {
  const [shown, setShown] = useState<{ model: string; details: Details } | null>(null)
  const action = useAction()
  const { run } = action
  const providerId = provider.id

  const fetchModels = useCallback(() => client().call('models.list', { providerId }), [providerId])
  const models = useQuery('Could not list the models', fetchModels)
  const result = models.data
  const { reload } = models
  const changed = useCallback(() => {
    reload()
    useModels.getState().reloadSoon()
  }, [reload])

  const show = async (model: string): Promise<void> => {
    if (shown?.model === model) return setShown(null)
    const details = await run(`Could not read ${model}`, () => client().call('ollama.show', { providerId, model }))
    if (details) setShown({ model, details })
  }
  const remove = async (model: string): Promise<void> => {
    const done = await run(`Could not delete ${model}`, () => client().call('ollama.delete', { providerId, model }))
    if (done) changed()
  }

  const failure = result?.failures[0]
  return (
    <Section title={`Ollama: ${provider.name}`} description="Models on this Ollama server.">
      {failure ? (
        <p className="alert alert-error" role="alert">
          {failure.message}
        </p>
      ) : null}
      {result && !failure && result.models.length === 0 ? <p className="empty">No models yet: pull one below.</p> : null}
      {result?.models.length ? (
        <ul className="ollama-models" aria-label={`Models of ${provider.name}`}>
          {result.models.map((m) => (
            <li key={m.model} className="ollama-model">
              <div className="ollama-model-row">
                <div>
                  <div className="cell-title">{m.name}</div>
                  <div className="cell-sub">
                    {[m.contextLength ? `${m.contextLength.toLocaleString()} tokens` : null, capabilityText(m.capabilities)]
                      .filter(Boolean)
                      .join(' · ')}
                  </div>
                </div>
                <div className="action-row">
                  <button
                    type="button"
                    className="button button-small"
                    aria-expanded={shown?.model === m.model}
                    onClick={() => void show(m.model)}
                  >
                    Details
                  </button>
                  <ConfirmButton
                    label="Delete"
                    ariaLabel={`Delete ${m.model}`}
                    question={`Delete ${m.model} from this machine?`}
                    onConfirm={() => remove(m.model)}
                  />
                </div>
              </div>
              {shown?.model === m.model ? <ModelDetails details={shown.details} /> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <ErrorAlert error={models.error} />
      <ErrorAlert error={action.error} onDismiss={action.clear} />
      <OllamaPull providerId={provider.id} onPulled={changed} />
    </Section>
  )
}
