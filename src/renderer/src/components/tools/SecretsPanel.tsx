import { useCallback, useId, useState, type FormEvent, type ReactElement } from 'react'
import { client } from '../../stores/session'
import { useQuery } from '../../hooks/useQuery'
import { useAction } from '../../hooks/useAction'
import { formatDateTime } from '../../lib/format'
import { ConfirmButton } from '../ConfirmButton'
import { ErrorAlert } from '../ErrorAlert'

/**
 * A name and a value sent to the keychain. The value lives only in this form's state until it is
 * submitted, then is cleared whatever the answer: it is never read back.
 */
function SecretForm({ name: fixedName, onDone }: { name?: string; onDone: (saved: boolean) => void }): ReactElement {
  const id = useId()
  const [name, setName] = useState(fixedName ?? '')
  const [value, setValue] = useState('')
  const action = useAction()
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    const secret = value
    setValue('')
    const saved = await action.run('Could not store the secret', () => client().call('secrets.set', { name: name.trim(), value: secret }))
    if (saved) onDone(true)
  }
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} aria-label={fixedName ? `Replace the value of ${fixedName}` : 'Add a secret'}>
      {fixedName ? null : (
        <>
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            value={name}
            required
            pattern="[A-Za-z_][A-Za-z0-9_]{0,63}"
            spellCheck={false}
            autoComplete="off"
            placeholder="e.g. WEATHER_API_KEY"
            onChange={(e) => setName(e.target.value)}
          />
        </>
      )}
      <label htmlFor={`${id}-value`} className={fixedName ? 'sr-only' : undefined}>
        {fixedName ? `New value of ${fixedName}` : 'Value'}
      </label>
      <input id={`${id}-value`} type="password" value={value} required autoComplete="off" spellCheck={false} placeholder="Paste the value" onChange={(e) => setValue(e.target.value)} />
      <button type="submit" className="button button-small button-primary" disabled={action.busy}>
        {fixedName ? 'Save value' : 'Add secret'}
      </button>
      {fixedName ? (
        <button type="button" className="button button-small" onClick={() => onDone(false)}>
          Cancel
        </button>
      ) : null}
      <ErrorAlert error={action.error} onDismiss={action.clear} />
    </form>
  )
}

/** Secret names with their last change; values can be added, replaced or deleted, never shown. */
export function SecretsPanel(): ReactElement {
  const fetchSecrets = useCallback(() => client().call('secrets.list'), [])
  const secrets = useQuery('Could not read the secrets', fetchSecrets)
  const [replacing, setReplacing] = useState<string | null>(null)
  const [formKey, setFormKey] = useState(0)
  const action = useAction()
  const remove = async (name: string): Promise<void> => {
    const done = await action.run(`Could not delete ${name}`, () => client().call('secrets.delete', { name }))
    if (done) secrets.reload()
  }
  return (
    <>
      <ErrorAlert error={secrets.error} />
      <ErrorAlert error={action.error} onDismiss={action.clear} />
      {secrets.data?.length ? (
        <div className="table-wrap">
          <table className="table" aria-label="Secrets">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Use it as</th>
                <th scope="col">Last changed</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {secrets.data.map((s) => (
                <tr key={s.name}>
                  <th scope="row" className="cell-title">
                    {s.name}
                  </th>
                  <td>
                    <code>{`{{secret.${s.name}}}`}</code>
                  </td>
                  <td>{formatDateTime(s.updatedAt)}</td>
                  <td>
                    {replacing === s.name ? (
                      <SecretForm
                        name={s.name}
                        onDone={(saved) => {
                          setReplacing(null)
                          if (saved) secrets.reload()
                        }}
                      />
                    ) : (
                      <div className="action-row">
                        <button type="button" className="button button-small" aria-label={`Replace the value of ${s.name}`} onClick={() => setReplacing(s.name)}>
                          Replace
                        </button>
                        <ConfirmButton label="Delete" ariaLabel={`Delete ${s.name}`} question={`Delete ${s.name}? Workflows using it fail until it is added again.`} onConfirm={() => remove(s.name)} />
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : secrets.data ? (
        <p className="muted">No secret yet.</p>
      ) : null}
      <SecretForm
        key={formKey}
        onDone={() => {
          setFormKey((k) => k + 1)
          secrets.reload()
        }}
      />
    </>
  )
}
