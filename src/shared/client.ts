import {
  type EventPayload,
  type EventTopic,
  type RequestInput,
  type RequestName,
  type RequestOutput,
  type Result
} from './contract'
import { NexusError } from './errors'

/** How a client reaches the core: Electron IPC through the preload, or the host's WebSocket. */
export interface Transport {
  request(name: RequestName, input: unknown, requestId: string): Promise<Result<unknown>>
  cancel(requestId: string): void
  subscribe(topic: string, listener: (topic: string, payload: unknown) => void): () => void
}

export interface CallOptions {
  signal?: AbortSignal
}

let nextId = 0
function requestId(): string {
  nextId += 1
  return `${Date.now().toString(36)}-${nextId}`
}

/** The typed client: one method to call any request, one to subscribe to any topic. */
export class NexusClient {
  constructor(private readonly transport: Transport) {}

  async call<N extends RequestName>(
    name: N,
    ...[input, options]: undefined extends RequestInput<N>
      ? [input?: RequestInput<N>, options?: CallOptions]
      : [input: RequestInput<N>, options?: CallOptions]
  ): Promise<RequestOutput<N>> {
    const id = requestId()
    const signal = options?.signal
    if (signal?.aborted) throw new NexusError('CANCELLED', `"${name}" was cancelled.`)
    const onAbort = (): void => this.transport.cancel(id)
    signal?.addEventListener('abort', onAbort, { once: true })
    try {
      const result = await this.transport.request(name, input ?? {}, id)
      if (!result.ok) throw NexusError.from(result.error)
      return result.value as RequestOutput<N>
    } finally {
      signal?.removeEventListener('abort', onAbort)
    }
  }

  on<T extends EventTopic>(topic: T, listener: (payload: EventPayload<T>) => void): () => void {
    return this.transport.subscribe(topic, (_topic, payload) => listener(payload as EventPayload<T>))
  }
}
