import type { NodeExecutor } from './types'

/** Runs a saved workflow as a child run (kept in history) and returns its output. */
export const subworkflow: NodeExecutor<'SUBWORKFLOW'> = {
  type: 'SUBWORKFLOW',
  async execute({ config, scope, signal, services }) {
    const inputs: Record<string, unknown> = {}
    for (const [name, template] of Object.entries(config.inputs)) inputs[name] = await services.resolve(template, scope)
    return { output: await services.runWorkflow(config.workflowId, inputs, signal) }
  }
}
