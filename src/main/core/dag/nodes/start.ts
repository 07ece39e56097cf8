import type { NodeExecutor } from './types'

/** Where a run begins: its output is the run's inputs, already checked and coerced. */
export const start: NodeExecutor<'START'> = {
  type: 'START',
  execute: async (ctx) => ({ output: ctx.scope.input ?? {} })
}
