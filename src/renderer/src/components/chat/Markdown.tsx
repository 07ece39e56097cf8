import { memo, type ReactElement, type ReactNode } from 'react'
import ReactMarkdown, { type Components, type Options } from 'react-markdown'
import remarkGfm from 'remark-gfm'
import rehypeHighlight from 'rehype-highlight'
import { openExternal, safeHttpUrl } from '../../lib/links'
import { CodeBlock } from './CodeBlock'

function SafeLink({ href, children }: { href?: string; children?: ReactNode }): ReactElement {
  const url = safeHttpUrl(href)
  if (!url) {
    return (
      <span className="md-link-blocked" title="Not a web link: NEXUS does not open it.">
        {children}
      </span>
    )
  }
  return (
    <a
      href={url}
      rel="noopener noreferrer"
      title={`Open ${url} in your browser`}
      onClick={(event) => {
        event.preventDefault()
        openExternal(url)
      }}
      onAuxClick={(event) => event.preventDefault()}
    >
      {children}
    </a>
  )
}

/** Remote images are not loaded (tracking pixels, CSP): the image is shown as a link instead. */
function ImageLink({ src, alt }: { src?: string; alt?: string }): ReactElement {
  const label = `Image: ${alt || 'untitled'}`
  const url = typeof src === 'string' ? safeHttpUrl(src) : null
  return url ? <SafeLink href={url}>{label}</SafeLink> : <span className="md-link-blocked">{label}</span>
}

const COMPONENTS: Components = {
  a: ({ href, children }) => <SafeLink href={href}>{children}</SafeLink>,
  img: ({ src, alt }) => <ImageLink src={typeof src === 'string' ? src : undefined} alt={alt} />,
  pre: ({ node, children }) => <CodeBlock node={node}>{children}</CodeBlock>,
  table: ({ children }) => (
    <div className="table-wrap">
      <table>{children}</table>
    </div>
  )
}

const REMARK: Options['remarkPlugins'] = [remarkGfm]
// Only fenced blocks that name their language are highlighted; unknown languages stay plain.
const REHYPE: Options['rehypePlugins'] = [[rehypeHighlight, { detect: false }]]

/**
 * Model output as markdown. Untrusted: raw HTML is shown as text (no rehype-raw), links open
 * only through openExternal and only for http(s), images are never fetched.
 */
export const Markdown = memo(function Markdown({ text }: { text: string }): ReactElement {
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={REMARK} rehypePlugins={REHYPE} components={COMPONENTS}>
        {text}
      </ReactMarkdown>
    </div>
  )
})
