import { NexusError } from '../../../../shared/errors'
import type { NodeExecutor } from './types'

/** Maps its body over a list, a few items at a time; the outputs keep the list's order. */
export const loop: NodeExecutor<'LOOP'> = {
  type: 'LOOP',
  async execute({ node, config, scope, signal, services, log }) {
    const items = await services.evaluate(config.items, scope, signal)
    if (!Array.isArray(items)) {
      throw new NexusError('BAD_REQUEST', `${node.id}: "${config.items}" gave ${items === undefined ? 'nothing' : typeof items}, not a list to loop over.`)
    }
    log('info', `Looping over ${items.length} item${items.length === 1 ? '' : 's'}, ${config.concurrency} at a time.`)
    const outputs: unknown[] = new Array(items.length)
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < items.length && !signal.aborted) {
        const index = next++
        outputs[index] = await services.runBody(config.body, { ...scope, item: items[index], index }, signal)
      }
    }
    await Promise.all(Array.from({ length: Math.min(config.concurrency, items.length) }, worker))
    if (signal.aborted) throw new NexusError('CANCELLED', `${node.id}: the loop was cancelled.`)
    return { output: outputs }
  }
}
