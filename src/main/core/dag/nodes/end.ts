import type { NodeExecutor } from './types'

/** Where a run ends: its output (a template, or what flowed in) is the run's output. */
export const end: NodeExecutor<'END'> = {
  type: 'END',
  async execute(ctx) {
    if (ctx.config.output !== undefined) return { output: await ctx.services.resolve(ctx.config.output, ctx.scope) }
    // Without a template: the one upstream output as it is, or all of them by node id.
    const input = ctx.input as Record<string, unknown>
    const keys = Object.keys(input)
    return { output: keys.length === 1 ? input[keys[0]!] : input }
  }
}
