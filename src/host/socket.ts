import type { WebSocket } from 'ws'
import { ClientFrame, type ServerFrame } from '../shared/wire'
import { z } from 'zod'
import type { Core } from '../main/core'

/**
 * One WebSocket client of the host: its requests in flight (cancellable by id) and its topic
 * subscriptions. Nothing a client sends can throw out of here.
 */
export function serveSocket(ws: WebSocket, core: Core): void {
  const inFlight = new Map<string, AbortController>()
  const subscriptions = new Map<string, () => void>()

  const send = (frame: ServerFrame): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame))
  }
  const reject = (message: string): void =>
    send({ t: 'err', error: { code: 'BAD_REQUEST', message } })

  ws.on('message', (data, isBinary) => {
    if (isBinary) return reject('Binary frames are not part of the protocol; send JSON text.')
    let json: unknown
    try {
      json = JSON.parse(data.toString())
    } catch {
      return reject('The frame is not valid JSON.')
    }
    const parsed = ClientFrame.safeParse(json)
    if (!parsed.success) return reject(`Malformed frame: ${z.prettifyError(parsed.error)}`)
    const frame = parsed.data
    switch (frame.t) {
      case 'req': {
        if (inFlight.has(frame.id)) {
          return send({
            t: 'res',
            id: frame.id,
            ok: false,
            error: { code: 'BAD_REQUEST', message: `Request id ${frame.id} is already in flight.` }
          })
        }
        const controller = new AbortController()
        inFlight.set(frame.id, controller)
        void core.dispatch(frame.name, frame.input, controller.signal).then((result) => {
          inFlight.delete(frame.id)
          send(result.ok ? { t: 'res', id: frame.id, ok: true, value: result.value } : { t: 'res', id: frame.id, ok: false, error: result.error })
        })
        return
      }
      case 'cancel':
        return inFlight.get(frame.id)?.abort()
      case 'sub':
        if (!subscriptions.has(frame.topic)) {
          subscriptions.set(
            frame.topic,
            core.bus.subscribe(frame.topic, (payload, topic) => send({ t: 'evt', topic, payload }))
          )
        }
        return
      case 'unsub':
        subscriptions.get(frame.topic)?.()
        subscriptions.delete(frame.topic)
        return
    }
  })

  ws.on('close', () => {
    for (const controller of inFlight.values()) controller.abort()
    for (const unsubscribe of subscriptions.values()) unsubscribe()
    inFlight.clear()
    subscriptions.clear()
  })
  ws.on('error', () => ws.terminate())
}
