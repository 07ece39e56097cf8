import { NexusError } from '../../../../shared/errors'
import type { ChatMessage } from '../../providers/types'
import { userContent } from './llm'
import type { NodeExecutor } from './types'

/**
 * A model that calls tools in a loop: each answer's tool calls run and their results go back,
 * until the model answers without calling one (its text is the output) or the step limit is hit.
 */
export const agent: NodeExecutor<'AGENT'> = {
  type: 'AGENT',
  async execute({ node, config, scope, signal, services, log }) {
    const tools = services.toolSpecs(config.tools)
    const system = config.system ? await services.render(config.system, scope) : undefined
    const messages: ChatMessage[] = [{ role: 'user', content: await userContent(node.id, config.prompt, undefined, scope, services) }]
    for (let step = 1; step <= config.maxSteps; step++) {
      const result = await services.llm({ model: config.model, system, messages, tools }, signal, (m) => log('warn', m))
      if (result.toolCalls.length === 0) {
        log('info', `Finished in ${step} step${step === 1 ? '' : 's'} (${result.model}).`)
        return { output: result.text }
      }
      messages.push({ role: 'assistant', content: result.text ? [{ type: 'text', text: result.text }] : [], toolCalls: result.toolCalls })
      for (const call of result.toolCalls) {
        let content: string
        try {
          const args: unknown = call.arguments.trim() ? JSON.parse(call.arguments) : {}
          log('info', `Step ${step}: ${call.name}(${call.arguments.slice(0, 200)})`)
          content = JSON.stringify(await services.callTool(call.name, args, signal) ?? null)
        } catch (err) {
          if (signal.aborted) throw err
          // The model sees the failure and may correct itself, as with any tool error.
          content = JSON.stringify({ error: err instanceof Error ? err.message : String(err) })
          log('warn', `Step ${step}: ${call.name} failed: ${err instanceof Error ? err.message : String(err)}`)
        }
        messages.push({ role: 'tool', toolCallId: call.id, content })
      }
    }
    throw new NexusError('BAD_REQUEST', `${node.id}: the agent was still calling tools after ${config.maxSteps} steps (its limit); raise maxSteps or simplify the task.`)
  }
}
