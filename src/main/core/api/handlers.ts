import type { Core } from '../index'
import type { Handlers } from './dispatch'

/** Binds every contract request to the core; the type makes a missing entry a compile error. */
export function createHandlers(core: Core): Handlers {
  const { providers, conversations, chat, bus } = core
  const conversationChanged = (id: string, deleted = false): void => bus.publish('conversations.changed', { id, deleted })
  return {
    'app.info': () => core.info(),
    'settings.get': () => core.settings.get(),
    'settings.set': (patch) => core.setSettings(patch),
    'health.snapshot': () => core.health(),
    'jobs.list': () => core.jobs.list(),
    'jobs.cancel': ({ id }) => core.jobs.cancel(id),
    'db.check': () => core.checkDatabase(),

    'providers.list': () => providers.list(),
    'providers.presets': () => providers.presets(),
    'providers.add': (input) => providers.add(input),
    'providers.update': (input) => providers.update(input),
    'providers.remove': async ({ id }) => ({ removed: await providers.remove(id) }),
    'providers.addKey': ({ providerId, apiKey, label }) => providers.addKey(providerId, apiKey, label),
    'providers.removeKey': ({ providerId, keyId }) => providers.removeKey(providerId, keyId),
    'providers.test': ({ id }) => providers.test(id),
    'providers.discover': (_input, { signal }) => providers.discover(signal),
    'models.list': (input) => providers.models(input?.providerId),
    'catalog.list': () => core.catalog.list(),
    'catalog.set': (entry) => core.catalog.set(entry),
    'ollama.pull': async ({ providerId, model }) => {
      const ollama = await providers.ollama(providerId)
      const { job, result } = core.jobs.start('ollama.pull', `Pull ${model}`, ({ signal, progress }) =>
        ollama.pull(model, { signal, onProgress: (p) => progress(p.fraction, p.status) })
      )
      result.then(() => providers.forgetModels(providerId), () => {}) // failures show on the job
      return job
    },
    'ollama.delete': async ({ providerId, model }, { signal }) => {
      await (await providers.ollama(providerId)).delete(model, { signal })
      providers.forgetModels(providerId)
      return { deleted: true }
    },
    'ollama.show': async ({ providerId, model }, { signal }) => (await providers.ollama(providerId)).show(model, { signal }),

    'conversations.list': (input) => conversations.list(input?.query),
    'conversations.create': (input) => {
      const created = conversations.create(input)
      conversationChanged(created.id)
      return created
    },
    'conversations.get': ({ id }) => conversations.get(id),
    'conversations.update': ({ id, ...patch }) => {
      const updated = conversations.update(id, patch)
      conversationChanged(id)
      return updated
    },
    'conversations.delete': ({ id }) => {
      const messages = conversations.get(id).messages
      for (const m of messages) chat.stop(m.id)
      const deleted = conversations.delete(id)
      conversationChanged(id, true)
      return { deleted }
    },
    'chat.send': (input) => chat.send(input),
    'chat.regenerate': (input) => chat.regenerate(input),
    'chat.edit': (input) => chat.edit(input),
    'chat.stop': ({ messageId }) => ({ stopped: chat.stop(messageId) })
  }
}
