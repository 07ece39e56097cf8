/**
 * Scripts run inside the page. Kept as strings because the e2e code is type-checked with
 * Node's types only (no DOM lib), the same as the rest of the Node-side code.
 */

/** Logs every CSP violation as a console error, where the `problems` fixture collects it. */
export const REPORT_CSP_VIOLATIONS = `
document.addEventListener('securitypolicyviolation', (event) => {
  console.error('CSP violation: ' + event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline'))
})`

/**
 * The focused element and its focus ring: a short description of the element and the outline
 * style of what shows the focus (a hidden radio shows it on its label card).
 */
export const FOCUS_STATE = `(() => {
  const el = document.activeElement
  if (!el || el === document.body) return { element: 'body', outline: 'none' }
  const shown = el.matches('.choice input') ? el.closest('label') : el
  const name = el.getAttribute('aria-label') || el.textContent.trim().slice(0, 40)
  return { element: el.tagName.toLowerCase() + ' "' + name + '"', outline: getComputedStyle(shown).outlineStyle }
})()`

export interface FocusState {
  element: string
  outline: string
}
