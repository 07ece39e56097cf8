import type { ReactElement } from 'react'
import { PAGE_IDS, PAGE_LABELS, shortcutLabel, type PageId } from '../pages/routes'
import { useUi } from '../stores/ui'
import { useJobs, runningCount } from '../stores/jobs'
import { appClient } from '../stores/session'
import { Icon } from './Icon'

function NavItem({ page }: { page: PageId }): ReactElement {
  const current = useUi((s) => s.page)
  const navigate = useUi((s) => s.navigate)
  const shortcut = shortcutLabel(page)
  return (
    <li>
      <a
        href={`#/${page}`}
        className="nav-link"
        aria-current={current === page ? 'page' : undefined}
        aria-keyshortcuts={`Control+${PAGE_IDS.indexOf(page) + 1}`}
        title={`${PAGE_LABELS[page]} (${shortcut})`}
        onClick={(event) => {
          event.preventDefault()
          navigate(page)
        }}
      >
        <Icon name={page} />
        <span className="nav-label">{PAGE_LABELS[page]}</span>
        <kbd className="nav-shortcut" aria-hidden="true">
          {shortcut}
        </kbd>
      </a>
    </li>
  )
}

function ActivityToggle(): ReactElement {
  const open = useUi((s) => s.activityOpen)
  const setOpen = useUi((s) => s.setActivityOpen)
  const running = useJobs((s) => runningCount(s.jobs))
  return (
    <button
      type="button"
      className="nav-link activity-toggle"
      aria-expanded={open}
      aria-controls="activity-panel"
      onClick={() => setOpen(!open)}
    >
      <Icon name="activity" />
      <span className="nav-label">Activity</span>
      {running > 0 ? (
        <span className="count" aria-label={`${running} running`}>
          {running}
        </span>
      ) : null}
    </button>
  )
}

export function Sidebar(): ReactElement {
  const mode = appClient()?.kind === 'electron' ? 'Desktop' : 'Headless host'
  return (
    <div className="sidebar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">NEXUS</span>
      </div>
      <nav aria-label="Main" className="nav">
        <ul>
          {PAGE_IDS.map((page) => (
            <NavItem key={page} page={page} />
          ))}
        </ul>
      </nav>
      <div className="sidebar-footer">
        <ActivityToggle />
        <p className="connection">
          <span className="dot dot-ok" aria-hidden="true" />
          Connected · {mode}
        </p>
      </div>
    </div>
  )
}
