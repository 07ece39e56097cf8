import { useEffect, type ReactElement } from 'react'
import { useConnection } from './stores/connection'
import { useUi } from './stores/ui'
import { useThemeSync } from './hooks/useThemeSync'
import { useShortcuts } from './hooks/useShortcuts'
import { useLocationSync } from './hooks/useLocationSync'
import { Sidebar } from './components/Sidebar'
import { ActivityPanel } from './components/ActivityPanel'
import { SkipLink } from './components/SkipLink'
import { Unreachable, Splash } from './components/Unreachable'
import { CurrentPage } from './pages/CurrentPage'

function Shell(): ReactElement {
  const activityOpen = useUi((s) => s.activityOpen)
  useShortcuts()
  useLocationSync()
  return (
    <div className={activityOpen ? 'shell shell-with-activity' : 'shell'}>
      <SkipLink />
      <Sidebar />
      <CurrentPage />
      {activityOpen ? <ActivityPanel /> : null}
    </div>
  )
}

export function App(): ReactElement {
  const status = useConnection((s) => s.status)
  const start = useConnection((s) => s.start)
  useThemeSync()
  useEffect(() => start(), [start])
  if (status === 'down') return <Unreachable />
  if (status === 'connecting') return <Splash />
  return <Shell />
}
