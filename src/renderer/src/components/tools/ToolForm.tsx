import { useId, useState, type FormEvent, type ReactElement } from 'react'
import type { ToolView } from '../../../../shared/schemas/workflows'
import type { RequestInput } from '../../../../shared/contract'
import { client } from '../../stores/session'
import { useAction } from '../../hooks/useAction'
import { ErrorAlert } from '../ErrorAlert'
import { FormActions } from '../FormActions'
import { parseJsonObject } from './jsonText'

type Definition = RequestInput<'tools.save'>
type Kind = 'javascript' | 'http'
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const
type Method = (typeof METHODS)[number]

const EXAMPLE_PARAMETERS = `{
  "type": "object",
  "properties": {
    "text": { "type": "string", "description": "The text to count words in" }
  },
  "required": ["text"]
}`
const EXAMPLE_CODE = 'return { words: input.text.split(/\\s+/).filter(Boolean).length }'

/** "Name: value" lines, as the headers record; a line without a colon is an error. */
function parseHeaders(text: string): { value: Record<string, string>; error: null } | { value: null; error: string } {
  const value: Record<string, string> = {}
  for (const [i, line] of text.split('\n').entries()) {
    if (!line.trim()) continue
    const colon = line.indexOf(':')
    if (colon <= 0) return { value: null, error: `Headers: line ${i + 1} has no "Name: value".` }
    value[line.slice(0, colon).trim()] = line.slice(colon + 1).trim()
  }
  return { value, error: null }
}

function initial(tool: ToolView | null): {
  kind: Kind
  code: string
  jsTimeout: number
  method: Method
  url: string
  headers: string
  body: string
  httpTimeout: number
} {
  const impl = tool?.implementation
  const js = impl?.kind === 'javascript' ? impl : null
  const http = impl?.kind === 'http' ? impl : null
  return {
    kind: http ? 'http' : 'javascript',
    code: js?.code ?? EXAMPLE_CODE,
    jsTimeout: js?.timeoutMs ?? 1_000,
    method: http?.method ?? 'GET',
    url: http?.url ?? '',
    headers: Object.entries(http?.headers ?? {})
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n'),
    body: http?.body ?? '',
    httpTimeout: http?.timeoutMs ?? 30_000
  }
}

