import type { ReactElement } from 'react'
import { Section } from '../../components/Page'
import { ThemePicker } from '../../components/ThemePicker'
import { InfoList } from '../../components/InfoList'
import { DatabaseCheck } from '../../components/DatabaseCheck'
import { useSettings } from '../../stores/settings'
import { useInfo } from '../../stores/info'
import { formatBytes } from '../../lib/format'
import { PAGE_IDS, PAGE_LABELS, shortcutLabel } from '../routes'
import { SaveStatus } from '../../components/SaveStatus'

function Appearance(): ReactElement {
  const { settings, saving, error, update } = useSettings()
  if (!settings) return <p className="muted">Loading settings…</p>
  return (
    <>
      <ThemePicker value={settings.theme} onChange={(theme) => void update({ theme })} />
      <label className="check">
        <input
          type="checkbox"
          checked={settings.activityPanelOpen}
          onChange={(e) => void update({ activityPanelOpen: e.target.checked })}
        />
        <span>Open the Activity panel when NEXUS starts</span>
      </label>
      <SaveStatus saving={saving} error={error} />
    </>
  )
}

function Database(): ReactElement {
  const info = useInfo((s) => s.info)
  return (
    <>
      {info ? (
        <InfoList
          items={[
            ['Database file', <code key="path">{info.databasePath}</code>],
            ['Size', formatBytes(info.databaseSizeBytes)],
            ['Schema version', String(info.schemaVersion)],
            ['SQLite', info.sqliteVersion],
            ['sqlite-vec', info.sqliteVecVersion]
          ]}
        />
      ) : null}
      <DatabaseCheck />
    </>
  )
}

function About(): ReactElement {
  const { info, error } = useInfo()
  if (error) return <p className="alert alert-error">Could not read app info: {error}</p>
  if (!info) return <p className="muted">Loading…</p>
  const runtimes = Object.entries(info.versions)
    .map(([name, version]) => `${name} ${version}`)
    .join(' · ')
  return (
    <InfoList
      items={[
        ['Version', `${info.name} ${info.version}`],
        ['Mode', info.mode === 'headless' ? 'Headless host (browser)' : info.mode],
        ['Data folder', <code key="dir">{info.dataDir}</code>],
        ['Platform', info.platform],
        ['Runtime', runtimes || '—']
      ]}
    />
  )
}

function Shortcuts(): ReactElement {
  return (
    <ul className="shortcuts">
      {PAGE_IDS.map((page) => (
        <li key={page}>
          <kbd>{shortcutLabel(page)}</kbd>
          <span>{PAGE_LABELS[page]}</span>
        </li>
      ))}
      <li>
        <kbd>Tab</kbd>
        <span>Move between controls; the first Tab offers “Skip to main content”</span>
      </li>
    </ul>
  )
}

/** The General tab: appearance, database, about, shortcuts. */
export function GeneralSettings(): ReactElement {
  return (
    <>
      <Section title="Appearance">
        <Appearance />
      </Section>
      <Section title="Database" description="All of NEXUS's data lives in one SQLite file on this machine.">
        <Database />
      </Section>
      <Section title="About NEXUS">
        <About />
      </Section>
      <Section title="Keyboard shortcuts">
        <Shortcuts />
      </Section>
    </>
  )
}
