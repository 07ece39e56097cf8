import { useEffect, useRef } from 'react'

export interface BuilderShortcuts {
  undo(): void
  redo(): void
  copy(): void
  paste(): void
  save(): void
}

/** Typing in a field keeps the field's own undo, copy and paste. */
function editable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('dialog') !== null
}

/**
 * Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z or Ctrl+Y redo, Ctrl/Cmd+C and V copy and paste nodes,
 * Ctrl/Cmd+S save: anywhere on the page while the builder shows, except inside fields and dialogs.
 */
export function useBuilderShortcuts(actions: BuilderShortcuts): void {
  const latest = useRef(actions)
  useEffect(() => {
    latest.current = actions
  }, [actions])
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || editable(event.target)) return
      const key = event.key.toLowerCase()
      const run = latest.current
      if (key === 'z' && !event.shiftKey) run.undo()
      else if ((key === 'z' && event.shiftKey) || (key === 'y' && !event.shiftKey)) run.redo()
      // Selected text (a run's output) copies as text, as everywhere else.
      else if (key === 'c' && !event.shiftKey && !window.getSelection()?.toString()) run.copy()
      else if (key === 'v' && !event.shiftKey) run.paste()
      else if (key === 's' && !event.shiftKey) run.save()
      else return
      event.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
