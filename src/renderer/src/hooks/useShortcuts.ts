import { useEffect } from 'react'
import { PAGE_IDS } from '../pages/routes'
import { useUi } from '../stores/ui'

/** Ctrl+1..5 (Cmd+1..5 on macOS) switch pages, from anywhere in the window. */
export function useShortcuts(): void {
  const navigate = useUi((s) => s.navigate)
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return
      const index = Number.parseInt(event.key, 10) - 1
      const page = PAGE_IDS[index]
      if (!page) return
      event.preventDefault()
      navigate(page)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [navigate])
}
