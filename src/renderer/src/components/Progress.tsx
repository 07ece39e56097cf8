import type { ReactElement } from 'react'

/** A progress bar; `value` null means the job cannot tell how far it is. */
export function Progress({ value, label }: { value: number | null; label: string }): ReactElement {
  const percent = value === null ? null : Math.round(value * 100)
  return (
    <div
      className={percent === null ? 'progress progress-indeterminate' : 'progress'}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
      aria-valuetext={percent === null ? 'In progress' : `${percent}%`}
    >
      <div className="progress-fill" style={percent === null ? undefined : { width: `${percent}%` }} />
    </div>
  )
}
