import type { NodeExecutor } from './types'

/** Calls one tool with templated arguments; the tool checks them against its JSON schema. */
export const tool: NodeExecutor<'TOOL'> = {
  type: 'TOOL',
  async execute({ config, scope, signal, services, log }) {
    const args: Record<string, unknown> = {}
    for (const [name, template] of Object.entries(config.arguments)) args[name] = await services.resolve(template, scope)
    log('info', `Calling ${config.tool}.`)
    return { output: await services.callTool(config.tool, args, signal) }
  }
}
