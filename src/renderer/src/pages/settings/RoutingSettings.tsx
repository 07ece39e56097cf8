import type { ReactElement } from 'react'
import { Section } from '../../components/Page'
import { PreferencePicker } from '../../components/routing/PreferencePicker'
import { CustomWeights } from '../../components/routing/CustomWeights'
import { TryRouting } from '../../components/routing/TryRouting'
import { ProfilesTable } from '../../components/routing/ProfilesTable'
import { useSettings } from '../../stores/settings'
import { SaveStatus } from '../../components/SaveStatus'

function Preference(): ReactElement {
  const { settings, saving, error, update } = useSettings()
  if (!settings) return <p className="muted">Loading settings…</p>
  const weights = settings.routingWeights
  return (
    <>
      <PreferencePicker value={settings.routingPreference} onChange={(routingPreference) => void update({ routingPreference })} />
      {settings.routingPreference === 'custom' ? (
        <CustomWeights
          key={`${weights.quality}-${weights.cost}-${weights.latency}-${weights.health}`}
          value={weights}
          onSave={(routingWeights) => update({ routingWeights })}
        />
      ) : null}
      <label className="field">
        <span>Give up on fallbacks after (seconds)</span>
        <input
          type="number"
          min={5}
          max={600}
          defaultValue={settings.routingDeadlineSeconds}
          key={settings.routingDeadlineSeconds}
          onBlur={(e) => {
            const routingDeadlineSeconds = Math.round(Number(e.currentTarget.value))
            if (routingDeadlineSeconds !== settings.routingDeadlineSeconds) void update({ routingDeadlineSeconds })
          }}
        />
      </label>
      <label className="field">
        <span>Providers with several API keys share calls by</span>
        <select
          value={settings.keyBalancing}
          onChange={(e) => void update({ keyBalancing: e.currentTarget.value as typeof settings.keyBalancing })}
        >
          <option value="round-robin">taking turns (round robin)</option>
          <option value="least-connections">fewest calls in flight</option>
          <option value="latency">fastest recent answers</option>
          <option value="random">random choice</option>
          <option value="weighted">equal weights (smooth weighted)</option>
        </select>
      </label>
      <label className="field">
        <span>Embedding model that lets your intent corrections vote (provider/model; empty: off)</span>
        <input
          type="text"
          placeholder="e.g. ollama/all-minilm:latest"
          defaultValue={settings.intentEmbeddingModel ?? ''}
          key={settings.intentEmbeddingModel ?? ''}
          onBlur={(e) => {
            const intentEmbeddingModel = e.currentTarget.value.trim() || null
            if (intentEmbeddingModel !== settings.intentEmbeddingModel) void update({ intentEmbeddingModel })
          }}
        />
      </label>
      <SaveStatus saving={saving} error={error} />
    </>
  )
}

/** The Routing tab: what "auto" optimises for, a dry run, and the model profiles it ranks. */
export function RoutingSettings(): ReactElement {
  return (
    <>
      <Section title="Routing preference" description="Choose “Auto” as the model in Chat and NEXUS picks one for each message.">
        <Preference />
      </Section>
      <Section title="Try routing" description="See the intent NEXUS detects in a prompt and how it ranks your models. No model is called.">
        <TryRouting />
      </Section>
      <Section title="Model profiles" description="What NEXUS knows about each model. Hover a quality figure for its source; override any field.">
        <ProfilesTable />
      </Section>
    </>
  )
}
