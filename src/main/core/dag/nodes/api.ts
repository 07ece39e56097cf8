import { NexusError } from '../../../../shared/errors'
import type { NodeExecutor } from './types'

/** An HTTP request with templated method, URL, headers and body; the output is the body, or the mapping's result. */
export const api: NodeExecutor<'API'> = {
  type: 'API',
  async execute({ node, config, scope, signal, services, log }) {
    const headers: Record<string, string> = {}
    for (const [name, template] of Object.entries(config.headers ?? {})) headers[name] = await services.render(template, scope)
    const url = await services.render(config.url, scope)
    const body = config.body !== undefined ? await services.render(config.body, scope) : undefined
    const response = await services.http({ method: config.method, url, headers, body, timeoutMs: config.timeoutMs }, signal)
    log('info', `${config.method} answered ${response.status} ${response.statusText}.`)
    if (response.status >= 400) {
      const detail = typeof response.body === 'string' ? response.body : JSON.stringify(response.body)
      throw new NexusError(response.status >= 500 ? 'UNAVAILABLE' : 'BAD_REQUEST', `${node.id}: the server answered ${response.status} ${response.statusText}: ${detail.slice(0, 300)}`)
    }
    if (!config.mapping) return { output: response.body }
    return { output: await services.evaluate(config.mapping, { status: response.status, headers: response.headers, body: response.body }, signal) }
  }
}
