/**
 * Streaming chat through the resilience stack, with the same contract as
 * ProviderAdapter.streamChat: events as they come, ending in exactly one `finish` or `error`,
 * never throwing. An attempt is retried only while nothing was streamed to the user yet: the
 * first text or tool call marks the output as started.
 */
import { NexusError, toSerializedError } from '../../../shared/errors'
import type { ChatEvent } from '../providers/types'
import type { Priority } from './bulkhead'
import type { ExecuteOptions, Resilience } from './policy'

/** Starts one attempt of the provider call, e.g. `(signal) => adapter.streamChat(request, { signal })`. */
export type StreamStarter = (signal: AbortSignal | undefined) => AsyncIterable<ChatEvent>

export async function* resilientStream(
  resilience: Resilience,
  key: string,
  priority: Priority,
  start: StreamStarter,
  options: ExecuteOptions = {}
): AsyncGenerator<ChatEvent, void, undefined> {
  const controller = new AbortController()
  const outer = options.signal
  const onOuterAbort = (): void => controller.abort(outer?.reason)
  if (outer?.aborted) controller.abort(outer.reason)
  else outer?.addEventListener('abort', onOuterAbort, { once: true })

  const buffer: ChatEvent[] = []
  let wake: (() => void) | undefined
  let done = false
  const push = (event: ChatEvent): void => {
    buffer.push(event)
    wake?.()
  }

  const run = resilience.execute(
    key,
    priority,
    async (ctx) => {
      for await (const event of start(ctx.signal)) {
        if (ctx.signal?.aborted) return
        if (event.type === 'error') throw event.error
        if (event.type === 'text' || event.type === 'tool_call') ctx.markOutputStarted()
        push(event)
        if (event.type === 'finish') return
      }
      throw new NexusError('NETWORK', 'The provider closed the stream without finishing the answer.')
    },
    { ...options, signal: controller.signal, streaming: true }
  )
  run.then(
    () => {
      done = true
      wake?.()
    },
    (err: unknown) => {
      push({ type: 'error', error: err instanceof NexusError ? err : NexusError.from(toSerializedError(err)) })
      done = true
      wake?.()
    }
  )

  try {
    for (;;) {
      while (buffer.length > 0) yield buffer.shift()!
      if (done) return
      await new Promise<void>((resolve) => (wake = resolve))
      wake = undefined
    }
  } finally {
    outer?.removeEventListener('abort', onOuterAbort)
    if (!done) controller.abort()
  }
}
