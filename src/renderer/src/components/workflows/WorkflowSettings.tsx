import { useId, useMemo, type ReactElement } from 'react'
import type { WorkflowMeta } from '../../lib/workflowGraph'
import { metaMessages } from '../../lib/workflowMessages'
import { useGraph } from '../../stores/workflowGraph'
import { useWorkflows } from '../../stores/workflows'
import { FieldFrame, FormMessages, fieldAria } from './FieldFrame'
import { NumberInput } from './NumberInput'
import { TriggerFields } from './TriggerFields'
import { ArmedTriggers } from './ArmedTriggers'

const DEFAULT_CONCURRENCY = 4
const DESCRIPTION_HINT = 'What the workflow is for; shown in the list of workflows.'
const CONCURRENCY_HINT = `Nodes running at once, 1 to 64. Empty: ${DEFAULT_CONCURRENCY}.`

/**
 * The open workflow's own settings: description, concurrency and triggers. Edits join the
 * graph's undo history and count as unsaved changes, as node edits do.
 */
export function WorkflowSettings(): ReactElement {
  const id = useId()
  const meta = useGraph((s) => s.meta)
  const issues = useWorkflows((s) => s.issues)
  const messages = useMemo(() => metaMessages(meta, issues), [meta, issues])
  const update = (patch: Partial<WorkflowMeta>, key: string): void => useGraph.getState().updateMeta(patch, `workflow:${key}`)
  const general = messages['']
  const descriptionId = `${id}-description`
  const concurrencyId = `${id}-concurrency`
  return (
    <div className="wf-form wf-settings">
      <FormMessages id={`${id}-general`} messages={general} />
      <FieldFrame id={descriptionId} label="Description" hint={DESCRIPTION_HINT} messages={messages.description}>
        <textarea
          id={descriptionId}
          rows={3}
          value={meta.description}
          {...fieldAria(descriptionId, DESCRIPTION_HINT, messages.description)}
          onChange={(e) => update({ description: e.target.value }, 'description')}
        />
      </FieldFrame>
      <FieldFrame id={concurrencyId} label="Concurrency" hint={CONCURRENCY_HINT} messages={messages['settings.concurrency']}>
        <NumberInput
          id={concurrencyId}
          // Emptied, the field stays empty while typing; the file then takes the default.
          value={meta.settings ? meta.settings.concurrency : DEFAULT_CONCURRENCY}
          min={1}
          max={64}
          step={1}
          aria={fieldAria(concurrencyId, CONCURRENCY_HINT, messages['settings.concurrency'])}
          onChange={(concurrency) => update({ settings: { ...meta.settings, concurrency } }, 'settings.concurrency')}
        />
      </FieldFrame>
      <TriggerFields triggers={meta.triggers} messages={messages} onChange={(triggers, key) => update({ triggers }, key)} />
      <ArmedTriggers />
    </div>
  )
}
