import { useCallback, useEffect, useState } from 'react'
import { errorMessage } from '../stores/session'

export interface Query<T> {
  data: T | null
  error: string | null
  reload(): void
}

/** Fetches once the component shows, again on reload(); `fetch` must be stable (useCallback). */
export function useQuery<T>(what: string, fetch: () => Promise<T>): Query<T> {
  const [data, setData] = useState<T | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [tick, setTick] = useState(0)
  useEffect(() => {
    let live = true
    fetch().then(
      (value) => {
        if (!live) return
        setData(value)
        setError(null)
      },
      (err: unknown) => {
        if (live) setError(`${what}: ${errorMessage(err)}`)
      }
    )
    return () => {
      live = false
    }
  }, [fetch, what, tick])
  const reload = useCallback(() => setTick((t) => t + 1), [])
  return { data, error, reload }
}
