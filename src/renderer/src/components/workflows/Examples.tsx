import { useCallback, useId, type ReactElement } from 'react'
import { useQuery } from '../../hooks/useQuery'
import { client } from '../../stores/session'
import { useWorkflows } from '../../stores/workflows'
import { ErrorAlert } from '../ErrorAlert'

/** Workflows shipped with NEXUS, opened unsaved: saving one makes it yours. */
export function Examples(): ReactElement {
  const headingId = useId()
  const fetchExamples = useCallback(() => client().call('workflows.examples'), [])
  const examples = useQuery('Could not list the examples', fetchExamples)
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId} className="card-title">
        Examples
      </h2>
      <ErrorAlert error={examples.error} />
      {examples.data?.length === 0 ? <p className="muted small">No examples.</p> : null}
      <ul className="wf-examples">
        {examples.data?.map((example) => (
          <li key={example.fileName} className="wf-example">
            <div>
              <p className="cell-title">{example.name}</p>
              <p className="muted small">{example.description}</p>
            </div>
            <button type="button" className="button button-small" aria-label={`Open the example ${example.name}`} onClick={() => useWorkflows.getState().openText(example.text)}>
              Open
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
