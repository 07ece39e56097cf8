import { useCallback, useState } from 'react'
import { errorMessage } from '../stores/session'

export interface Action {
  busy: boolean
  error: string | null
  /** Runs `fn`; on failure keeps "<what>: <the core's message>" in `error` and resolves undefined. */
  run<T>(what: string, fn: () => Promise<T>): Promise<T | undefined>
  clear(): void
}

/** Busy flag and normalized error message of one button's request. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const run = useCallback(async <T,>(what: string, fn: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true)
    setError(null)
    try {
      return await fn()
    } catch (err) {
      setError(`${what}: ${errorMessage(err)}`)
      return undefined
    } finally {
      setBusy(false)
    }
  }, [])
  const clear = useCallback(() => setError(null), [])
  return { busy, error, run, clear }
}
