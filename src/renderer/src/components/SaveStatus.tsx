import type { ReactElement } from 'react'

/** Under a settings form: saving or saved, and the core's message when saving failed. */
export function SaveStatus({ saving, error }: { saving: boolean; error: string | null | undefined }): ReactElement {
  return (
    <>
      <p className="muted small" role="status">
        {saving ? 'Saving…' : 'Changes are saved at once.'}
      </p>
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  )
}
