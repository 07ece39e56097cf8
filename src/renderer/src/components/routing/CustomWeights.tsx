import { useState, type FormEvent, type ReactElement } from 'react'
import type { RankingWeights } from '../../../../shared/schemas/routing'

const FIELDS: { key: keyof RankingWeights; label: string; hint: string }[] = [
  { key: 'quality', label: 'Quality', hint: 'quality of the model for the detected intent' },
  { key: 'cost', label: 'Cost', hint: 'lower price per token' },
  { key: 'latency', label: 'Latency', hint: 'faster observed answers' },
  { key: 'health', label: 'Health', hint: 'recent success rate and breaker state' }
]

interface CustomWeightsProps {
  value: RankingWeights
  onSave: (weights: RankingWeights) => Promise<void>
}

/** Weights of the custom preference (0–100 each; they are normalised). All zero is refused here. */
export function CustomWeights({ value, onSave }: CustomWeightsProps): ReactElement {
  const [draft, setDraft] = useState<RankingWeights>(value)
  const [problem, setProblem] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  const total = FIELDS.reduce((sum, f) => sum + draft[f.key], 0)
  const dirty = FIELDS.some((f) => draft[f.key] !== value[f.key])

  const set = (key: keyof RankingWeights, raw: string): void => {
    const n = Number(raw)
    setDraft({ ...draft, [key]: Number.isFinite(n) ? Math.min(100, Math.max(0, Math.round(n))) : 0 })
    setProblem(null)
    setSaved(false)
  }
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    if (total === 0) {
      setProblem('At least one weight must be above zero: with all weights at zero no model could be ranked.')
      return
    }
    await onSave(draft)
    setSaved(true)
  }

  return (
    <form className="weights" onSubmit={(e) => void submit(e)} aria-label="Custom weights">
      {FIELDS.map((f) => {
        const share = total === 0 ? 0 : Math.round((draft[f.key] / total) * 100)
        return (
          <div key={f.key} className="weight">
            <label htmlFor={`weight-${f.key}`} className="weight-label">
              {f.label} <span className="muted small">({f.hint})</span>
            </label>
            <input
              id={`weight-${f.key}`}
              type="range"
              min={0}
              max={100}
              step={1}
              value={draft[f.key]}
              onChange={(e) => set(f.key, e.target.value)}
              aria-valuetext={`${draft[f.key]} (${share}% of the score)`}
            />
            <input
              type="number"
              className="weight-number"
              min={0}
              max={100}
              step={1}
              aria-label={`${f.label} weight`}
              value={draft[f.key]}
              onChange={(e) => set(f.key, e.target.value)}
            />
            <span className="muted small weight-share">{share}%</span>
          </div>
        )
      })}
      {problem ? (
        <p className="alert alert-error" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={!dirty && total !== 0}>
          Save weights
        </button>
        {saved && !dirty ? (
          <span className="muted small" role="status">
            Weights saved.
          </span>
        ) : null}
      </div>
    </form>
  )
}
