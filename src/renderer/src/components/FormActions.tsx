import type { ReactElement } from 'react'

interface FormActionsProps {
  /** The submit button's text, e.g. "Save". */
  label: string
  /** Its text while the action runs, e.g. "Saving…". */
  busyLabel: string
  busy: boolean
  onCancel: () => void
}

/** A form's submit and Cancel buttons; submit is disabled while the action runs. */
export function FormActions({ label, busyLabel, busy, onCancel }: FormActionsProps): ReactElement {
  return (
    <div className="form-actions">
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? busyLabel : label}
      </button>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  )
}
