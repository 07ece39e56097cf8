import type { Transport } from '../../../shared/client'
import type { NexusBridge } from '../../../shared/bridge'
import type { ErrorCode } from '../../../shared/errors'
import { isNexusError } from '../../../shared/errors'

/** Codes that mean "the core cannot be used right now", as opposed to one failed request. */
export const CONNECTION_ERROR_CODES: readonly ErrorCode[] = ['UNAVAILABLE', 'UNAUTHORIZED']

/** The preload's bridge already has the Transport's shape; this keeps the two decoupled. */
export function bridgeTransport(bridge: NexusBridge): Transport {
  return {
    request: (name, input, id) => bridge.request(name, input, id),
    cancel: (id) => bridge.cancel(id),
    subscribe: (topic, listener) => bridge.subscribe(topic, listener)
  }
}

/**
 * Wraps a transport so that every request failing because the core is gone (or refuses us)
 * is reported once, wherever in the UI the request was made.
 *
 * An UNAVAILABLE answer while the link is up comes from the core itself (the keychain is
 * locked, a provider is turned off...): that request failed, the core did not go away.
 */
export function watchTransport(
  inner: Transport,
  onConnectionError: (code: ErrorCode, message: string) => void,
  linkOpen: () => boolean = () => false
): Transport {
  return {
    async request(name, input, id) {
      try {
        const result = await inner.request(name, input, id)
        const coreAnswer = result.ok || (result.error.code === 'UNAVAILABLE' && linkOpen())
        if (!coreAnswer && CONNECTION_ERROR_CODES.includes(result.error.code)) {
          onConnectionError(result.error.code, result.error.message)
        }
        return result
      } catch (err) {
        if (isNexusError(err) && CONNECTION_ERROR_CODES.includes(err.code)) {
          onConnectionError(err.code, err.message)
        }
        throw err
      }
    },
    cancel: (id) => inner.cancel(id),
    subscribe: (topic, listener) => inner.subscribe(topic, listener)
  }
}
