import type { ReactElement } from 'react'
import { Page } from '../components/Page'
import { Tabs } from '../components/Tabs'
import { useUi, type SettingsTab } from '../stores/ui'
import { GeneralSettings } from './settings/GeneralSettings'
import { ProvidersSettings } from './settings/ProvidersSettings'
import { RoutingSettings } from './settings/RoutingSettings'
import { WorkflowSettings } from './settings/WorkflowSettings'

const TABS: { id: SettingsTab; label: string }[] = [
  { id: 'general', label: 'General' },
  { id: 'providers', label: 'Providers' },
  { id: 'routing', label: 'Routing' },
  { id: 'workflows', label: 'Workflows' }
]

const PANELS: Record<SettingsTab, () => ReactElement> = {
  general: GeneralSettings,
  providers: ProvidersSettings,
  routing: RoutingSettings,
  workflows: WorkflowSettings
}

export function SettingsPage(): ReactElement {
  const tab = useUi((s) => s.settingsTab)
  const setTab = useUi((s) => s.setSettingsTab)
  const Panel = PANELS[tab]
  return (
    <Page title="Settings" description="Providers and models, routing, workflow tools and secrets, appearance, database and this installation.">
      <Tabs label="Settings" tabs={TABS} current={tab} onChange={setTab}>
        <Panel />
      </Tabs>
    </Page>
  )
}
