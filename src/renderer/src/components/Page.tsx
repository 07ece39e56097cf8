import { useEffect, useId, useRef, type ReactElement, type ReactNode } from 'react'
import { useUi } from '../stores/ui'

interface PageProps {
  title: string
  description: string
  actions?: ReactNode
  /** Use the whole width of the window (Chat) instead of a readable column. */
  wide?: boolean
  children: ReactNode
}

/** Every page: one <main> landmark titled by its <h1>. Takes the focus after a navigation. */
export function Page({ title, description, actions, wide, children }: PageProps): ReactElement {
  const headingId = useId()
  const heading = useRef<HTMLHeadingElement>(null)
  const navigations = useUi((s) => s.navigations)
  useEffect(() => {
    if (navigations > 0) heading.current?.focus()
  }, [navigations])
  return (
    <main id="main-content" className={wide ? 'page page-wide' : 'page'} tabIndex={-1} aria-labelledby={headingId}>
      <header className="page-header">
        <div>
          <h1 id={headingId} ref={heading} tabIndex={-1}>
            {title}
          </h1>
          <p className="page-description">{description}</p>
        </div>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </header>
      <div className="page-body">{children}</div>
    </main>
  )
}

/** A titled block of a page. */
export function Section({
  title,
  children,
  description
}: {
  title: string
  description?: string
  children: ReactNode
}): ReactElement {
  const id = useId()
  return (
    <section className="card" aria-labelledby={id}>
      <div>
        <h2 id={id} className="card-title">
          {title}
        </h2>
        {description ? <p className="card-description">{description}</p> : null}
      </div>
      {children}
    </section>
  )
}
