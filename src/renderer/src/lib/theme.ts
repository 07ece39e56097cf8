import type { Settings } from '../../../shared/contract'

export type ThemeSetting = Settings['theme']
export type ResolvedTheme = 'light' | 'dark'

const CACHE_KEY = 'nexus.theme'
const DARK_QUERY = '(prefers-color-scheme: dark)'

export function prefersDark(): boolean {
  return window.matchMedia(DARK_QUERY).matches
}

export function resolveTheme(setting: ThemeSetting, systemDark = prefersDark()): ResolvedTheme {
  if (setting === 'system') return systemDark ? 'dark' : 'light'
  return setting
}

/** Puts the theme on <html>: data-theme (light|dark) drives the CSS variables. */
export function applyTheme(setting: ThemeSetting): void {
  const root = document.documentElement
  root.dataset.theme = resolveTheme(setting)
  root.dataset.themeSetting = setting
  try {
    window.localStorage.setItem(CACHE_KEY, setting)
  } catch {
    // Only a cache against a flash of the wrong theme at startup.
  }
}

/** The last theme used in this browser profile, applied before the core answers. */
export function cachedTheme(): ThemeSetting {
  try {
    const value = window.localStorage.getItem(CACHE_KEY)
    if (value === 'light' || value === 'dark' || value === 'system') return value
  } catch {
    // Fall through to the system theme.
  }
  return 'system'
}

export function watchSystemTheme(onChange: () => void): () => void {
  const query = window.matchMedia(DARK_QUERY)
  query.addEventListener('change', onChange)
  return () => query.removeEventListener('change', onChange)
}
