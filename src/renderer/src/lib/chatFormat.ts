import type { ContentPart, Message } from '../../../shared/schemas/chat'

export function messageText(content: ContentPart[]): string {
  return content
    .filter((part): part is Extract<ContentPart, { type: 'text' }> => part.type === 'text')
    .map((part) => part.text)
    .join('')
}

export function formatCost(usd: number): string {
  if (usd === 0) return '$0'
  if (usd < 0.0001) return '< $0.0001'
  return `$${usd < 1 ? usd.toFixed(4) : usd.toFixed(2)}`
}

/** The label of a message's final state, or null while it is fine. */
export function statusLabel(status: Message['status']): string | null {
  switch (status) {
    case 'streaming':
      return 'Streaming'
    case 'interrupted':
      return 'Interrupted'
    case 'cancelled':
      return 'Stopped'
    case 'error':
      return 'Error'
    default:
      return null
  }
}

/** The model part of "providerId/model". */
export function modelName(ref: string): string {
  const slash = ref.indexOf('/')
  return slash === -1 ? ref : ref.slice(slash + 1)
}
