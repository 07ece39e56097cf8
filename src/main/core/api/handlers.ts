import type { Core } from '../index'
import type { Handlers } from './dispatch'

/** Binds every contract request to the core; the type makes a missing entry a compile error. */
export function createHandlers(core: Core): Handlers {
  return {
    'app.info': () => core.info(),
    'settings.get': () => core.settings.get(),
    'settings.set': (patch) => core.setSettings(patch),
    'health.snapshot': () => core.health(),
    'jobs.list': () => core.jobs.list(),
    'jobs.cancel': ({ id }) => core.jobs.cancel(id),
    'db.check': () => core.checkDatabase()
  }
}
