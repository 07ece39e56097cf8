import { useState, type ReactElement } from 'react'
import type { ToolView } from '../../../../shared/schemas/workflows'
import { client } from '../../stores/session'
import { useAction } from '../../hooks/useAction'
import { formatDateTime } from '../../lib/format'
import { ConfirmButton } from '../ConfirmButton'
import { ErrorAlert } from '../ErrorAlert'
import { ToolForm } from './ToolForm'
import { ToolTest } from './ToolTest'

const KIND_LABELS: Record<string, string> = { javascript: 'JavaScript', http: 'HTTP' }

/** One tool: what it is, its arguments, and (for the user's own) edit and delete; any can be tested. */
export function ToolCard({ tool, onChanged }: { tool: ToolView; onChanged: () => void }): ReactElement {
  const [panel, setPanel] = useState<'test' | 'edit' | null>(null)
  const action = useAction()
  const properties = Object.keys((tool.parameters.properties ?? {}) as object)

  const remove = async (): Promise<void> => {
    const done = await action.run(`Could not delete ${tool.name}`, () => client().call('tools.delete', { name: tool.name }))
    if (done) onChanged()
  }

  return (
    <li className="provider" aria-label={tool.name}>
      <div className="provider-head">
        <div className="provider-title">
          <h3>
            <code>{tool.name}</code>
          </h3>
          <span className="badge badge-neutral">{tool.builtIn ? 'Built in' : KIND_LABELS[tool.implementation.kind]}</span>
        </div>
        {tool.updatedAt ? <span className="muted small">Saved {formatDateTime(tool.updatedAt)}</span> : null}
      </div>
      <p>{tool.description}</p>
      <p className="muted small">Arguments: {properties.length ? properties.join(', ') : 'none'}</p>
      {panel === 'edit' ? (
        <ToolForm
          tool={tool}
          onDone={(saved) => {
            setPanel(null)
            if (saved) onChanged()
          }}
        />
      ) : (
        <div className="action-row">
          <button type="button" className="button button-small" aria-expanded={panel === 'test'} aria-label={`Try ${tool.name}`} onClick={() => setPanel(panel === 'test' ? null : 'test')}>
            Try it
          </button>
          {tool.builtIn ? null : (
            <>
              <button type="button" className="button button-small" aria-label={`Edit ${tool.name}`} onClick={() => setPanel('edit')}>
                Edit
              </button>
              <ConfirmButton label="Delete" ariaLabel={`Delete ${tool.name}`} question={`Delete the tool “${tool.name}”? Workflows that call it will fail.`} onConfirm={remove} />
            </>
          )}
        </div>
      )}
      {panel === 'test' ? <ToolTest tool={tool} /> : null}
      <ErrorAlert error={action.error} onDismiss={action.clear} />
    </li>
  )
}
