import { useId, useState, type FormEvent, type ReactElement } from 'react'
import { client } from '../../stores/session'
import { useProviders, type Preset } from '../../stores/providers'
import { useModels } from '../../stores/models'
import { useAction } from '../../hooks/useAction'
import { ErrorAlert } from '../ErrorAlert'

function presetKey(preset: Preset): string {
  return `${preset.kind}:${preset.preset ?? ''}`
}

/** Add a provider: family or preset, base URL (prefilled), optional name, key (never shown again). */
export function AddProviderForm({ onDone }: { onDone: () => void }): ReactElement {
  const presets = useProviders((s) => s.presets)
  const id = useId()
  const [choice, setChoice] = useState('')
  const [name, setName] = useState('')
  const [baseUrl, setBaseUrl] = useState('')
  const [apiKey, setApiKey] = useState('')
  const action = useAction()
  const preset = presets.find((p) => presetKey(p) === choice) ?? null

  const pick = (key: string): void => {
    setChoice(key)
    setBaseUrl(presets.find((p) => presetKey(p) === key)?.defaultBaseUrl ?? '')
    action.clear()
  }

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    if (!preset) return
    const key = apiKey.trim()
    const added = await action.run('Could not add the provider', () =>
      client().call('providers.add', {
        kind: preset.kind,
        ...(preset.preset ? { preset: preset.preset } : {}),
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}),
        ...(key ? { apiKey: key } : {})
      })
    )
    // The key leaves this form either way: it is never kept or shown after a submit.
    setApiKey('')
    if (!added) return
    await useProviders.getState().load()
    useModels.getState().reloadSoon()
    onDone()
  }

  const groups: [string, Preset[]][] = [
    ['Cloud services and custom endpoints', presets.filter((p) => !p.local)],
    ['On this machine or network', presets.filter((p) => p.local)]
  ]

  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-label="Add a provider">
      <div className="field">
        <label htmlFor={`${id}-preset`}>Provider</label>
        <select id={`${id}-preset`} value={choice} onChange={(e) => pick(e.target.value)} required>
          <option value="" disabled>
            Choose a provider…
          </option>
          {groups.map(([label, items]) =>
            items.length ? (
              <optgroup key={label} label={label}>
                {items.map((p) => (
                  <option key={presetKey(p)} value={presetKey(p)}>
                    {p.name}
                  </option>
                ))}
              </optgroup>
            ) : null
          )}
        </select>
      </div>
      {preset ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-name`}>Name</label>
            <input id={`${id}-name`} value={name} placeholder={preset.name} onChange={(e) => setName(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-url`}>Base URL</label>
            <input
              id={`${id}-url`}
              type="url"
              value={baseUrl}
              required={preset.defaultBaseUrl === null && preset.kind === 'openai-compatible'}
              placeholder="https://api.example.com/v1"
              spellCheck={false}
              onChange={(e) => setBaseUrl(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-key`}>{preset.needsKey ? 'API key' : 'API key (optional)'}</label>
            <input
              id={`${id}-key`}
              type="password"
              value={apiKey}
              required={preset.needsKey}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setApiKey(e.target.value)}
            />
            <p className="field-hint">Stored in the OS keychain. NEXUS shows only its last four characters.</p>
          </div>
        </>
      ) : null}
      <ErrorAlert error={action.error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={!preset || action.busy}>
          {action.busy ? 'Saving…' : 'Save provider'}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  )
}
