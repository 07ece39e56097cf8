import type { SerializedError } from '../../../shared/errors'

/** Why "auto" gave up: the fallback deadline of Settings > Routing passed (chat and workflows say it alike). */
export function fallbackDeadlineError(seconds: number, tried: number): SerializedError {
  return { code: 'TIMEOUT', message: `No model answered within ${seconds} s (the limit in Settings > Routing); ${tried} tried.` }
}
