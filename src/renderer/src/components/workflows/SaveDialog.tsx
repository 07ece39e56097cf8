import { useId, useState, type FormEvent, type ReactElement } from 'react'
import { useWorkflows } from '../../stores/workflows'
import { FormActions } from '../FormActions'
import { Modal } from './Modal'

/** Save with an optional note, kept with the version it makes. */
export function SaveDialog({ onClose }: { onClose: () => void }): ReactElement {
  const id = useId()
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setBusy(true)
    const saved = await useWorkflows.getState().save(note)
    setBusy(false)
    if (saved) onClose()
  }
  return (
    <Modal title="Save a version" onClose={onClose}>
      <form className="form" aria-label="Save a version" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor={id}>Note (optional)</label>
          <input id={id} value={note} maxLength={500} autoFocus placeholder="What changed" onChange={(e) => setNote(e.target.value)} />
          <p className="field-hint">Every save keeps a version you can compare with and restore later.</p>
        </div>
        <FormActions label="Save" busyLabel="Saving…" busy={busy} onCancel={onClose} />
      </form>
    </Modal>
  )
}
