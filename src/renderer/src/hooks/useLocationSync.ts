import { useEffect } from 'react'
import { useUi } from '../stores/ui'

/** Back/forward buttons (or a typed #/page) move between pages. */
export function useLocationSync(): void {
  const sync = useUi((s) => s.syncFromLocation)
  useEffect(() => {
    window.addEventListener('hashchange', sync)
    return () => window.removeEventListener('hashchange', sync)
  }, [sync])
}
