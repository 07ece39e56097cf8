import type { ReactElement, ReactNode } from 'react'

/** A two-column list of facts. */
export function InfoList({ items }: { items: [label: string, value: ReactNode][] }): ReactElement {
  return (
    <dl className="info-list">
      {items.map(([label, value]) => (
        <div key={label} className="info-row">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  )
}
