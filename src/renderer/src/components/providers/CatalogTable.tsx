import { useCallback, useId, useState, type FormEvent, type ReactElement } from 'react'
import type { CatalogEntry } from '../../../../shared/schemas/providers'
import { client } from '../../stores/session'
import { useModels } from '../../stores/models'
import { useAction } from '../../hooks/useAction'
import { useQuery } from '../../hooks/useQuery'
import { ErrorAlert } from '../ErrorAlert'

interface Draft {
  provider: string
  model: string
  inputPerMTok: string
  outputPerMTok: string
  contextLength: string
}

const EMPTY: Draft = { provider: '', model: '', inputPerMTok: '', outputPerMTok: '', contextLength: '' }

function toDraft(entry: CatalogEntry): Draft {
  return {
    provider: entry.provider,
    model: entry.model,
    inputPerMTok: String(entry.inputPerMTok),
    outputPerMTok: String(entry.outputPerMTok),
    contextLength: entry.contextLength ? String(entry.contextLength) : ''
  }
}

function toEntry(draft: Draft): CatalogEntry {
  return {
    provider: draft.provider.trim(),
    model: draft.model.trim(),
    inputPerMTok: Number(draft.inputPerMTok),
    outputPerMTok: Number(draft.outputPerMTok),
    contextLength: draft.contextLength ? Number(draft.contextLength) : null
  }
}

interface RowProps {
  entry: CatalogEntry | null
  onSave: (entry: CatalogEntry) => Promise<boolean>
}

/** One price, edited in place; the last row adds a new one. */
function Row({ entry, onSave }: RowProps): ReactElement {
  const [draft, setDraft] = useState<Draft>(entry ? toDraft(entry) : EMPTY)
  const formId = useId()
  const initial = entry ? toDraft(entry) : EMPTY
  const dirty = (Object.keys(draft) as (keyof Draft)[]).some((k) => draft[k] !== initial[k])
  const what = entry ? `${entry.provider}/${entry.model}` : 'the new model'
  const field = (key: keyof Draft, label: string, type: 'text' | 'number'): ReactElement => (
    <input
      form={formId}
      className="cell-input"
      aria-label={`${label} of ${what}`}
      type={type}
      min={type === 'number' ? 0 : undefined}
      step={key === 'contextLength' ? 1 : 'any'}
      required={key !== 'contextLength'}
      value={draft[key]}
      onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
    />
  )
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    if ((await onSave(toEntry(draft))) && !entry) setDraft(EMPTY)
  }
  return (
    <tr>
      <td>{entry ? <span className="cell-title">{entry.provider}</span> : field('provider', 'Provider', 'text')}</td>
      <td>{entry ? <code>{entry.model}</code> : field('model', 'Model', 'text')}</td>
      <td>{field('inputPerMTok', 'Input price', 'number')}</td>
      <td>{field('outputPerMTok', 'Output price', 'number')}</td>
      <td>{field('contextLength', 'Context length', 'number')}</td>
      <td>
        <form id={formId} onSubmit={(e) => void submit(e)} aria-label={`Save ${what}`}>
          <button type="submit" className="button button-small" disabled={!dirty}>
            {entry ? 'Save' : 'Add'}
          </button>
        </form>
      </td>
    </tr>
  )
}

/** Model prices (USD per million tokens) used to compute each answer's cost. */
export function CatalogTable(): ReactElement {
  const fetchCatalog = useCallback(() => client().call('catalog.list'), [])
  const catalog = useQuery('Could not read the model catalog', fetchCatalog)
  const entries = catalog.data
  const action = useAction()
  const save = async (entry: CatalogEntry): Promise<boolean> => {
    const saved = await action.run(`Could not save the price of ${entry.model}`, () => client().call('catalog.set', entry))
    if (!saved) return false
    catalog.reload()
    useModels.getState().reloadSoon()
    return true
  }
  return (
    <>
      <div className="table-wrap">
        <table className="table table-compact catalog">
          <thead>
            <tr>
              <th scope="col">Provider</th>
              <th scope="col">Model</th>
              <th scope="col">Input $/M tokens</th>
              <th scope="col">Output $/M tokens</th>
              <th scope="col">Context</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(entries ?? []).map((entry) => (
              <Row key={`${entry.provider}/${entry.model}:${entry.inputPerMTok}:${entry.outputPerMTok}`} entry={entry} onSave={save} />
            ))}
            <Row entry={null} onSave={save} />
          </tbody>
        </table>
      </div>
      <ErrorAlert error={catalog.error} />
      <ErrorAlert error={action.error} onDismiss={action.clear} />
    </>
  )
}
