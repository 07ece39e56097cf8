import type { ReactElement } from 'react'

/** The first Tab stop: jumps past the sidebar to the page's <main>. */
export function SkipLink(): ReactElement {
  return (
    <a
      className="skip-link"
      href="#main-content"
      onClick={(event) => {
        // Page navigation lives in the hash, so move the focus instead of following the link.
        event.preventDefault()
        document.getElementById('main-content')?.focus()
      }}
    >
      Skip to main content
    </a>
  )
}
