import { NexusError } from '../../../../shared/errors'
import type { ContentPart, ImageMediaType } from '../../providers/types'
import type { NodeExecutor, NodeServices, Scope } from './types'

const DATA_URL = /^data:(image\/(?:png|jpeg|gif|webp));base64,([A-Za-z0-9+/=\s]+)$/

/** The user turn of an LLM or AGENT node: the rendered prompt, then any images. */
export async function userContent(nodeId: string, prompt: string, images: string[] | undefined, scope: Scope, services: NodeServices): Promise<ContentPart[]> {
  const parts: ContentPart[] = [{ type: 'text', text: await services.render(prompt, scope) }]
  for (const [i, template] of (images ?? []).entries()) {
    const url = String(await services.resolve(template, scope)).trim()
    const match = DATA_URL.exec(url)
    if (!match) throw new NexusError('BAD_REQUEST', `${nodeId}: image ${i + 1} is not a PNG, JPEG, GIF or WebP data URL (data:image/png;base64,...).`)
    parts.push({ type: 'image', mediaType: match[1] as ImageMediaType, data: match[2]!.replace(/\s+/g, '') })
  }
  return parts
}

/** The first JSON object or array in a model's answer (models like to wrap JSON in prose or fences). */
function extractJson(nodeId: string, text: string): unknown {
  const start = text.search(/[[{]/)
  if (start >= 0) {
    // Try the longest candidate first: from the first bracket to each closing bracket, right to left.
    for (let end = text.length - 1; end > start; end--) {
      if (text[end] !== '}' && text[end] !== ']') continue
      try {
        return JSON.parse(text.slice(start, end + 1))
      } catch {
        // a shorter candidate may parse
      }
    }
  }
  throw new NexusError('BAD_REQUEST', `${nodeId}: the answer holds no JSON, but the node expects JSON: ${text.slice(0, 200)}`)
}

/** One prompt to a model ("auto" routes it); the output is the answer's text, or its JSON. */
export const llm: NodeExecutor<'LLM'> = {
  type: 'LLM',
  async execute({ node, config, scope, signal, services, log }) {
    const content = await userContent(node.id, config.prompt, config.images, scope, services)
    const system = config.system ? await services.render(config.system, scope) : undefined
    const result = await services.llm({ model: config.model, system, messages: [{ role: 'user', content }], temperature: config.temperature, maxTokens: config.maxTokens }, signal, (m) => log('warn', m))
    log('info', `Answered by ${result.model}${result.usage ? ` (${result.usage.inputTokens} tokens in, ${result.usage.outputTokens} out)` : ''}.`)
    return { output: config.json ? extractJson(node.id, result.text) : result.text }
  }
}
