import type { Handlers } from '../api/dispatch'
import { parseWorkflowFile } from './file'
import type { Executions } from './executions'
import type { RunStore } from './runs'
import type { TriggerManager } from './triggers'
import type { WorkflowService } from './workflows'

type WorkflowRequests = Pick<
  Handlers,
  | 'workflows.list'
  | 'workflows.get'
  | 'workflows.save'
  | 'workflows.delete'
  | 'workflows.validate'
  | 'workflows.import'
  | 'workflows.export'
  | 'workflows.versions'
  | 'workflows.diff'
  | 'workflows.restore'
  | 'workflows.examples'
  | 'workflows.triggers'
  | 'runs.start'
  | 'runs.startFile'
  | 'runs.list'
  | 'runs.get'
  | 'runs.cancel'
  | 'runs.rerunFrom'
>

/** The contract's workflow and run requests, bound to the workflow service. */
export function workflowHandlers(d: { workflows: WorkflowService; executions: Executions; runs: RunStore; triggers: TriggerManager }): WorkflowRequests {
  const { workflows, executions, runs, triggers } = d
  return {
    'workflows.list': () => workflows.list(),
    'workflows.get': ({ id }) => workflows.get(id),
    'workflows.save': ({ id, file, note }) => workflows.save(id, file, note),
    'workflows.delete': ({ id }) => ({ deleted: workflows.delete(id) }),
    'workflows.validate': ({ file }) => workflows.validate(file),
    'workflows.import': ({ text }) => workflows.importText(text),
    'workflows.export': ({ id }) => workflows.exportFile(id),
    'workflows.versions': ({ id }) => workflows.versions(id),
    'workflows.diff': ({ id, from, to }) => workflows.diff(id, from, to),
    'workflows.restore': ({ id, version }) => workflows.restore(id, version),
    'workflows.examples': () => workflows.examples(),
    'workflows.triggers': () => triggers.status(),
    'runs.start': ({ id, inputs }) => executions.startSaved(id, inputs, 'manual'),
    'runs.startFile': ({ file, inputs, trigger }) => executions.startFile(parseWorkflowFile(file), inputs, trigger),
    'runs.list': (input) => runs.list(input?.workflowId, input?.limit ?? 50),
    'runs.get': ({ runId }) => runs.get(runId),
    'runs.cancel': ({ runId }) => executions.cancel(runId),
    'runs.rerunFrom': ({ runId, nodeId }) => executions.rerunFrom(runId, nodeId)
  }
}
