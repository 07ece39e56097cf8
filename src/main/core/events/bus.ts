import { topicMatches } from '../../../shared/contract'

export type Handler<P> = (payload: P, topic: string) => void
export type Filter<P> = (payload: P, topic: string) => boolean
export type Transform<P, R> = (payload: P, topic: string) => R

/**
 * A subscription's filter (skip payloads it refuses) and transform (what the handler gets).
 * With a transform, annotate the handler's parameter (or the transform's): TypeScript types
 * the handler before it reads the options, and checks the two agree.
 */
export interface SubscribeOptions<P, R = P> {
  filter?: Filter<P>
  transform?: Transform<P, R>
}

interface Subscription {
  readonly pattern: string
  readonly handler: Handler<unknown>
  readonly filter: Filter<unknown> | undefined
  readonly transform: Transform<unknown, unknown> | undefined
  active: boolean
}

/** Dynamic topic names must not grow the route cache without bound. */
const MAX_ROUTES = 1_000

/**
 * A typed in-process publish/subscribe bus. Subscribers use an exact topic, a `prefix.*`
 * pattern or `*`, optionally with a filter and a transform. A failing handler (or filter, or
 * transform) never stops delivery to the others; its error goes to `onHandlerError`.
 */
export class EventBus<M extends object> {
  /** Replaced, never mutated, so a publish can walk it while handlers (un)subscribe. */
  private subscriptions: readonly Subscription[] = []
  /**
   * The subscriptions of each topic published so far, dropped on every (un)subscribe: publish
   * is on hot paths (every streamed token), so it neither matches patterns nor allocates.
   */
  private readonly routes = new Map<string, readonly Subscription[]>()

  constructor(private readonly onHandlerError: (err: unknown, topic: string) => void = () => {}) {}

  publish<T extends keyof M & string>(topic: T, payload: M[T]): void {
    const subs = this.routes.get(topic) ?? this.route(topic)
    for (let i = 0; i < subs.length; i++) {
      const sub = subs[i]!
      if (!sub.active) continue // unsubscribed by an earlier handler of this publish
      try {
        if (sub.filter !== undefined && !sub.filter(payload, topic)) continue
        sub.handler(sub.transform === undefined ? payload : sub.transform(payload, topic), topic)
      } catch (err) {
        this.onHandlerError(err, topic)
      }
    }
  }

  subscribe<T extends keyof M & string>(topic: T, handler: Handler<M[T]>, options?: { filter?: Filter<M[T]>; transform?: undefined }): () => void
  subscribe<T extends keyof M & string, R>(topic: T, handler: Handler<R>, options: { filter?: Filter<M[T]>; transform: Transform<M[T], R> }): () => void
  subscribe(pattern: string, handler: Handler<M[keyof M]>, options?: { filter?: Filter<M[keyof M]>; transform?: undefined }): () => void
  subscribe<R>(pattern: string, handler: Handler<R>, options: { filter?: Filter<M[keyof M]>; transform: Transform<M[keyof M], R> }): () => void
  subscribe(pattern: string, handler: Handler<never>, options?: SubscribeOptions<never, unknown>): () => void {
    const sub: Subscription = {
      pattern,
      handler: handler as Handler<unknown>,
      filter: options?.filter as Filter<unknown> | undefined,
      transform: options?.transform as Transform<unknown, unknown> | undefined,
      active: true
    }
    this.subscriptions = [...this.subscriptions, sub]
    this.routes.clear()
    return () => {
      if (!sub.active) return
      sub.active = false
      this.subscriptions = this.subscriptions.filter((s) => s !== sub)
      this.routes.clear()
    }
  }

  get subscriberCount(): number {
    return this.subscriptions.length
  }

  private route(topic: string): readonly Subscription[] {
    if (this.routes.size >= MAX_ROUTES) this.routes.clear()
    const subs = this.subscriptions.filter((s) => topicMatches(s.pattern, topic))
    this.routes.set(topic, subs)
    return subs
  }
}
