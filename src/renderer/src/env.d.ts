import type { NexusBridge } from '../../shared/bridge'

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent when the renderer is served by the headless host. */
    readonly nexus?: NexusBridge
  }
}

export {}
