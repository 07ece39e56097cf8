/** What the window remembers across reloads (the open conversation, workflow, model). */
export function remember(key: string, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(key)
    else window.localStorage.setItem(key, value)
  } catch {
    // Storage disabled: nothing to remember across reloads.
  }
}

export function recall(key: string): string | null {
  try {
    return window.localStorage.getItem(key)
  } catch {
    return null
  }
}
