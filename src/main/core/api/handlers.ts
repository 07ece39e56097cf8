import type { Core } from '../index'
import type { Handlers } from './dispatch'
import type { z } from 'zod'
import { randomUUID } from 'node:crypto'
import type { BreakerView, MonitorSnapshot } from '../../../shared/schemas/routing'
import { NexusError } from '../../../shared/errors'
import { healthScore } from '../routing/health'
import { toPrometheusText } from '../metrics/prometheus'
import { eventHandlers } from '../events/handlers'
import { workflowHandlers } from '../dag/handlers'
import { secretHandlers, toolHandlers } from '../dag/tools/handlers'

/** Per-model figures, breaker state and health over a window, with a time series for charts. */
function monitorSnapshot(core: Core, windowMinutes: number): z.infer<typeof MonitorSnapshot> {
  const windowMs = windowMinutes * 60_000
  const models = core.observations.compute(windowMs).map((o) => {
    const ref = `${o.providerId}/${o.model}`
    const breaker = core.resilience.breakers.state(ref)
    return {
      ref,
      providerId: o.providerId,
      model: o.model,
      breaker,
      health: healthScore({ calls: o.calls, errors: o.errors, breaker }).score,
      calls: o.calls,
      errorRate: o.errorRate,
      ttftP50: o.ttftP50,
      ttftP95: o.ttftP95,
      totalP50: o.totalP50,
      totalP95: o.totalP95,
      tokensPerSecond: o.tokensPerSecond,
      costUsd: o.costUsd
    }
  })
  // About 30 points per chart, whatever the window.
  const series = core.observations.series(windowMs, Math.max(60_000, Math.ceil(windowMs / 30)))
  return { windowMinutes, models, series }
}

/** Breakers as the Monitor page shows them; the failure rate is read from recorded usage. */
function breakerViews(core: Core): z.infer<typeof BreakerView>[] {
  const since = new Date(Date.now() - 5 * 60_000)
  const stats = core.usage.statsSince(since)
  return core.resilience.breakers.snapshot().map((snap) => {
    const state = core.resilience.breakers.state(snap.key)
    const s = stats.find((x) => `${x.providerId}/${x.model}` === snap.key)
    return {
      key: snap.key,
      state,
      retryAt: state === 'open' ? new Date(snap.openUntil).toISOString() : null,
      failureRate: s && s.calls > 0 ? s.errors / s.calls : 0
    }
  })
}

/** Binds every contract request to the core; the type makes a missing entry a compile error. */
export function createHandlers(core: Core): Handlers {
  const { providers, conversations, chat, bus } = core
  const conversationChanged = (id: string, deleted = false): void => bus.publish('conversations.changed', { id, deleted })
  return {
    ...eventHandlers(core.events),
    ...workflowHandlers(core),
    ...toolHandlers({ tools: core.tools, secrets: core.workflowSecrets, runWorkflow: (id, inputs, signal) => core.executions.runChild(id, inputs, signal) }),
    ...secretHandlers(core.workflowSecrets),
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
    'providers.test': async ({ id }) => {
      const result = await providers.test(id)
      core.probes.record(id, result.ok)
      return result
    },
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
    'chat.stop': ({ messageId }) => ({ stopped: chat.stop(messageId) }),
    'chat.feedback': ({ messageId, rating }) => {
      if (conversations.message(messageId).role !== 'assistant') throw new NexusError('BAD_REQUEST', 'Only answers can be rated.')
      core.feedback.set(messageId, rating)
      const message = conversations.message(messageId)
      bus.publish('chat.message', message)
      return { rating: message.rating }
    },

    'routing.route': ({ text, attachments, preference, weights }) => core.router.route({ text, attachments, preference, weights }, randomUUID()),
    'profiles.list': () => core.profiles.list(),
    'profiles.override': ({ provider, model, clear, ...patch }) => core.profiles.override(provider, model, patch, clear),
    'monitor.snapshot': (input) => monitorSnapshot(core, input?.windowMinutes ?? 60),

    'routing.correct': ({ text, intent }) => {
      core.intentExamples.add(text, intent)
      return { saved: true }
    },
    'breakers.list': () => breakerViews(core),
    'metrics.prometheus': () => ({ text: toPrometheusText(core.metrics.registry) }),
    'breakers.reset': ({ key }) => {
      core.resilience.breakers.reset(key)
      return breakerViews(core).find((b) => b.key === key) ?? { key, state: 'closed', retryAt: null, failureRate: 0 }
    }
  }
}
