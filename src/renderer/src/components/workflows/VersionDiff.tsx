import type { ReactElement } from 'react'
import type { WorkflowDiff } from '../../../../shared/schemas/workflows'

const CHANGE_LABELS = { added: 'Added', removed: 'Removed', changed: 'Changed' } as const

/** What changed between two versions, node by node, edge by edge, then the workflow's own fields. */
export function VersionDiff({ diff }: { diff: WorkflowDiff }): ReactElement {
  const empty = diff.nodes.length === 0 && diff.edges.length === 0 && diff.meta.length === 0
  return (
    <div className="wf-diff" aria-label={`Changes from version ${diff.from} to version ${diff.to}`} role="group">
      {empty ? <p className="muted small">No difference: version {diff.from} and version {diff.to} hold the same workflow.</p> : null}
      {diff.nodes.length ? (
        <ul className="wf-diff-list" aria-label="Nodes">
          {diff.nodes.map((n) => (
            <li key={n.id} className={`wf-diff-${n.change}`}>
              <span className="wf-diff-change">{CHANGE_LABELS[n.change]}</span> node <code>{n.id}</code>
              {n.fields.length ? <span className="muted">: {n.fields.join(', ')}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {diff.edges.length ? (
        <ul className="wf-diff-list" aria-label="Connections">
          {diff.edges.map((e) => (
            <li key={`${e.change}-${e.id}`} className={`wf-diff-${e.change}`}>
              <span className="wf-diff-change">{CHANGE_LABELS[e.change]}</span> connection <code>{e.source}</code> → <code>{e.target}</code>
            </li>
          ))}
        </ul>
      ) : null}
      {diff.meta.length ? (
        <ul className="wf-diff-list" aria-label="Workflow fields">
          {diff.meta.map((m) => (
            <li key={m} className="wf-diff-changed">
              <span className="wf-diff-change">Changed</span> {m}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
