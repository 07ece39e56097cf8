import { NexusError } from '../../../../shared/errors'
import type { NodeExecutor } from './types'

/** Waits, then passes what flowed in along unchanged; a cancel ends the wait at once. */
export const delay: NodeExecutor<'DELAY'> = {
  type: 'DELAY',
  execute: (ctx) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        ctx.signal.removeEventListener('abort', stop)
        resolve({ output: ctx.input })
      }, ctx.config.ms)
      const stop = (): void => {
        clearTimeout(timer)
        reject(new NexusError('CANCELLED', `${ctx.node.id}: the wait was cancelled.`))
      }
      if (ctx.signal.aborted) stop()
      else ctx.signal.addEventListener('abort', stop, { once: true })
    })
}
