import { useEffect, useState, type ReactElement } from 'react'
import { Section } from '../../components/Page'
import { ErrorAlert } from '../../components/ErrorAlert'
import { AddProviderForm } from '../../components/providers/AddProviderForm'
import { ProviderCard } from '../../components/providers/ProviderCard'
import { FindLocalServers } from '../../components/providers/Discovery'
import { OllamaPanel } from '../../components/providers/OllamaPanel'
import { CatalogTable } from '../../components/providers/CatalogTable'
import { useProviders } from '../../stores/providers'

function ProviderList(): ReactElement {
  const { providers, loaded, error } = useProviders()
  const [adding, setAdding] = useState(false)
  const showForm = adding || (loaded && !error && providers.length === 0)
  return (
    <>
      <ErrorAlert error={error ? `Could not read the providers: ${error}` : null} />
      {providers.length ? (
        <ul className="provider-list" aria-label="Configured providers">
          {providers.map((p) => (
            <ProviderCard key={p.id} provider={p} />
          ))}
        </ul>
      ) : loaded && !error ? (
        <p className="muted">No provider yet. Add one below, or find a local server.</p>
      ) : null}
      {showForm ? (
        <div className="subcard">
          <h3 className="subcard-title">Add a provider</h3>
          <AddProviderForm onDone={() => setAdding(false)} />
        </div>
      ) : (
        <div>
          <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
            Add provider
          </button>
        </div>
      )}
    </>
  )
}

/** Settings > Providers: providers and keys, local servers, Ollama models, model prices. */
export function ProvidersSettings(): ReactElement {
  const providers = useProviders((s) => s.providers)
  const discoverIfEmpty = useProviders((s) => s.discoverIfEmpty)
  useEffect(() => {
    void discoverIfEmpty()
  }, [discoverIfEmpty])
  const ollama = providers.filter((p) => p.kind === 'ollama')
  return (
    <>
      <Section
        title="Providers"
        description="Cloud services and model servers NEXUS can talk to. Keys go to the OS keychain; only their last four characters are ever shown."
      >
        <ProviderList />
      </Section>
      <Section title="Local servers" description="Ollama, LM Studio, llama.cpp and vLLM running on this machine.">
        <FindLocalServers />
      </Section>
      {ollama.map((p) => (
        <OllamaPanel key={p.id} provider={p} />
      ))}
      <Section title="Model prices" description="US dollars per million tokens, used for the cost of each answer.">
        <CatalogTable />
      </Section>
    </>
  )
}
