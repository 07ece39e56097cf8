import type { NodeExecutor } from './types'

/** Evaluates a JSONata expression; a truthy value follows the 'true' edges, anything else 'false'. */
export const condition: NodeExecutor<'CONDITION'> = {
  type: 'CONDITION',
  async execute({ config, scope, signal, services, log }) {
    const value = await services.evaluate(config.expression, scope, signal)
    const branch = value !== undefined && value !== null && value !== false && value !== 0 && value !== '' ? 'true' : 'false'
    log('info', `The condition is ${branch}.`)
    return { output: { value: value ?? null }, branch }
  }
}
