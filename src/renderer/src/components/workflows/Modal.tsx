import { useEffect, useId, useRef, type ReactElement, type ReactNode } from 'react'
import { Icon } from '../Icon'

interface ModalProps {
  title: string
  onClose: () => void
  children: ReactNode
  wide?: boolean
}

/**
 * A native modal <dialog>: the browser traps the focus, Escape closes it, and the focus returns
 * to where it was. Shown while mounted.
 */
export function Modal({ title, onClose, children, wide }: ModalProps): ReactElement {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
  }, [])
  return (
    <dialog ref={ref} className={wide ? 'modal modal-wide' : 'modal'} aria-labelledby={titleId} onClose={onClose}>
      <header className="modal-head">
        <h2 id={titleId} className="card-title">
          {title}
        </h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          <Icon name="close" size={16} />
        </button>
      </header>
      {children}
    </dialog>
  )
}