/** Create or edit a user tool: name, description, parameters (a JSON schema), and its JavaScript or HTTP call. */
export function ToolForm({ tool, onDone }: { tool: ToolView | null; onDone: (saved: boolean) => void }): ReactElement {
  const id = useId()
  const start = initial(tool)
  const [name, setName] = useState(tool?.name ?? '')
  const [description, setDescription] = useState(tool?.description ?? '')
  const [parameters, setParameters] = useState(tool ? JSON.stringify(tool.parameters, null, 2) : EXAMPLE_PARAMETERS)
  const [kind, setKind] = useState<Kind>(start.kind)
  const [code, setCode] = useState(start.code)
  const [jsTimeout, setJsTimeout] = useState(start.jsTimeout)
  const [method, setMethod] = useState<Method>(start.method)
  const [url, setUrl] = useState(start.url)
  const [headers, setHeaders] = useState(start.headers)
  const [body, setBody] = useState(start.body)
  const [httpTimeout, setHttpTimeout] = useState(start.httpTimeout)
  const action = useAction()
  const parsedParameters = parseJsonObject(parameters, 'Parameters')
  const parsedHeaders = parseHeaders(headers)

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    if (parsedParameters.error !== null || (kind === 'http' && parsedHeaders.error !== null)) return
    const implementation: Definition['implementation'] =
      kind === 'javascript'
        ? { kind, code, timeoutMs: jsTimeout }
        : {
            kind,
            method,
            url: url.trim(),
            ...(Object.keys(parsedHeaders.value ?? {}).length ? { headers: parsedHeaders.value ?? {} } : {}),
            ...(body ? { body } : {}),
            timeoutMs: httpTimeout
          }
    const saved = await action.run('Could not save the tool', () =>
      client().call('tools.save', { name: name.trim(), description: description.trim(), parameters: parsedParameters.value ?? {}, implementation })
    )
    if (saved) onDone(true)
  }

  const field = (suffix: string): string => `${id}-${suffix}`
  return (
    <form className="form form-wide" onSubmit={(e) => void submit(e)} aria-label={tool ? `Edit the tool ${tool.name}` : 'Add a tool'}>
      <div className="field">
        <label htmlFor={field('name')}>Name</label>
        <input
          id={field('name')}
          value={name}
          required
          readOnly={tool !== null}
          pattern="[A-Za-z][A-Za-z0-9_\-]{0,63}"
          spellCheck={false}
          placeholder="e.g. count_words"
          aria-describedby={field('name-hint')}
          onChange={(e) => setName(e.target.value)}
        />
        <p id={field('name-hint')} className="field-hint">
          {tool ? 'A tool keeps its name; save under a new name by adding a tool.' : 'Letters, digits, _ and -, starting with a letter. Models see this name.'}
        </p>
      </div>
      <div className="field">
        <label htmlFor={field('description')}>Description</label>
        <input id={field('description')} value={description} required placeholder="What it does, for the model that calls it" onChange={(e) => setDescription(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={field('parameters')}>Parameters (JSON schema)</label>
        <textarea
          id={field('parameters')}
          className="code-input"
          rows={8}
          value={parameters}
          spellCheck={false}
          aria-invalid={parsedParameters.error !== null}
          aria-describedby={field('parameters-hint')}
          onChange={(e) => setParameters(e.target.value)}
        />
        <p id={field('parameters-hint')} className={parsedParameters.error ? 'field-error' : 'field-hint'}>
          {parsedParameters.error ?? 'An object schema: each property is one argument. Arguments are checked against it before every call.'}
        </p>
      </div>
      <fieldset className="field">
        <legend>Implementation</legend>
        <div className="inline-form">
          {(['javascript', 'http'] as const).map((k) => (
            <label key={k} className="check">
              <input type="radio" name={field('kind')} value={k} checked={kind === k} onChange={() => setKind(k)} />
              <span>{k === 'javascript' ? 'JavaScript function' : 'HTTP request'}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {kind === 'javascript' ? (
        <>
          <div className="field">
            <label htmlFor={field('code')}>Code</label>
            <textarea id={field('code')} className="code-input" rows={8} value={code} required spellCheck={false} aria-describedby={field('code-hint')} onChange={(e) => setCode(e.target.value)} />
            <p id={field('code-hint')} className="field-hint">
              The body of a function: the arguments are in <code>input</code>; return JSON data. It runs sandboxed, with no files, network or timers.
            </p>
          </div>
          <div className="field">
            <label htmlFor={field('js-timeout')}>Time limit (ms)</label>
            <input id={field('js-timeout')} type="number" min={10} max={60_000} value={jsTimeout} onChange={(e) => setJsTimeout(Number(e.target.value))} />
          </div>
        </>
      ) : (
        <>
          <div className="field">
            <label htmlFor={field('method')}>Method</label>
            <select id={field('method')} value={method} onChange={(e) => setMethod(e.target.value as Method)}>
              {METHODS.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={field('url')}>URL</label>
            <input id={field('url')} value={url} required spellCheck={false} placeholder="https://api.example.com/weather?q={{city}}" aria-describedby={field('url-hint')} onChange={(e) => setUrl(e.target.value)} />
            <p id={field('url-hint')} className="field-hint">
              Write an argument as {'{{name}}'} (URL-encoded here) and a secret as {'{{secret.NAME}}'}.
            </p>
          </div>
          <div className="field">
            <label htmlFor={field('headers')}>Headers (one “Name: value” per line)</label>
            <textarea
              id={field('headers')}
              className="code-input"
              rows={3}
              value={headers}
              spellCheck={false}
              placeholder="Authorization: Bearer {{secret.API_KEY}}"
              aria-invalid={parsedHeaders.error !== null}
              aria-describedby={field('headers-hint')}
              onChange={(e) => setHeaders(e.target.value)}
            />
            {parsedHeaders.error ? (
              <p id={field('headers-hint')} className="field-error">
                {parsedHeaders.error}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor={field('body')}>Body</label>
            <textarea id={field('body')} className="code-input" rows={4} value={body} spellCheck={false} aria-describedby={field('body-hint')} onChange={(e) => setBody(e.target.value)} />
            <p id={field('body-hint')} className="field-hint">
              Empty: POST, PUT and PATCH send the arguments as JSON.
            </p>
          </div>
          <div className="field">
            <label htmlFor={field('http-timeout')}>Time limit (ms)</label>
            <input id={field('http-timeout')} type="number" min={100} max={600_000} value={httpTimeout} onChange={(e) => setHttpTimeout(Number(e.target.value))} />
          </div>
        </>
      )}
      <ErrorAlert error={action.error} />
      <FormActions label="Save tool" busyLabel="Saving…" busy={action.busy} onCancel={() => onDone(false)} />
    </form>
  )
}
