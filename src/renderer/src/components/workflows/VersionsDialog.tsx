import { useCallback, useState, type ReactElement } from 'react'
import { useQuery } from '../../hooks/useQuery'
import { formatDateTime } from '../../lib/format'
import { client } from '../../stores/session'
import { useWorkflows, useDirty } from '../../stores/workflows'
import { ErrorAlert } from '../ErrorAlert'
import { Modal } from './Modal'
import { VersionDiff } from './VersionDiff'

/** The diff between one earlier version and the current one, and the button restoring it. */
function Compare({ id, from, to, onRestored }: { id: string; from: number; to: number; onRestored: () => void }): ReactElement {
  const fetchDiff = useCallback(() => client().call('workflows.diff', { id, from, to }), [id, from, to])
  const diff = useQuery('Could not compare the versions', fetchDiff)
  const [busy, setBusy] = useState(false)
  const dirty = useDirty()
  return (
    <section className="wf-compare" aria-label={`Version ${from} compared with version ${to}`}>
      <ErrorAlert error={diff.error} />
      {diff.data ? <VersionDiff diff={diff.data} /> : diff.error ? null : <p className="muted small">Comparing…</p>}
      {dirty ? <p className="note small">Your unsaved changes are not part of this comparison; restoring replaces them (Undo brings them back).</p> : null}
      <button
        type="button"
        className="button button-primary"
        disabled={busy}
        onClick={async () => {
          setBusy(true)
          const restored = await useWorkflows.getState().restore(from)
          setBusy(false)
          if (restored) onRestored()
        }}
      >
        Restore version {from}
      </button>
    </section>
  )
}

/** Saved versions, newest first: pick one to see what changed since, and restore it. */
export function VersionsDialog({ onClose }: { onClose: () => void }): ReactElement | null {
  const id = useWorkflows((s) => s.doc?.id)
  const current = useWorkflows((s) => s.doc?.version)
  const error = useWorkflows((s) => s.error)
  const fetchVersions = useCallback(() => (id ? client().call('workflows.versions', { id }) : Promise.resolve([])), [id])
  const versions = useQuery('Could not list the versions', fetchVersions)
  const [picked, setPicked] = useState<number | null>(null)
  if (!id || !current) return null
  return (
    <Modal title="Versions" onClose={onClose} wide>
      <ErrorAlert error={versions.error ?? error} />
      <div className="wf-versions">
        <ul className="wf-version-list" aria-label="Saved versions">
          {versions.data?.map((v) => (
            <li key={v.version}>
              <button
                type="button"
                className="wf-version"
                aria-pressed={picked === v.version}
                disabled={v.version === current}
                onClick={() => setPicked(v.version)}
              >
                <span className="wf-version-title">
                  Version {v.version}
                  {v.version === current ? ' (current)' : ''}
                </span>
                <span className="muted small">
                  {formatDateTime(v.savedAt)} · {v.nodeCount} nodes
                </span>
                {v.note ? <span className="small">{v.note}</span> : null}
              </button>
            </li>
          ))}
        </ul>
        {picked ? (
          <Compare key={picked} id={id} from={picked} to={current} onRestored={onClose} />
        ) : (
          <p className="muted small">Pick an earlier version to see what changed since, and to restore it.</p>
        )}
      </div>
    </Modal>
  )
}
