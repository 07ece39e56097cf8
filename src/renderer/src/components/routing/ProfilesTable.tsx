import { useCallback, useId, useMemo, useState, type ReactElement } from 'react'
import type { z } from 'zod'
import type { ProfileOverride, ProfileView } from '../../../../shared/schemas/routing'
import { client } from '../../stores/session'
import { useQuery } from '../../hooks/useQuery'
import { useAction } from '../../hooks/useAction'
import { INTENTS, INTENT_LABELS } from '../../lib/intents'
import { ErrorAlert } from '../ErrorAlert'
import { ProfileEditor } from './ProfileEditor'

const SHORT: Record<string, string> = {
  CODE_GENERATION: 'Code',
  REASONING_LOGIC: 'Reason',
  CREATIVE_TASKS: 'Create',
  SECURITY_ANALYSIS: 'Security',
  MATHEMATICAL_PROOFS: 'Math',
  MULTI_MODAL: 'Multi',
  GENERAL: 'General'
}
const PAGE = 50

function Row({ p, onEdit }: { p: ProfileView; onEdit: () => void }): ReactElement {
  const caps = Object.entries(p.capabilities).filter(([, on]) => on).map(([name]) => name)
  const name = `${p.provider}/${p.model}`
  return (
    <tr>
      <th scope="row" className="cell-title">
        <code>{p.model}</code>
        <span className="cell-sub">
          {p.provider} · {p.origin}
          {p.overridden.length ? ` · overridden: ${p.overridden.join(', ')}` : ''}
        </span>
      </th>
      <td>{p.contextLength === null ? '—' : p.contextLength.toLocaleString()}</td>
      <td>{caps.length ? caps.join(', ') : '—'}</td>
      {INTENTS.map((i) => {
        const q = p.quality[i]
        return (
          <td key={i} title={q ? `${INTENT_LABELS[i]}: ${q.score.toFixed(2)} — source: ${q.source}` : `${INTENT_LABELS[i]}: no figure`}>
            {q ? q.score.toFixed(2) : '—'}
          </td>
        )
      })}
      <td>
        <button type="button" className="button button-small" aria-label={`Edit ${name}`} onClick={onEdit}>
          Edit
        </button>
      </td>
    </tr>
  )
}

/** Model profiles with their per-intent quality (source on hover) and the user's overrides. */
export function ProfilesTable(): ReactElement {
  const filterId = useId()
  const fetchProfiles = useCallback(() => client().call('profiles.list'), [])
  const profiles = useQuery('Could not read the model profiles', fetchProfiles)
  const action = useAction()
  const [filter, setFilter] = useState('')
  const [editing, setEditing] = useState<string | null>(null)
  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase()
    return (profiles.data ?? []).filter((p) => !f || `${p.provider}/${p.model}`.toLowerCase().includes(f))
  }, [profiles.data, filter])
  const current = (profiles.data ?? []).find((p) => `${p.provider}/${p.model}` === editing) ?? null

  const save = async (override: z.input<typeof ProfileOverride>): Promise<boolean> => {
    const done = await action.run(`Could not save the profile of ${override.model}`, () => client().call('profiles.override', override))
    if (!done) return false
    profiles.reload()
    return true
  }

  return (
    <>
      <div className="inline-form">
        <label htmlFor={filterId}>Filter models</label>
        <input id={filterId} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="e.g. llama, gpt-4o" />
      </div>
      <ErrorAlert error={profiles.error} />
      <ErrorAlert error={action.error} onDismiss={action.clear} />
      {current ? <ProfileEditor key={editing} profile={current} onSave={save} onClose={() => setEditing(null)} /> : null}
      {profiles.data ? (
        <div className="table-wrap profiles-wrap">
          <table className="table table-compact profiles" aria-label="Model profiles">
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Context</th>
                <th scope="col">Capabilities</th>
                {INTENTS.map((i) => (
                  <th key={i} scope="col">
                    <abbr title={`Quality for ${INTENT_LABELS[i]} (0 to 1)`}>{SHORT[i]}</abbr>
                  </th>
                ))}
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.slice(0, PAGE).map((p) => (
                <Row key={`${p.provider}/${p.model}`} p={p} onEdit={() => setEditing(`${p.provider}/${p.model}`)} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {profiles.data ? (
        <p className="muted small" role="status">
          {shown.length > PAGE ? `Showing ${PAGE} of ${shown.length} models: filter to find others.` : `${shown.length} models.`}
        </p>
      ) : null}
    </>
  )
}
