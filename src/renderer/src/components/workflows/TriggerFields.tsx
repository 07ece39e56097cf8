import { useId, type ReactElement, type ReactNode } from 'react'
import type { Messages } from '../../lib/nodeMessages'
import type { WorkflowMeta } from '../../lib/workflowGraph'
import { FieldFrame, fieldAria } from './FieldFrame'

type TriggersInput = NonNullable<WorkflowMeta['triggers']>
type Schedule = NonNullable<TriggersInput['schedule']>
type Watch = NonNullable<TriggersInput['watch']>
type EventTrigger = NonNullable<TriggersInput['event']>
/** `key` names the edited field, so quick edits of it make one undo step. */
type Change<T> = (value: T, key: string) => void

const NO_TRIGGERS = { schedule: null, watch: null, event: null, webhook: false } as const
const DEFAULT_SCHEDULE: Schedule = { cron: '0 8 * * *', missed: 'skip' }
const MISSED: { value: NonNullable<Schedule['missed']>; label: string }[] = [
  { value: 'skip', label: 'Skip' },
  { value: 'run-once', label: 'Run once' }
]
const CRON_HINT = '0 8 * * * = every day at 08:00; 0 9 * * 1-5 = weekdays at 09:00. Fields: minute hour day-of-month month day-of-week.'
const FOLDER_HINT = 'An absolute path, or one starting with ~/. Subfolders count too.'
const PATTERN_HINT = 'Optional, e.g. *.md. Empty: every file that is not hidden.'
const TOPIC_HINT = 'A topic such as workflow.run or breaker.transition, a prefix such as routing.*, or *.'

/** One kind of trigger: a checkbox turns it on, its fields show while it is on. */
function TriggerBlock({ legend, toggle, on, hint, onToggle, children }: { legend: string; toggle: string; on: boolean; hint: ReactNode; onToggle: (on: boolean) => void; children?: ReactNode }): ReactElement {
  const id = useId()
  return (
    <fieldset className="wf-trigger">
      <legend className="field-label">{legend}</legend>
      <label className="check">
        <input type="checkbox" checked={on} aria-describedby={`${id}-hint`} onChange={(e) => onToggle(e.target.checked)} />
        {toggle}
      </label>
      <p id={`${id}-hint`} className="field-hint">
        {hint}
      </p>
      {on ? children : null}
    </fieldset>
  )
}

function TextField({ label, hint, value, messages, onChange }: { label: string; hint: string; value: string; messages?: string[]; onChange: (value: string) => void }): ReactElement {
  const id = useId()
  return (
    <FieldFrame id={id} label={label} hint={hint} messages={messages}>
      <input id={id} value={value} spellCheck={false} autoComplete="off" {...fieldAria(id, hint, messages)} onChange={(e) => onChange(e.target.value)} />
    </FieldFrame>
  )
}

function ScheduleTrigger({ value, messages, onChange }: { value: Schedule | null; messages: Messages; onChange: Change<Schedule | null> }): ReactElement {
  const name = useId()
  return (
    <TriggerBlock legend="Schedule" toggle="Run on a schedule" on={value !== null} hint="Runs at the times a cron expression gives." onToggle={(on) => onChange(on ? DEFAULT_SCHEDULE : null, 'schedule')}>
      {value ? (
        <>
          <TextField label="Cron expression" hint={CRON_HINT} value={value.cron} messages={messages['triggers.schedule.cron']} onChange={(cron) => onChange({ ...value, cron }, 'schedule.cron')} />
          <fieldset className="wf-radios">
            <legend className="field-label">Missed runs while NEXUS was closed</legend>
            {MISSED.map((option) => (
              <label key={option.value} className="check">
                <input type="radio" name={name} checked={(value.missed ?? 'skip') === option.value} onChange={() => onChange({ ...value, missed: option.value }, 'schedule.missed')} />
                {option.label}
              </label>
            ))}
          </fieldset>
        </>
      ) : null}
    </TriggerBlock>
  )
}

function WatchTrigger({ value, messages, onChange }: { value: Watch | null; messages: Messages; onChange: Change<Watch | null> }): ReactElement {
  const hint = (
    <>
      Each added or changed file starts a run with input <code>file</code> (its path) and, for text files up to 1 MB, <code>content</code>.
    </>
  )
  return (
    <TriggerBlock legend="Folder watch" toggle="Run when files change in a folder" on={value !== null} hint={hint} onToggle={(on) => onChange(on ? { folder: '' } : null, 'watch')}>
      {value ? (
        <>
          <TextField label="Folder" hint={FOLDER_HINT} value={value.folder} messages={messages['triggers.watch.folder']} onChange={(folder) => onChange({ ...value, folder }, 'watch.folder')} />
          <TextField
            label="File pattern"
            hint={PATTERN_HINT}
            value={value.pattern ?? ''}
            messages={messages['triggers.watch.pattern']}
            onChange={(pattern) => onChange(pattern === '' ? { folder: value.folder } : { ...value, pattern }, 'watch.pattern')}
          />
        </>
      ) : null}
    </TriggerBlock>
  )
}

function EventTriggerField({ value, messages, onChange }: { value: EventTrigger | null; messages: Messages; onChange: Change<EventTrigger | null> }): ReactElement {
  const hint = (
    <>
      Each matching event starts a run with input <code>event</code>. Delivered at least once; an event whose run cannot start goes to dead letters on the Monitor page.
    </>
  )
  return (
    <TriggerBlock legend="Event" toggle="Run on events" on={value !== null} hint={hint} onToggle={(on) => onChange(on ? { pattern: '' } : null, 'event')}>
      {value ? <TextField label="Topic pattern" hint={TOPIC_HINT} value={value.pattern} messages={messages['triggers.event.pattern']} onChange={(pattern) => onChange({ pattern }, 'event.pattern')} /> : null}
    </TriggerBlock>
  )
}

/** What starts the workflow besides Run: a schedule, a folder watch, events, the webhook. */
export function TriggerFields({ triggers, messages, onChange }: { triggers: TriggersInput | undefined; messages: Messages; onChange: Change<TriggersInput> }): ReactElement {
  const headingId = useId()
  const all = { ...NO_TRIGGERS, ...triggers }
  const change =
    <K extends keyof TriggersInput>(name: K): Change<TriggersInput[K]> =>
    (value, key) =>
      onChange({ ...all, [name]: value }, `triggers.${key}`)
  return (
    <section className="wf-triggers" aria-labelledby={headingId}>
      <h3 id={headingId} className="wf-subtitle">
        Triggers
      </h3>
      <p className="note small">
        Schedules, folder watches and event triggers fire while the NEXUS app or <code>nexus serve</code> runs, once the workflow is saved.
      </p>
      <ScheduleTrigger value={all.schedule ?? null} messages={messages} onChange={change('schedule')} />
      <WatchTrigger value={all.watch ?? null} messages={messages} onChange={change('watch')} />
      <EventTriggerField value={all.event ?? null} messages={messages} onChange={change('event')} />
      <TriggerBlock
        legend="Webhook"
        toggle="Let the webhook start it"
        on={all.webhook === true}
        hint="The local API gateway can start this workflow (coming with the gateway)."
        onToggle={(on) => onChange({ ...all, webhook: on }, 'triggers.webhook')}
      />
    </section>
  )
}
