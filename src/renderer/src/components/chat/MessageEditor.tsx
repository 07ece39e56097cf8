import { useId, useState, type ReactElement } from 'react'
import type { ContentPart, Message } from '../../../../shared/schemas/chat'
import { messageText } from '../../lib/chatFormat'
import { useChat } from '../../stores/chat'

/** Edit a sent message: what followed it is dropped and the new text is answered again. */
export function MessageEditor({ message, onDone }: { message: Message; onDone: () => void }): ReactElement {
  const id = useId()
  const [text, setText] = useState(messageText(message.content))
  const [busy, setBusy] = useState(false)
  const images = message.content.filter((p) => p.type === 'image')
  const save = async (): Promise<void> => {
    const content: ContentPart[] = [...images, ...(text.trim() ? [{ type: 'text' as const, text }] : [])]
    if (content.length === 0) return
    setBusy(true)
    const done = await useChat.getState().edit(message.id, content)
    setBusy(false)
    if (done) onDone()
  }
  return (
    <div className="message-editor">
      <label htmlFor={id} className="sr-only">
        Edit your message
      </label>
      <textarea
        id={id}
        value={text}
        rows={Math.min(12, Math.max(3, text.split('\n').length))}
        onChange={(e) => setText(e.target.value)}
        autoFocus
      />
      <p className="field-hint">Resending drops the answers that followed this message.</p>
      <div className="form-actions">
        <button type="button" className="button button-small button-primary" disabled={busy} onClick={() => void save()}>
          Save and resend
        </button>
        <button type="button" className="button button-small" onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  )
}
