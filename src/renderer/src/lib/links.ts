/**
 * Links in model output are untrusted. Only http(s) URLs become links, and they never navigate
 * this window: they open through window.open, which the Electron main process intercepts and
 * confirms before handing the URL to the operating system.
 */
export function safeHttpUrl(raw: string | null | undefined): string | null {
  if (!raw) return null
  try {
    const url = new URL(raw)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}

export function openExternal(raw: string): void {
  const url = safeHttpUrl(raw)
  if (url) window.open(url, '_blank', 'noopener')
}
