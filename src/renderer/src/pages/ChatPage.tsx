import type { ReactElement } from 'react'
import { Page } from '../components/Page'
import { ComingSoon } from '../components/ComingSoon'

export function ChatPage(): ReactElement {
  return (
    <Page title="Chat" description="Talk to several language models from one place.">
      <ComingSoon
        icon="chat"
        summary="Chat will send each prompt to the model that fits it best, or to several models at once, and show their answers side by side."
        planned={[
          'Conversations with cloud providers (OpenAI, Anthropic, OpenAI-compatible endpoints) and local Ollama models',
          'Automatic routing of each prompt by intent, cost and latency',
          'Fusion: ask several models and merge their answers',
          'Searchable history stored on this machine'
        ]}
      />
    </Page>
  )
}
