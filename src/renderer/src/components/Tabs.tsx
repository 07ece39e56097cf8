import { useId, useRef, type KeyboardEvent, type ReactElement, type ReactNode } from 'react'

interface Tab<T extends string> {
  id: T
  label: string
}

interface TabsProps<T extends string> {
  label: string
  tabs: Tab<T>[]
  current: T
  onChange: (id: T) => void
  children: ReactNode
}

/** ARIA tabs: one Tab stop, arrow keys / Home / End move between tabs. */
export function Tabs<T extends string>({ label, tabs, current, onChange, children }: TabsProps<T>): ReactElement {
  const base = useId()
  const refs = useRef<(HTMLButtonElement | null)[]>([])
  const onKey = (event: KeyboardEvent): void => {
    const index = tabs.findIndex((t) => t.id === current)
    const moves: Record<string, number> = {
      ArrowRight: (index + 1) % tabs.length,
      ArrowLeft: (index - 1 + tabs.length) % tabs.length,
      Home: 0,
      End: tabs.length - 1
    }
    const next = moves[event.key]
    const tab = next === undefined ? undefined : tabs[next]
    if (!tab || next === undefined) return
    event.preventDefault()
    onChange(tab.id)
    refs.current[next]?.focus()
  }
  return (
    <>
      <div role="tablist" aria-label={label} className="tabs" onKeyDown={onKey}>
        {tabs.map((tab, i) => (
          <button
            key={tab.id}
            ref={(el) => {
              refs.current[i] = el
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${tab.id}`}
            aria-selected={tab.id === current}
            aria-controls={`${base}-panel`}
            tabIndex={tab.id === current ? 0 : -1}
            className="tab"
            onClick={() => onChange(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-tab-${current}`} className="tab-panel">
        {children}
      </div>
    </>
  )
}
