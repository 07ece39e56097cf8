import { useId, useState, type ReactElement } from 'react'
import { useChat } from '../../stores/chat'

/** The system prompt of the open conversation (or of the one about to be created). */
export function SystemPrompt({ onClose }: { onClose: () => void }): ReactElement {
  const id = useId()
  const saved = useChat((s) => (s.conversation ? s.conversation.systemPrompt : s.draftSystemPrompt))
  const [text, setText] = useState(saved)
  const [busy, setBusy] = useState(false)
  const save = async (): Promise<void> => {
    setBusy(true)
    const done = await useChat.getState().setSystemPrompt(text)
    setBusy(false)
    if (done) onClose()
  }
  return (
    <div className="system-prompt">
      <label htmlFor={id} className="field-label">
        System prompt
      </label>
      <textarea
        id={id}
        value={text}
        rows={4}
        placeholder="Instructions the model follows for the whole conversation, e.g. “Answer in French.”"
        onChange={(e) => setText(e.target.value)}
      />
      <div className="form-actions">
        <button type="button" className="button button-small button-primary" disabled={busy || text === saved} onClick={() => void save()}>
          Save system prompt
        </button>
        <button type="button" className="button button-small" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  )
}
