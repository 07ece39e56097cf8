import { create } from 'zustand'
import type { ErrorCode } from '../../../shared/errors'
import { isNexusError } from '../../../shared/errors'
import { createAppClient, type LinkStatus } from '../api/client'
import { CONNECTION_ERROR_CODES } from '../api/transport'
import { appClient, client, setAppClient } from './session'
import { useInfo } from './info'
import { useSettings } from './settings'
import { useJobs } from './jobs'
import { useUi } from './ui'
import { reloadLive, subscribeLive } from './live'

/** Why the core cannot be used: gone, refusing this window's token, or no token at all. */
export type ProblemKind = 'unreachable' | 'unauthorized' | 'no-token'

export interface Problem {
  kind: ProblemKind
  message: string
}

interface ConnectionStore {
  status: 'connecting' | 'ready' | 'down'
  problem: Problem | null
  /** A retry (manual or automatic) is under way. */
  retrying: boolean
  start(): void
  retry(): Promise<void>
}

let bootstrapping = false
let firstLoad = true

export const useConnection = create<ConnectionStore>()((set, get) => {
  const goDown = (problem: Problem): void => {
    set({ status: 'down', problem })
  }

  /** The browser cannot tell why a WebSocket upgrade failed: ask whether the host answers HTTP. */
  const classify = async (code: ErrorCode, message: string): Promise<Problem> => {
    if (code === 'UNAUTHORIZED') return { kind: 'unauthorized', message }
    const origin = appClient()?.hostOrigin
    if (!origin) return { kind: 'unreachable', message }
    try {
      const res = await fetch(`${origin}/`, { cache: 'no-store' })
      if (res.ok) {
        return {
          kind: 'unauthorized',
          message: 'The NEXUS host answered, but refused the connection for this window.'
        }
      }
    } catch {
      // Nothing answers: the host has stopped.
    }
    return { kind: 'unreachable', message }
  }

  const onConnectionError = (code: ErrorCode, message: string): void => {
    // While (re)connecting, bootstrap() itself decides; once down, there is nothing to add.
    if (bootstrapping || get().status === 'down') return
    void classify(code, message).then(goDown)
  }

  const onLinkStatus = (status: LinkStatus): void => {
    if (status === 'closed' && get().status === 'ready') {
      onConnectionError('UNAVAILABLE', 'The connection to the NEXUS core was closed.')
    } else if (status === 'open' && get().status === 'down') {
      // The transport reconnected on its own: reload what may have changed meanwhile.
      void bootstrap()
    }
  }

  const bootstrap = async (): Promise<void> => {
    if (bootstrapping) return
    bootstrapping = true
    set({ retrying: get().status === 'down' })
    try {
      await Promise.all([useSettings.getState().load(), useInfo.getState().load(), useJobs.getState().load()])
      if (firstLoad) {
        firstLoad = false
        const open = useSettings.getState().settings?.activityPanelOpen
        if (open) useUi.getState().setActivityOpen(true)
      }
      set({ status: 'ready', problem: null })
      reloadLive()
    } catch (err) {
      if (isNexusError(err) && CONNECTION_ERROR_CODES.includes(err.code)) {
        goDown(await classify(err.code, err.message))
      } else {
        // The core answers but one request failed: show the shell, the page says what failed.
        set({ status: 'ready', problem: null })
        reloadLive()
      }
    } finally {
      bootstrapping = false
      set({ retrying: false })
    }
  }

  return {
    status: 'connecting',
    problem: null,
    retrying: false,
    start() {
      if (appClient()) return
      const app = createAppClient({ onLinkStatus, onConnectionError })
      setAppClient(app)
      if (!app.hasToken) {
        goDown({
          kind: 'no-token',
          message: 'This page was opened without the access token that the NEXUS host prints.'
        })
        return
      }
      client().on('jobs.updated', (job) => useJobs.getState().receive(job))
      client().on('settings.changed', (settings) => useSettings.getState().receive(settings))
      subscribeLive(client())
      void bootstrap()
    },
    async retry() {
      if (get().problem?.kind === 'no-token') return
      await bootstrap()
    }
  }
})
