import { useEffect, useId, type ReactElement } from 'react'
import { useChat } from '../../stores/chat'
import { groupByProvider, useModels } from '../../stores/models'

/** Lets NEXUS pick the model for each message (routing by intent and preference). */
export const AUTO = 'auto'

/** Every model of every enabled provider, grouped by provider; providers that failed as hints. */
export function ModelPicker(): ReactElement {
  const id = useId()
  const { models, failures, loaded, error } = useModels()
  const model = useChat((s) => s.model)
  const setModel = useChat((s) => s.setModel)
  const known = model === AUTO || models.some((m) => m.ref === model)
  const first = models[0]?.ref

  // No choice yet (or the remembered model is gone and nothing was sent with it): take the first.
  useEffect(() => {
    if (loaded && first && !model) void setModel(first)
  }, [loaded, first, model, setModel])

  return (
    <div className="model-picker">
      <label htmlFor={id}>Model</label>
      <select id={id} value={model ?? ''} onChange={(e) => void setModel(e.target.value)} disabled={models.length === 0}>
        {model && !known ? <option value={model}>{model} (unavailable)</option> : null}
        {!model ? <option value="">{loaded ? 'No model available' : 'Loading models…'}</option> : null}
        {models.length > 0 || model === AUTO ? <option value={AUTO}>Auto</option> : null}
        {groupByProvider(models).map((group) => (
          <optgroup key={group.providerId} label={group.providerName}>
            {group.models.map((m) => (
              <option key={m.ref} value={m.ref}>
                {m.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {failures.length || error ? (
        <ul className="model-hints" aria-label="Providers without models">
          {failures.map((f) => (
            <li key={f.providerId}>
              {f.providerName}: {f.message}
            </li>
          ))}
          {error ? <li>Could not list the models: {error}</li> : null}
        </ul>
      ) : null}
    </div>
  )
}
