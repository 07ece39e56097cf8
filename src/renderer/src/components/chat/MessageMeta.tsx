import type { ReactElement } from 'react'
import type { Message } from '../../../../shared/schemas/chat'
import { formatCost, modelName } from '../../lib/chatFormat'
import { formatMs } from '../../lib/format'

/** Model, tokens, cost and latency of one answer: whatever the core recorded. */
export function MessageMeta({ message }: { message: Message }): ReactElement | null {
  const items: [string, string][] = []
  if (message.model) items.push(['Model', modelName(message.model)])
  if (message.inputTokens !== null || message.outputTokens !== null) {
    items.push(['Tokens', `${message.inputTokens ?? '?'} in · ${message.outputTokens ?? '?'} out`])
  }
  if (message.costUsd !== null) items.push(['Cost', formatCost(message.costUsd)])
  if (message.ttftMs !== null) items.push(['First token', formatMs(message.ttftMs)])
  if (message.totalMs !== null) items.push(['Total', formatMs(message.totalMs)])
  if (items.length === 0) return null
  return (
    <dl className="message-meta" aria-label="Answer details">
      {items.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  )
}
