import { useEffect, useRef, type ReactElement } from 'react'
import { useChat } from '../../stores/chat'
import { MessageItem } from './MessageItem'

/** How close to the bottom counts as "following the answer". */
const STICK_PX = 48

/**
 * The messages of the open conversation. Re-renders only when messages are added or removed;
 * streamed text re-renders its own message. Follows the bottom while the reader is there.
 */
export function MessageList({ empty }: { empty: ReactElement }): ReactElement {
  const order = useChat((s) => s.order)
  const conversationId = useChat((s) => s.conversation?.id ?? null)
  const scroller = useRef<HTMLDivElement>(null)
  const content = useRef<HTMLDivElement>(null)
  const stuck = useRef(true)

  useEffect(() => {
    const box = scroller.current
    const inner = content.current
    if (!box || !inner) return undefined
    const onScroll = (): void => {
      stuck.current = box.scrollHeight - box.scrollTop - box.clientHeight < STICK_PX
    }
    const follow = new ResizeObserver(() => {
      if (stuck.current) box.scrollTop = box.scrollHeight
    })
    box.addEventListener('scroll', onScroll, { passive: true })
    follow.observe(inner)
    return () => {
      box.removeEventListener('scroll', onScroll)
      follow.disconnect()
    }
  }, [])

  useEffect(() => {
    stuck.current = true
    const box = scroller.current
    if (box) box.scrollTop = box.scrollHeight
  }, [conversationId])

  return (
    <div ref={scroller} className="message-scroller" tabIndex={0} role="log" aria-label="Messages" aria-live="off">
      <div ref={content} className="message-list">
        {order.length === 0 ? empty : order.map((id) => <MessageItem key={id} id={id} />)}
      </div>
    </div>
  )
}
