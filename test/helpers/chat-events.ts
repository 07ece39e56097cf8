/**
 * Reading a provider adapter's chat stream the way the app does, with the checks every suite
 * makes: exactly one final event, last; no hang; a port nothing listens on.
 */
import net from 'node:net'
import { expect } from 'vitest'
import type { ChatEvent } from '../../src/main/core/providers/types'

/** Every event of `stream`, checking the contract: exactly one final `finish` or `error`, and it is last. */
export async function collect(stream: AsyncIterable<ChatEvent> | Iterable<ChatEvent>, onEvent?: (event: ChatEvent) => void): Promise<ChatEvent[]> {
  const events: ChatEvent[] = []
  for await (const event of stream) {
    events.push(event)
    onEvent?.(event)
  }
  expect(events.filter((e) => e.type === 'finish' || e.type === 'error')).toHaveLength(1)
  expect(['finish', 'error']).toContain(events.at(-1)?.type)
  return events
}

/** The streamed text, joined. */
export const textOf = (events: ChatEvent[]): string => events.map((e) => (e.type === 'text' ? e.delta : '')).join('')

/** Resolves with the value, or rejects if it takes longer than `ms` (a hang is a failure). */
export function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms)
  })
  return Promise.race([promise, late]).finally(() => clearTimeout(timer))
}

/** Every event of `stream`, read by a consumer that spends `busyMs` on the first one (`onBusy` runs as it starts). */
export async function collectSlowly(stream: AsyncIterable<ChatEvent>, busyMs: number, onBusy?: () => void): Promise<ChatEvent[]> {
  const events: ChatEvent[] = []
  for await (const event of stream) {
    events.push(event)
    if (events.length > 1) continue
    onBusy?.()
    await new Promise((resolve) => setTimeout(resolve, busyMs))
  }
  return collect(events)
}

/**
 * Stop pressed while the consumer is busy: the consumer sleeps `busyMs` on the first event and
 * the signal aborts `abortAfterMs` into that sleep, when the whole (short) body has arrived but
 * was not read yet. Node 20's fetch never settles a read aborted in that state, so an adapter
 * that waits on it hangs; this rejects after `limitMs` instead.
 */
export function stopWhileBusy(
  start: (signal: AbortSignal) => AsyncIterable<ChatEvent>,
  { busyMs = 200, abortAfterMs = 100, limitMs = 2000 } = {}
): Promise<ChatEvent[]> {
  const controller = new AbortController()
  const stop = (): void => void setTimeout(() => controller.abort(), abortAfterMs)
  return within(collectSlowly(start(controller.signal), busyMs, stop), limitMs)
}

/** A port on 127.0.0.1 that nothing listens on. */
export async function closedPort(): Promise<number> {
  const probe = net.createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const port = (probe.address() as net.AddressInfo).port
  await new Promise((resolve) => probe.close(resolve))
  return port
}
