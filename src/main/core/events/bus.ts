import { topicMatches } from '../../../shared/contract'

export type Handler<P> = (payload: P, topic: string) => void

/**
 * A typed in-process publish/subscribe bus. Subscribers use an exact topic, a `prefix.*`
 * pattern or `*`. A failing handler never stops delivery to the others; its error goes to
 * `onHandlerError`.
 */
export class EventBus<M extends object> {
  private readonly subscriptions = new Set<{ pattern: string; handler: Handler<never> }>()

  constructor(private readonly onHandlerError: (err: unknown, topic: string) => void = () => {}) {}

  publish<T extends keyof M & string>(topic: T, payload: M[T]): void {
    for (const sub of [...this.subscriptions]) {
      if (!topicMatches(sub.pattern, topic)) continue
      try {
        ;(sub.handler as Handler<M[T]>)(payload, topic)
      } catch (err) {
        this.onHandlerError(err, topic)
      }
    }
  }

  subscribe<T extends keyof M & string>(topic: T, handler: Handler<M[T]>): () => void
  subscribe(pattern: string, handler: Handler<M[keyof M]>): () => void
  subscribe(pattern: string, handler: Handler<never>): () => void {
    const sub = { pattern, handler }
    this.subscriptions.add(sub)
    return () => this.subscriptions.delete(sub)
  }

  get subscriberCount(): number {
    return this.subscriptions.size
  }
}
