import { useState } from 'react'

/**
 * Text typed for a value stored in another form (JSON, a number): the text stays as typed while
 * it maps to the stored value, and follows the value when it changes from outside (undo, restore).
 */
export function useDraft(value: unknown, format: (value: unknown) => string): [string, (text: string, stored: unknown) => void] {
  const [text, setText] = useState(() => format(value))
  const [seen, setSeen] = useState(value)
  if (seen !== value) {
    setSeen(value)
    setText(format(value))
  }
  const edit = (next: string, stored: unknown): void => {
    setText(next)
    setSeen(stored)
  }
  return [text, edit]
}
