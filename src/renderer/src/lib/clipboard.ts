export type CopyOutcome = 'copied' | 'selected'

/**
 * Copies text. The async clipboard can be denied (Electron without the permission, a page
 * without focus); then the legacy copy command is tried, and as a last resort the caller is
 * told that the text could only be selected, for the user to copy by hand.
 */
export async function copyText(text: string, fallbackTarget?: HTMLElement | null): Promise<CopyOutcome> {
  try {
    await navigator.clipboard.writeText(text)
    return 'copied'
  } catch {
    // Denied or unavailable: fall through.
  }
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.className = 'offscreen'
  document.body.appendChild(area)
  area.select()
  let copied = false
  try {
    copied = document.execCommand('copy')
  } catch {
    copied = false
  }
  area.remove()
  if (copied) return 'copied'
  if (fallbackTarget) {
    const range = document.createRange()
    range.selectNodeContents(fallbackTarget)
    const selection = window.getSelection()
    selection?.removeAllRanges()
    selection?.addRange(range)
  }
  return 'selected'
}
