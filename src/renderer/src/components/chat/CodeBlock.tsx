import { useRef, useState, type ReactElement, type ReactNode } from 'react'
import type { Element } from 'hast'
import { copyText } from '../../lib/clipboard'

const STATUS_MS = 4000

/** The language of a fenced block, from the `language-xyz` class remark gives its <code>. */
function languageOf(node: Element | undefined): string | null {
  const code = node?.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code')
  const classes = code?.properties.className
  const list = Array.isArray(classes) ? classes.map(String) : []
  const lang = list.find((c) => c.startsWith('language-'))
  return lang ? lang.slice('language-'.length) : null
}

/** A fenced code block: highlighted by rehype-highlight, with a Copy button. */
export function CodeBlock({ node, children }: { node?: Element; children?: ReactNode }): ReactElement {
  const pre = useRef<HTMLPreElement>(null)
  const [status, setStatus] = useState<string | null>(null)
  const timer = useRef<number | undefined>(undefined)
  const lang = languageOf(node)

  const copy = async (): Promise<void> => {
    // A fenced block's text ends with the newline before its closing fence: not part of the code.
    const text = (pre.current?.textContent ?? '').replace(/\n$/, '')
    const outcome = await copyText(text, pre.current)
    setStatus(
      outcome === 'copied'
        ? 'Copied'
        : 'The clipboard is not available here: the code is selected, press Ctrl+C (⌘C) to copy it.'
    )
    window.clearTimeout(timer.current)
    timer.current = window.setTimeout(() => setStatus(null), outcome === 'copied' ? 2000 : STATUS_MS * 2)
  }

  return (
    <div className="code-block">
      <div className="code-head">
        <span className="code-lang">{lang ?? 'code'}</span>
        <span role="status" className="code-status">
          {status}
        </span>
        <button type="button" className="button button-small" onClick={() => void copy()}>
          Copy<span className="sr-only"> code</span>
        </button>
      </div>
      <pre ref={pre} tabIndex={0}>
        {children}
      </pre>
    </div>
  )
}
