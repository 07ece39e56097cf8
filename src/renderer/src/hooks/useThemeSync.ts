import { useEffect } from 'react'
import { useSettings } from '../stores/settings'
import { applyTheme, cachedTheme, watchSystemTheme } from '../lib/theme'

/** Keeps <html data-theme> in step with the theme setting and, for `system`, with the OS. */
export function useThemeSync(): void {
  const theme = useSettings((s) => s.settings?.theme) ?? cachedTheme()
  useEffect(() => {
    applyTheme(theme)
    if (theme !== 'system') return undefined
    return watchSystemTheme(() => applyTheme('system'))
  }, [theme])
}
