import { useEffect, useRef, useState, type ReactElement } from 'react'

interface ConfirmButtonProps {
  /** The button's text, e.g. "Delete". */
  label: string
  /** Accessible name when the text alone is ambiguous, e.g. "Delete Groq". */
  ariaLabel?: string
  /** The question asked before acting, e.g. "Delete “Groq” and its keys?" */
  question: string
  confirmLabel?: string
  onConfirm: () => Promise<unknown> | void
  disabled?: boolean
  /** 'neutral' when the action only discards something unsaved (leaving an editor). */
  tone?: 'danger' | 'neutral'
}

/** A destructive action asked twice, inline: no modal, no window.confirm. */
export function ConfirmButton({
  label,
  ariaLabel,
  question,
  confirmLabel = label,
  onConfirm,
  disabled,
  tone = 'danger'
}: ConfirmButtonProps): ReactElement {
  const [asking, setAsking] = useState(false)
  const [busy, setBusy] = useState(false)
  const confirm = useRef<HTMLButtonElement>(null)
  const trigger = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (asking) confirm.current?.focus()
  }, [asking])

  if (!asking) {
    return (
      <button
        ref={trigger}
        type="button"
        className={tone === 'danger' ? 'button button-small button-danger' : 'button button-small'}
        aria-label={ariaLabel}
        onClick={() => setAsking(true)}
        disabled={disabled}
      >
        {label}
      </button>
    )
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span className="confirm-question">{question}</span>
      <button
        ref={confirm}
        type="button"
        className="button button-small button-danger-solid"
        disabled={busy}
        onClick={async () => {
          setBusy(true)
          try {
            await onConfirm()
          } finally {
            setBusy(false)
            setAsking(false)
          }
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="button button-small" onClick={() => setAsking(false)} disabled={busy}>
        Cancel
      </button>
    </span>
  )
}
