/** The pages of the shell, in sidebar order; Ctrl/Cmd + position switches to each. */
export const PAGE_IDS = ['chat', 'workflows', 'monitor', 'registry', 'settings'] as const
export type PageId = (typeof PAGE_IDS)[number]

export const PAGE_LABELS: Record<PageId, string> = {
  chat: 'Chat',
  workflows: 'Workflows',
  monitor: 'Monitor',
  registry: 'Registry',
  settings: 'Settings'
}

export function isPageId(value: string): value is PageId {
  return (PAGE_IDS as readonly string[]).includes(value)
}

/** `#/monitor` → 'monitor'; anything else → null. */
export function pageFromHash(hash: string): PageId | null {
  const id = hash.replace(/^#\/?/, '')
  return isPageId(id) ? id : null
}

export const IS_MAC = /Mac|iPhone|iPad/.test(navigator.userAgent)
export const MOD_KEY_LABEL = IS_MAC ? '⌘' : 'Ctrl+'

export function shortcutLabel(page: PageId): string {
  return `${MOD_KEY_LABEL}${PAGE_IDS.indexOf(page) + 1}`
}
