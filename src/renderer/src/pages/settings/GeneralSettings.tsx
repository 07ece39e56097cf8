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
import { ChoiceGroup, type Choice } from '../../components/ChoiceGroup'
import type { Settings } from '../../../../shared/contract'

const ORPHAN_CHOICES: readonly Choice<Settings['orphanRuns']>[] = [
  { value: 'resume', label: 'Resume them', hint: 'Completed steps are kept; the rest run again when NEXUS starts.' },
  { value: 'interrupt', label: 'Mark them interrupted', hint: 'Nothing runs again by itself; re-run from any step when you like.' }
]

/** What happens to workflow runs a crash or a forced quit left unfinished. */
function UnfinishedRuns(): ReactElement {
  const { settings, saving, error, update } = useSettings()
  if (!settings) return <p className="muted">Loading settings…</p>
  return (
    <>
      <ChoiceGroup legend="Workflow runs left unfinished when NEXUS stopped" name="orphan-runs" options={ORPHAN_CHOICES} value={settings.orphanRuns} onChange={(orphanRuns) => void update({ orphanRuns })} />
      <SaveStatus saving={saving} error={error} />
    </>
  )
}

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

/** The General tab: appearance, unfinished runs, database, about, shortcuts. */
export function GeneralSettings(): ReactElement {
  return (
    <>
      <Section title="Appearance">
        <Appearance />
      </Section>
      <Section title="Workflow runs" description="Every step of a run is saved as it happens, so a crash loses nothing.">
        <UnfinishedRuns />
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
