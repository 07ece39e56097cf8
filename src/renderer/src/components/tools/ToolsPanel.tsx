import { useCallback, useState, type ReactElement } from 'react'
import { client } from '../../stores/session'
import { useQuery } from '../../hooks/useQuery'
import { ErrorAlert } from '../ErrorAlert'
import { ToolCard } from './ToolCard'
import { ToolForm } from './ToolForm'

/** Built-in and user tools, and the form to add one. */
export function ToolsPanel(): ReactElement {
  const fetchTools = useCallback(() => client().call('tools.list'), [])
  const tools = useQuery('Could not read the tools', fetchTools)
  const [adding, setAdding] = useState(false)
  return (
    <>
      <ErrorAlert error={tools.error} />
      {tools.data ? (
        <ul className="provider-list" aria-label="Tools">
          {tools.data.map((tool) => (
            <ToolCard key={`${tool.name}-${tool.updatedAt ?? ''}`} tool={tool} onChanged={tools.reload} />
          ))}
        </ul>
      ) : null}
      {adding ? (
        <div className="subcard">
          <h3 className="subcard-title">Add a tool</h3>
          <ToolForm
            tool={null}
            onDone={(saved) => {
              setAdding(false)
              if (saved) tools.reload()
            }}
          />
        </div>
      ) : (
        <div>
          <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
            Add tool
          </button>
        </div>
      )}
    </>
  )
}
