import { useEffect, type ReactElement } from 'react'
import { useUi } from '../../stores/ui'
import { useProviders } from '../../stores/providers'
import { DiscoveryResults } from '../providers/Discovery'

/** Shown in Chat while no model can be used: where to add one, and local servers found. */
export function NoModels(): ReactElement {
  const openSettings = useUi((s) => s.openSettings)
  const discoverIfEmpty = useProviders((s) => s.discoverIfEmpty)
  const discovering = useProviders((s) => s.discovering)
  const hasProviders = useProviders((s) => s.providers.length > 0)
  useEffect(() => {
    void discoverIfEmpty()
  }, [discoverIfEmpty])
  return (
    <div className="no-models">
      <h2 className="card-title">No model to chat with yet</h2>
      <p className="muted">
        {hasProviders
          ? 'Your providers list no model right now: check them in Settings > Providers.'
          : 'Add a cloud provider with its API key, or a model server running on this machine.'}
      </p>
      <div>
        <button type="button" className="button button-primary" onClick={() => openSettings('providers')}>
          Open Settings &gt; Providers
        </button>
      </div>
      {discovering ? <p className="muted small">Looking for local servers…</p> : null}
      <DiscoveryResults />
    </div>
  )
}
