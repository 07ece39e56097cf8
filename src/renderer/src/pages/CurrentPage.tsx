import type { ReactElement } from 'react'
import { useUi } from '../stores/ui'
import type { PageId } from './routes'
import { ChatPage } from './ChatPage'
import { WorkflowsPage } from './WorkflowsPage'
import { MonitorPage } from './MonitorPage'
import { RegistryPage } from './RegistryPage'
import { SettingsPage } from './SettingsPage'

const PAGES: Record<PageId, () => ReactElement> = {
  chat: ChatPage,
  workflows: WorkflowsPage,
  monitor: MonitorPage,
  registry: RegistryPage,
  settings: SettingsPage
}

export function CurrentPage(): ReactElement {
  const page = useUi((s) => s.page)
  const Component = PAGES[page]
  return <Component />
}
