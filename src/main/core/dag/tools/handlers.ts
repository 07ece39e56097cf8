/** Requests of Settings > Workflows: tools (list, save, delete, test) and secrets (names only out). */
import type { Handlers } from '../../api/dispatch'
import type { WorkflowSecrets } from '../secrets'
import type { RunWorkflow } from './builtin'
import type { ToolRunner } from './runner'

export interface ToolHandlerDeps {
  tools: ToolRunner
  secrets: WorkflowSecrets
  /** For the built-in run_workflow tool when it is tested. */
  runWorkflow: RunWorkflow
}

export function toolHandlers({ tools, secrets, runWorkflow }: ToolHandlerDeps): Pick<Handlers, 'tools.list' | 'tools.save' | 'tools.delete' | 'tools.test'> {
  return {
    'tools.list': () => tools.list(),
    'tools.save': (definition) => tools.store.save(definition),
    'tools.delete': ({ name }) => ({ deleted: tools.store.delete(name) }),
    'tools.test': async ({ name, arguments: args }, { signal }) => {
      const values = await secrets.resolve(tools.secretNames(name))
      const started = performance.now()
      const result = await tools.call(name, args, { signal, secrets: values, runWorkflow })
      return { result, durationMs: Math.round(performance.now() - started) }
    }
  }
}

export function secretHandlers(secrets: WorkflowSecrets): Pick<Handlers, 'secrets.list' | 'secrets.set' | 'secrets.delete'> {
  return {
    'secrets.list': () => secrets.list(),
    'secrets.set': ({ name, value }) => secrets.set(name, value),
    'secrets.delete': async ({ name }) => ({ deleted: await secrets.delete(name) })
  }
}
