import type { Handlers } from '../api/dispatch'
import type { Events } from './index'

type EventHandlers = Pick<Handlers, 'events.log' | 'events.subscribers' | 'deadLetters.list' | 'deadLetters.retry' | 'deadLetters.purge' | 'sagas.list'>

/** The contract's requests on the event log, durable subscribers, dead letters and sagas. */
export function eventHandlers(events: Events): EventHandlers {
  return {
    'events.log': (input) => ({ events: events.log.read(input), lastOffset: events.log.lastOffset() }),
    'events.subscribers': () => events.durable.list(),
    'deadLetters.list': (input) => events.deadLetters.list(input?.subscriber),
    'deadLetters.retry': (input) => events.deadLetters.retry(input),
    'deadLetters.purge': (input) => events.deadLetters.purge(input),
    'sagas.list': () => events.sagas.list()
  }
}
