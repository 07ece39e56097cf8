import type { NodeExecutor } from './types'

/**
 * User code over the node's scope: JavaScript in the sandbox (a function body given `input`, the
 * scope: input.input holds the run's inputs, input.<nodeId> each upstream output), or JSONata.
 */
export const transform: NodeExecutor<'TRANSFORM'> = {
  type: 'TRANSFORM',
  async execute({ config, scope, signal, services, log }) {
    if (config.language === 'jsonata') return { output: await services.evaluate(config.code, scope, signal) }
    return { output: await services.runJavaScript(config.code, scope, { timeoutMs: config.timeoutMs, memoryMb: config.memoryMb, log }, signal) }
  }
}
