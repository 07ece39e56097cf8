import type { ReactElement } from 'react'
import { Page } from '../components/Page'
import { Tabs } from '../components/Tabs'
import { useUi, type SettingsTab } from '../stores/ui'
import { GeneralSettings } from './settings/GeneralSettings'
import { ProvidersSettings } from './settings/ProvidersSettings'
import { RoutingSettings } from './settings/RoutingSettings'

const TABS: { id: SettingsTab; label: string }[] = [
  { id: 'general', label: 'General' },
  { id: 'providers', label: 'Providers' },
  { id: 'routing', label: 'Routing' }
]

export function SettingsPage(): ReactElement {
  const tab = useUi((s) => s.settingsTab)
  const setTab = useUi((s) => s.setSettingsTab)
  return (
    <Page title="Settings" description="Providers and models, routing, appearance, database and this installation.">
      <Tabs label="Settings" tabs={TABS} current={tab} onChange={setTab}>
        {tab === 'general' ? <GeneralSettings /> : tab === 'providers' ? <ProvidersSettings /> : <RoutingSettings />}
      </Tabs>
    </Page>
  )
}
