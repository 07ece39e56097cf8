import { useId, useState, type ReactElement } from 'react'
import { useWorkflows } from '../../stores/workflows'

/** Reads a chosen JSON file and imports it as a new workflow; the store shows why one is refused. */
export function ImportButton(): ReactElement {
  const id = useId()
  const [busy, setBusy] = useState(false)
  return (
    <>
      <input
        id={id}
        type="file"
        accept=".json,application/json"
        className="visually-hidden-input"
        disabled={busy}
        onChange={async (e) => {
          const input = e.target
          const file = input.files?.[0]
          input.value = ''
          if (!file) return
          setBusy(true)
          await useWorkflows.getState().importText(await file.text())
          setBusy(false)
        }}
      />
      <label htmlFor={id} className={busy ? 'button button-disabled' : 'button'}>
        {busy ? 'Importing…' : 'Import a file'}
      </label>
    </>
  )
}
