import { memo, useState, type ReactElement } from 'react'
import type { Message } from '../../../../shared/schemas/chat'
import { useChat, selectStreamingId } from '../../stores/chat'
import { imageSrc } from '../../lib/images'
import { messageText, statusLabel } from '../../lib/chatFormat'
import { Markdown } from './Markdown'
import { MessageMeta } from './MessageMeta'
import { MessageEditor } from './MessageEditor'
import { MessageRouting } from './MessageRouting'
import { MessageFeedback } from './MessageFeedback'

const TONES: Record<string, string> = {
  streaming: 'badge-info',
  interrupted: 'badge-warn',
  cancelled: 'badge-neutral',
  error: 'badge-bad'
}

function problemText(message: Message): string | null {
  if (message.error) return message.error.message
  if (message.status === 'interrupted') return 'NEXUS closed before this answer finished; what had arrived is kept.'
  if (message.status === 'cancelled') return 'Stopped: what had arrived is kept.'
  return null
}

function Images({ message }: { message: Message }): ReactElement | null {
  const images = message.content.filter((p) => p.type === 'image')
  if (images.length === 0) return null
  return (
    <div className="message-images">
      {images.map((img, i) => (
        <img key={i} src={imageSrc(img)} alt={`Attached image ${i + 1}`} />
      ))}
    </div>
  )
}

/** One message. Subscribes to its own entry only: a streaming answer re-renders alone. */
export const MessageItem = memo(function MessageItem({ id }: { id: string }): ReactElement | null {
  const message = useChat((s) => s.messages[id])
  const busy = useChat((s) => selectStreamingId(s) !== null)
  const [editing, setEditing] = useState(false)
  if (!message) return null
  const text = messageText(message.content)
  const status = statusLabel(message.status)
  const problem = problemText(message)
  const isUser = message.role === 'user'
  const streaming = message.status === 'streaming'

  return (
    <article
      className={`message message-${message.role} message-${message.status}`}
      aria-label={isUser ? 'Your message' : 'Answer'}
      aria-busy={streaming}
    >
      <div className="message-head">
        <span className="message-author">{isUser ? 'You' : 'Assistant'}</span>
        {status ? <span className={`badge ${TONES[message.status] ?? 'badge-neutral'}`}>{status}</span> : null}
      </div>
      <Images message={message} />
      {editing ? (
        <MessageEditor message={message} onDone={() => setEditing(false)} />
      ) : isUser ? (
        <p className="message-text">{text}</p>
      ) : text ? (
        <Markdown text={text} />
      ) : streaming ? (
        <p className="muted typing">Waiting for the first words…</p>
      ) : null}
      {problem && !streaming ? (
        <p className={message.status === 'error' ? 'message-problem text-error' : 'message-problem'} role="note">
          {problem}
        </p>
      ) : null}
      {isUser ? null : <MessageRouting message={message} />}
      {isUser ? null : <MessageMeta message={message} />}
      <div className="message-actions">
        {!isUser && !streaming && message.status !== 'error' ? <MessageFeedback message={message} /> : null}
        {!isUser && !busy ? (
          <button type="button" className="button button-small" onClick={() => void useChat.getState().regenerate(message.id)}>
            Regenerate
          </button>
        ) : null}
        {isUser && !busy && !editing ? (
          <button type="button" className="button button-small" onClick={() => setEditing(true)}>
            Edit
          </button>
        ) : null}
      </div>
    </article>
  )
})
