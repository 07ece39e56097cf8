import type { ReactElement } from 'react'
import { Icon, type IconName } from './Icon'

interface ComingSoonProps {
  icon: IconName
  /** One sentence on what this page will do. */
  summary: string
  /** What the page will offer, one capability per item. */
  planned: string[]
}

/** An honest placeholder: what the page will do, and that it is not here yet. */
export function ComingSoon({ icon, summary, planned }: ComingSoonProps): ReactElement {
  return (
    <section className="card coming-soon" aria-labelledby="coming-soon-title">
      <div className="coming-soon-icon">
        <Icon name={icon} size={28} />
      </div>
      <h2 id="coming-soon-title" className="card-title">
        Not available yet
      </h2>
      <p className="coming-soon-summary">{summary}</p>
      <h3 className="coming-soon-subtitle">Planned for this page</h3>
      <ul className="checklist">
        {planned.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      <p className="muted">
        This build contains the app shell, settings and monitoring. The features above arrive in later
        releases; nothing on this page is simulated.
      </p>
    </section>
  )
}
