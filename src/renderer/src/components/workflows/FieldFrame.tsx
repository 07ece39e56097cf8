import type { ReactElement, ReactNode } from 'react'

interface FieldFrameProps {
  id: string
  label: string
  hint?: string
  messages?: string[]
  children: ReactNode
}

/** What a control needs to be tied to its hint and messages. */
export function fieldAria(id: string, hint: string | undefined, messages: string[] | undefined): { 'aria-describedby'?: string; 'aria-invalid'?: true } {
  const ids = [hint ? `${id}-hint` : '', messages?.length ? `${id}-messages` : ''].filter(Boolean)
  return { 'aria-describedby': ids.length ? ids.join(' ') : undefined, 'aria-invalid': messages?.length ? true : undefined }
}

/** A labelled field of the inspector, with its hint and its validation messages under it. */
export function FieldFrame({ id, label, hint, messages, children }: FieldFrameProps): ReactElement {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      <FieldNotes id={id} hint={hint} messages={messages} />
    </div>
  )
}

export function FieldNotes({ id, hint, messages }: { id: string; hint?: string; messages?: string[] }): ReactElement {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {messages?.length ? (
        <ul id={`${id}-messages`} className="field-messages">
          {messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
    </>
  )
}

/** Messages about the whole form rather than one field, as an alert above it. */
export function FormMessages({ id, messages }: { id: string; messages: string[] | undefined }): ReactElement | null {
  if (!messages?.length) return null
  return (
    <div className="alert alert-error" role="alert">
      <FieldNotes id={id} messages={messages} />
    </div>
  )
}
