import type { ReactElement } from 'react'

/** A failure, in the core's words. Renders nothing when there is none. */
export function ErrorAlert({ error, onDismiss }: { error: string | null; onDismiss?: () => void }): ReactElement | null {
  if (!error) return null
  return (
    <div className="alert alert-error alert-row" role="alert">
      <span>{error}</span>
      {onDismiss ? (
        <button type="button" className="button button-small" onClick={onDismiss}>
          Dismiss
        </button>
      ) : null}
    </div>
  )
}
