import type { ReactElement } from 'react'
import { useProviders, type Found } from '../../stores/providers'
import { ErrorAlert } from '../ErrorAlert'

function FoundItem({ found }: { found: Found }): ReactElement {
  const add = useProviders((s) => s.addDiscovered)
  return (
    <li className="found">
      <div>
        <div className="cell-title">{found.name}</div>
        <div className="cell-sub">
          <code>{found.baseUrl}</code> · {found.modelCount} model{found.modelCount === 1 ? '' : 's'}
        </div>
      </div>
      {found.alreadyAdded ? (
        <span className="badge badge-ok">Added</span>
      ) : (
        <button
          type="button"
          className="button button-small button-primary"
          onClick={() => void add(found)}
          aria-label={`Add ${found.name} at ${found.baseUrl}`}
        >
          Add
        </button>
      )}
    </li>
  )
}

/** What answered on this machine's default ports (Ollama, LM Studio, llama.cpp, vLLM). */
export function DiscoveryResults(): ReactElement | null {
  const discovered = useProviders((s) => s.discovered)
  const error = useProviders((s) => s.discoverError)
  return (
    <div role="status" className="discovery">
      {discovered === null ? null : discovered.length === 0 ? (
        <p className="muted">
          No local server answered on 127.0.0.1 (Ollama 11434, LM Studio 1234, llama.cpp 8080, vLLM 8000).
        </p>
      ) : (
        <ul className="found-list" aria-label="Local servers found">
          {discovered.map((found) => (
            <FoundItem key={`${found.kind}:${found.baseUrl}`} found={found} />
          ))}
        </ul>
      )}
      <ErrorAlert error={error} />
    </div>
  )
}

export function FindLocalServers(): ReactElement {
  const discovering = useProviders((s) => s.discovering)
  const discover = useProviders((s) => s.discover)
  return (
    <>
      <div className="action-row">
        <button type="button" className="button" onClick={() => void discover()} disabled={discovering}>
          {discovering ? 'Looking…' : 'Find local servers'}
        </button>
        <span className="muted small">Probes 127.0.0.1 only, with a short timeout.</span>
      </div>
      <DiscoveryResults />
    </>
  )
}
