import { useEffect, useRef } from 'react'

/** Calls `run` now and then every `ms` while the component is shown. */
export function useInterval(run: () => void, ms: number): void {
  const latest = useRef(run)
  useEffect(() => {
    latest.current = run
  }, [run])
  useEffect(() => {
    latest.current()
    const timer = window.setInterval(() => latest.current(), ms)
    return () => window.clearInterval(timer)
  }, [ms])
}
