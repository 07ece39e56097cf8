import { useId, useState, type ClipboardEvent, type FormEvent, type KeyboardEvent, type ReactElement } from 'react'
import type { ContentPart } from '../../../../shared/schemas/chat'
import { useChat, selectStreamingId } from '../../stores/chat'
import { useModels } from '../../stores/models'
import { readImage, type ImagePart } from '../../lib/images'
import { AttachButton, AttachmentPreviews } from './Attachments'

const MAX_ATTACHMENTS = 8

/** The message box: text, images (for models that can see), Send, and Stop while streaming. */
export function Composer(): ReactElement {
  const id = useId()
  const [text, setText] = useState('')
  const [images, setImages] = useState<ImagePart[]>([])
  const [notice, setNotice] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const model = useChat((s) => s.model)
  const streamingId = useChat(selectStreamingId)
  const chosen = useModels((s) => s.models.find((m) => m.ref === model) ?? null)
  const canSee = chosen?.capabilities.vision !== false

  const addFiles = async (files: File[]): Promise<void> => {
    const added: ImagePart[] = []
    const problems: string[] = []
    for (const file of files) {
      try {
        added.push(await readImage(file))
      } catch (err) {
        problems.push(err instanceof Error ? err.message : String(err))
      }
    }
    setImages((current) => [...current, ...added].slice(0, MAX_ATTACHMENTS))
    setNotice(problems.length ? problems.join(' ') : null)
  }

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>): void => {
    const files = [...event.clipboardData.files]
    if (files.length === 0) return
    event.preventDefault()
    if (!canSee) {
      setNotice(`${chosen?.name ?? 'This model'} does not accept images; choose a model that does.`)
      return
    }
    void addFiles(files)
  }

  const send = async (): Promise<void> => {
    if (sending || streamingId) return
    const parts: ContentPart[] = [...(canSee ? images : []), ...(text.trim() ? [{ type: 'text' as const, text }] : [])]
    if (parts.length === 0) return
    setSending(true)
    const sent = await useChat.getState().send(parts)
    setSending(false)
    if (sent) {
      setText('')
      setImages([])
      setNotice(null)
    }
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault()
      void send()
    }
  }

  const submit = (event: FormEvent): void => {
    event.preventDefault()
    void send()
  }

  return (
    <form className="composer" onSubmit={submit} aria-label="Write a message">
      <AttachmentPreviews images={canSee ? images : []} onRemove={(i) => setImages(images.filter((_, j) => j !== i))} />
      {notice ? (
        <p className="alert alert-error" role="alert">
          {notice}
        </p>
      ) : null}
      <label htmlFor={id} className="sr-only">
        Message
      </label>
      <textarea
        id={id}
        className="composer-input"
        value={text}
        rows={3}
        placeholder={model ? 'Ask anything. Enter sends, Shift+Enter adds a line.' : 'Choose a model to start.'}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
      />
      <div className="composer-actions">
        {canSee ? <AttachButton onFiles={(files) => void addFiles(files)} /> : <span className="muted small">This model reads text only.</span>}
        <span className="spacer" />
        {streamingId ? (
          <button type="button" className="button" onClick={() => void useChat.getState().stop(streamingId)}>
            Stop
          </button>
        ) : (
          <button type="submit" className="button button-primary" disabled={!model || sending}>
            {sending ? 'Sending…' : 'Send'}
          </button>
        )}
      </div>
    </form>
  )
}
