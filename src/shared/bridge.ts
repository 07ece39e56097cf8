import type { Result } from './contract'

/**
 * What the preload exposes as `window.nexus` inside Electron. Untyped at this level on
 * purpose: the renderer's typed client wraps it, and main validates everything it receives.
 */
export interface NexusBridge {
  request(name: string, input: unknown, requestId: string): Promise<Result<unknown>>
  cancel(requestId: string): void
  subscribe(topic: string, listener: (topic: string, payload: unknown) => void): () => void
}
