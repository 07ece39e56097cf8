import { useId, type ReactElement } from 'react'
import type { Messages } from '../../lib/nodeMessages'
import type { FlowNode, NodeData } from '../../lib/workflowGraph'
import { FieldFrame, FieldNotes, fieldAria } from './FieldFrame'
import { NumberInput } from './NumberInput'

const DEFAULT_RETRY = { attempts: 3, backoffMs: 1000 }

/** How long a node may take and how often it is tried: the same for every node type. */
export function NodeLimits({ node, messages, onChange }: { node: FlowNode; messages: Messages; onChange: (patch: Partial<NodeData>, key: string) => void }): ReactElement {
  const id = useId()
  const retry = node.data.retry
  const timeoutHint = 'Empty: no limit of its own.'
  // Retry messages sit under both of its fields.
  const retryAria = messages.retry?.length ? { 'aria-describedby': `${id}-retry-messages`, 'aria-invalid': true as const } : {}
  return (
    <fieldset className="wf-limits">
      <legend className="field-label">Limits</legend>
      <FieldFrame id={`${id}-timeout`} label="Node timeout (ms)" hint={timeoutHint} messages={messages.timeoutMs}>
        <NumberInput
          id={`${id}-timeout`}
          value={node.data.timeoutMs}
          min={10}
          max={24 * 3_600_000}
          step={100}
          aria={fieldAria(`${id}-timeout`, timeoutHint, messages.timeoutMs)}
          onChange={(timeoutMs) => onChange({ timeoutMs }, 'timeoutMs')}
        />
      </FieldFrame>
      <label className="check">
        <input type="checkbox" checked={retry !== undefined} onChange={(e) => onChange({ retry: e.target.checked ? DEFAULT_RETRY : undefined }, 'retry')} />
        Retry when it fails
      </label>
      {retry ? (
        <div className="wf-limits-retry">
          <FieldFrame id={`${id}-attempts`} label="Attempts in all">
            <NumberInput
              id={`${id}-attempts`}
              value={retry.attempts}
              min={1}
              max={10}
              step={1}
              aria={retryAria}
              onChange={(attempts) => onChange({ retry: { ...retry, attempts: attempts ?? 0 } }, 'retry.attempts')}
            />
          </FieldFrame>
          <FieldFrame id={`${id}-backoff`} label="Wait between (ms)">
            <NumberInput
              id={`${id}-backoff`}
              value={retry.backoffMs}
              min={0}
              max={600_000}
              step={100}
              aria={retryAria}
              onChange={(backoffMs) => onChange({ retry: { ...retry, backoffMs: backoffMs ?? 0 } }, 'retry.backoffMs')}
            />
          </FieldFrame>
        </div>
      ) : null}
      <FieldNotes id={`${id}-retry`} messages={messages.retry} />
    </fieldset>
  )
}
