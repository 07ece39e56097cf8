import type { ReactElement } from 'react'

/** A value as readable text: strings as they are, anything else as indented JSON. Scrolls, so it takes the focus. */
export function JsonView({ label, value }: { label: string; value: unknown }): ReactElement {
  const text = typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value, null, 2)
  return (
    <pre className="wf-json" tabIndex={0} role="group" aria-label={label}>
      {text === '' ? <span className="muted">(empty)</span> : text}
    </pre>
  )
}
