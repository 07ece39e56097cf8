import { useId, useState, type FormEvent, type ReactElement } from 'react'
import type { ProviderView } from '../../../../shared/schemas/providers'
import { client } from '../../stores/session'
import { useProviders } from '../../stores/providers'
import { useModels } from '../../stores/models'
import { useAction } from '../../hooks/useAction'
import { ErrorAlert } from '../ErrorAlert'

/** Rename or re-point a provider. Keys are managed next to it, never edited in place. */
export function EditProviderForm({ provider, onDone }: { provider: ProviderView; onDone: () => void }): ReactElement {
  const id = useId()
  const [name, setName] = useState(provider.name)
  const [baseUrl, setBaseUrl] = useState(provider.baseUrl ?? '')
  const action = useAction()
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    const url = baseUrl.trim()
    const saved = await action.run('Could not save the provider', () =>
      client().call('providers.update', { id: provider.id, name: name.trim(), baseUrl: url ? url : null })
    )
    if (!saved) return
    await useProviders.getState().load()
    useModels.getState().reloadSoon()
    onDone()
  }
  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-label={`Edit ${provider.name}`}>
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input id={`${id}-name`} value={name} required onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-url`}>Base URL</label>
        <input
          id={`${id}-url`}
          type="url"
          value={baseUrl}
          spellCheck={false}
          placeholder="The provider's default address"
          onChange={(e) => setBaseUrl(e.target.value)}
        />
      </div>
      <ErrorAlert error={action.error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={action.busy}>
          Save
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  )
}
