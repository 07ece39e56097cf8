import { useState, type ReactElement } from 'react'
import type { Message } from '../../../../shared/schemas/chat'
import { useChat } from '../../stores/chat'
import { client, errorMessage } from '../../stores/session'
import { Icon } from '../Icon'

type Rating = -1 | 0 | 1

/** Thumbs up / down on an answer; pressing the pressed one again clears it. */
export function MessageFeedback({ message }: { message: Message }): ReactElement {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const rating = message.rating ?? 0

  const rate = async (wanted: Rating): Promise<void> => {
    const next: Rating = rating === wanted ? 0 : wanted
    setBusy(true)
    setError(null)
    try {
      const saved = await client().call('chat.feedback', { messageId: message.id, rating: next })
      const current = useChat.getState().messages[message.id]
      if (current) useChat.setState({ messages: { ...useChat.getState().messages, [message.id]: { ...current, rating: saved.rating } } })
    } catch (err) {
      setError(`Could not save your feedback: ${errorMessage(err)}`)
    } finally {
      setBusy(false)
    }
  }

  return (
    <span className="feedback" role="group" aria-label="Rate this answer">
      <button
        type="button"
        className="button button-small icon-toggle"
        aria-pressed={rating === 1}
        aria-label="Good answer"
        title="Good answer"
        disabled={busy}
        onClick={() => void rate(1)}
      >
        <Icon name="thumbUp" size={15} />
      </button>
      <button
        type="button"
        className="button button-small icon-toggle"
        aria-pressed={rating === -1}
        aria-label="Bad answer"
        title="Bad answer"
        disabled={busy}
        onClick={() => void rate(-1)}
      >
        <Icon name="thumbDown" size={15} />
      </button>
      {error ? (
        <span className="text-error small" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  )
}
