import { useState, type ReactElement } from 'react'
import type { ProviderView } from '../../../../shared/schemas/providers'
import { client } from '../../stores/session'
import { presetLabel, useProviders } from '../../stores/providers'
import { useModels } from '../../stores/models'
import { useAction } from '../../hooks/useAction'
import { ConfirmButton } from '../ConfirmButton'
import { ErrorAlert } from '../ErrorAlert'
import { EditProviderForm } from './EditProviderForm'
import { ProviderKeys } from './ProviderKeys'
import { TestConnection } from './TestConnection'

async function reloadAll(): Promise<void> {
  await useProviders.getState().load()
  useModels.getState().reloadSoon()
}

/** One provider: what it is, where it points, its keys, and what can be done with it. */
export function ProviderCard({ provider }: { provider: ProviderView }): ReactElement {
  const presets = useProviders((s) => s.presets)
  const [editing, setEditing] = useState(false)
  /** The switch moves at once; the core's answer (or its refusal) settles it. */
  const [switching, setSwitching] = useState<boolean | null>(null)
  const action = useAction()
  const readOnly = provider.source === 'environment'

  const setEnabled = async (enabled: boolean): Promise<void> => {
    setSwitching(enabled)
    const done = await action.run('Could not change the provider', () =>
      client().call('providers.update', { id: provider.id, enabled })
    )
    if (done) await reloadAll()
    setSwitching(null)
  }
  const remove = async (): Promise<void> => {
    const done = await action.run('Could not remove the provider', () =>
      client().call('providers.remove', { id: provider.id })
    )
    if (done) await reloadAll()
  }

  return (
    <li className="provider" aria-label={provider.name}>
      <div className="provider-head">
        <div className="provider-title">
          <h3>{provider.name}</h3>
          <span className="badge badge-neutral">{presetLabel(presets, provider)}</span>
          {readOnly ? <span className="badge badge-info">Environment</span> : null}
          {provider.enabled ? null : <span className="badge badge-warn">Disabled</span>}
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={switching ?? provider.enabled}
            disabled={readOnly || switching !== null}
            onChange={(e) => void setEnabled(e.target.checked)}
          />
          <span>Enabled</span>
        </label>
      </div>
      <p className="provider-url">
        <span className="muted">Base URL </span>
        <code>{provider.baseUrl ?? 'default'}</code>
      </p>
      {readOnly ? (
        <p className="note">
          Configured from environment variables (such as OPENAI_API_KEY or OLLAMA_HOST) when NEXUS started. Change
          them where NEXUS is launched; they cannot be edited here.
        </p>
      ) : null}
      {editing ? <EditProviderForm provider={provider} onDone={() => setEditing(false)} /> : null}
      <ProviderKeys provider={provider} readOnly={readOnly} />
      <div className="provider-actions">
        <TestConnection providerId={provider.id} providerName={provider.name} />
        {readOnly || editing ? null : (
          <div className="action-row">
            <button
              type="button"
              className="button button-small"
              onClick={() => setEditing(true)}
              aria-label={`Edit ${provider.name}`}
            >
              Edit
            </button>
            <ConfirmButton
              label="Remove"
              ariaLabel={`Remove ${provider.name}`}
              question={`Remove “${provider.name}” and its keys?`}
              onConfirm={remove}
            />
          </div>
        )}
      </div>
      <ErrorAlert error={action.error} onDismiss={action.clear} />
    </li>
  )
}
