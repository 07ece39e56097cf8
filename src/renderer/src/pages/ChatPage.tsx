import { useState, type ReactElement } from 'react'
import { Page } from '../components/Page'
import { ErrorAlert } from '../components/ErrorAlert'
import { ConversationList } from '../components/chat/ConversationList'
import { MessageList } from '../components/chat/MessageList'
import { Composer } from '../components/chat/Composer'
import { ModelPicker } from '../components/chat/ModelPicker'
import { SystemPrompt } from '../components/chat/SystemPrompt'
import { NoModels } from '../components/chat/NoModels'
import { useChat } from '../stores/chat'
import { useModels } from '../stores/models'

function Conversation(): ReactElement {
  const title = useChat((s) => s.conversation?.title ?? 'New chat')
  const hasPrompt = useChat((s) => Boolean(s.conversation ? s.conversation.systemPrompt : s.draftSystemPrompt))
  const error = useChat((s) => s.error)
  const loading = useChat((s) => s.loading)
  const noModels = useModels((s) => s.loaded && s.models.length === 0)
  const [promptOpen, setPromptOpen] = useState(false)

  const empty = noModels ? (
    <NoModels />
  ) : (
    <p className="chat-empty muted">{loading ? 'Loading…' : 'Ask anything: the answer streams in here.'}</p>
  )
  return (
    <section className="conversation-view" aria-label={title}>
      <header className="conversation-head">
        <h2 className="conversation-heading">{title}</h2>
        <ModelPicker />
        <button type="button" className="button button-small" aria-expanded={promptOpen} onClick={() => setPromptOpen(!promptOpen)}>
          System prompt{hasPrompt ? ' (set)' : ''}
        </button>
      </header>
      {promptOpen ? <SystemPrompt onClose={() => setPromptOpen(false)} /> : null}
      <ErrorAlert error={error} onDismiss={() => useChat.getState().clearError()} />
      <MessageList empty={empty} />
      <Composer />
    </section>
  )
}

export function ChatPage(): ReactElement {
  return (
    <Page wide title="Chat" description="Talk to any model of your providers; answers stream in and every conversation is kept.">
      <div className="chat">
        <ConversationList />
        <Conversation />
      </div>
    </Page>
  )
}
