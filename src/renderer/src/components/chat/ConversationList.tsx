import { useId, useState, type FormEvent, type ReactElement } from 'react'
import type { ConversationSummary } from '../../../../shared/schemas/chat'
import { useConversations } from '../../stores/conversations'
import { useChat } from '../../stores/chat'
import { ConfirmButton } from '../ConfirmButton'
import { ErrorAlert } from '../ErrorAlert'

function RenameForm({ conversation, onDone }: { conversation: ConversationSummary; onDone: () => void }): ReactElement {
  const id = useId()
  const [title, setTitle] = useState(conversation.title)
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    if (await useConversations.getState().rename(conversation.id, title.trim())) {
      const chat = useChat.getState()
      if (chat.conversation?.id === conversation.id) void chat.reload()
      onDone()
    }
  }
  return (
    <form className="rename" onSubmit={(e) => void submit(e)}>
      <label htmlFor={id} className="sr-only">
        New title
      </label>
      <input id={id} value={title} required maxLength={200} autoFocus onChange={(e) => setTitle(e.target.value)} />
      <button type="submit" className="button button-small button-primary">
        Save
      </button>
      <button type="button" className="button button-small" onClick={onDone}>
        Cancel
      </button>
    </form>
  )
}

function Item({ conversation, current }: { conversation: ConversationSummary; current: boolean }): ReactElement {
  const [renaming, setRenaming] = useState(false)
  const remove = async (): Promise<void> => {
    if ((await useConversations.getState().remove(conversation.id)) && current) void useChat.getState().open(null)
  }
  return (
    <li className={current ? 'conversation conversation-current' : 'conversation'}>
      {renaming ? (
        <RenameForm conversation={conversation} onDone={() => setRenaming(false)} />
      ) : (
        <button
          type="button"
          className="conversation-open"
          aria-current={current ? 'true' : undefined}
          onClick={() => void useChat.getState().open(conversation.id)}
        >
          <span className="conversation-title">{conversation.title}</span>
          <span className="conversation-sub">
            {conversation.messageCount} message{conversation.messageCount === 1 ? '' : 's'}
          </span>
        </button>
      )}
      {current && !renaming ? (
        <div className="conversation-actions">
          <button type="button" className="button button-small" onClick={() => setRenaming(true)}>
            Rename
          </button>
          <ConfirmButton
            label="Delete"
            ariaLabel={`Delete “${conversation.title}”`}
            question="Delete this conversation and its messages?"
            onConfirm={remove}
          />
        </div>
      ) : null}
    </li>
  )
}

/** Conversations, newest first: new, search by title, open, rename, delete. */
export function ConversationList(): ReactElement {
  const searchId = useId()
  const { list, query, loaded, error, setQuery } = useConversations()
  const currentId = useChat((s) => s.conversation?.id ?? null)
  return (
    <section className="conversations" aria-label="Conversations">
      <button type="button" className="button button-primary new-chat" onClick={() => void useChat.getState().open(null)}>
        New chat
      </button>
      <label htmlFor={searchId} className="sr-only">
        Search conversations by title
      </label>
      <input
        id={searchId}
        type="search"
        className="search"
        placeholder="Search by title"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <ErrorAlert error={error} />
      {loaded && list.length === 0 ? (
        <p className="muted small conversations-empty">{query.trim() ? 'No title matches.' : 'No conversations yet.'}</p>
      ) : null}
      <ul className="conversation-list">
        {list.map((c) => (
          <Item key={c.id} conversation={c} current={c.id === currentId} />
        ))}
      </ul>
    </section>
  )
}
