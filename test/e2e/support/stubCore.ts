import type { Page, WebSocketRoute } from '@playwright/test'

/** A canned answer: a value, or a function of the request's input (throw to answer with an error). */
export type Stub = unknown | ((input: unknown) => unknown)

export interface StubbedCore {
  /** Requests answered here instead of by the host; every other frame goes to the real host. */
  stubs: Map<string, Stub>
  /** Inputs of the stubbed requests, by name, in order. */
  calls: Map<string, unknown[]>
  /** Pushes an event to the page as if the core had published it. */
  emit(topic: string, payload: unknown): void
}

/**
 * Puts the page's WebSocket to the host behind a proxy that answers some requests itself. Lets a
 * test show the UI a state the real core reaches only slowly (a week of metrics, a fallback).
 */
export async function stubCore(page: Page, stubs: Record<string, Stub>): Promise<StubbedCore> {
  const sockets = new Set<WebSocketRoute>()
  const core: StubbedCore = {
    stubs: new Map(Object.entries(stubs)),
    calls: new Map(),
    emit(topic, payload) {
      for (const ws of sockets) ws.send(JSON.stringify({ t: 'evt', topic, payload }))
    }
  }
  await page.routeWebSocket(/\/ws(\?|$)/, (ws) => {
    sockets.add(ws)
    ws.onClose(() => sockets.delete(ws))
    const server = ws.connectToServer()
    server.onMessage((message) => ws.send(message))
    ws.onMessage((message) => {
      const frame = JSON.parse(String(message)) as { t: string; id?: string; name?: string; input?: unknown }
      if (frame.t !== 'req' || !frame.name || !core.stubs.has(frame.name)) {
        server.send(message)
        return
      }
      const list = core.calls.get(frame.name) ?? []
      list.push(frame.input)
      core.calls.set(frame.name, list)
      const stub = core.stubs.get(frame.name)
      try {
        const value = typeof stub === 'function' ? (stub as (input: unknown) => unknown)(frame.input) : stub
        ws.send(JSON.stringify({ t: 'res', id: frame.id, ok: true, value }))
      } catch (err) {
        const messageText = err instanceof Error ? err.message : String(err)
        ws.send(JSON.stringify({ t: 'res', id: frame.id, ok: false, error: { code: 'BAD_REQUEST', message: messageText } }))
      }
    })
  })
  return core
}
