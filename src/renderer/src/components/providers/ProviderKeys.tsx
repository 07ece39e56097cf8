import { useId, useState, type FormEvent, type ReactElement } from 'react'
import type { ProviderView } from '../../../../shared/schemas/providers'
import { client } from '../../stores/session'
import { useProviders } from '../../stores/providers'
import { useAction } from '../../hooks/useAction'
import { ConfirmButton } from '../ConfirmButton'
import { ErrorAlert } from '../ErrorAlert'

/** A provider's keys as "•••• last4", each removable, and a field to add another. */
export function ProviderKeys({ provider, readOnly }: { provider: ProviderView; readOnly: boolean }): ReactElement {
  const id = useId()
  const [apiKey, setApiKey] = useState('')
  const [adding, setAdding] = useState(false)
  const action = useAction()

  const add = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    const key = apiKey.trim()
    setApiKey('')
    const done = await action.run('Could not store the key', () =>
      client().call('providers.addKey', { providerId: provider.id, apiKey: key })
    )
    if (done) {
      setAdding(false)
      await useProviders.getState().load()
    }
  }

  const remove = async (keyId: string): Promise<void> => {
    const done = await action.run('Could not remove the key', () =>
      client().call('providers.removeKey', { providerId: provider.id, keyId })
    )
    if (done) await useProviders.getState().load()
  }

  return (
    <div className="keys">
      <h4 className="keys-title">API keys</h4>
      {provider.keys.length === 0 ? <p className="muted small">No key stored.</p> : null}
      <ul className="key-list">
        {provider.keys.map((key) => (
          <li key={key.id} className="key">
            <code aria-label={`Key ending in ${key.lastFour}`}>•••• {key.lastFour}</code>
            {key.label ? <span className="muted small">{key.label}</span> : null}
            {readOnly ? null : (
              <ConfirmButton
                label="Remove"
                ariaLabel={`Remove the key ending in ${key.lastFour}`}
                question={`Remove the key ending in ${key.lastFour}?`}
                onConfirm={() => remove(key.id)}
              />
            )}
          </li>
        ))}
      </ul>
      {readOnly ? null : adding ? (
        <form className="inline-form" onSubmit={(e) => void add(e)} aria-label={`Add a key to ${provider.name}`}>
          <label htmlFor={`${id}-key`} className="sr-only">
            New API key for {provider.name}
          </label>
          <input
            id={`${id}-key`}
            type="password"
            value={apiKey}
            required
            autoComplete="off"
            spellCheck={false}
            placeholder="Paste the key"
            onChange={(e) => setApiKey(e.target.value)}
          />
          <button type="submit" className="button button-small button-primary" disabled={action.busy}>
            Save key
          </button>
          <button type="button" className="button button-small" onClick={() => setAdding(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" className="button button-small" onClick={() => setAdding(true)}>
          {provider.keys.length ? 'Add another key' : 'Add a key'}
        </button>
      )}
      <ErrorAlert error={action.error} onDismiss={action.clear} />
    </div>
  )
}
