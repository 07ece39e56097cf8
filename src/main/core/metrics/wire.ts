import type { EventMap } from '../../../shared/contract'
import type { EventBus } from '../events/bus'
import type { UsageRecord } from '../usage/recorder'
import type { CoreMetrics } from './core-metrics'

const BREAKER_LEVEL = { closed: 0, 'half-open': 1, open: 2 } as const

/** Feeds the core's metrics from the bus (breakers, fallbacks, jobs); returns an unsubscribe. */
export function recordBusMetrics(bus: EventBus<EventMap>, m: CoreMetrics): () => void {
  const offs = [
    bus.subscribe('breaker.transition', (t) => {
      m.breakerTransitions.inc({ breaker: t.key, to: t.to })
      m.breakerState.set({ breaker: t.key }, BREAKER_LEVEL[t.to])
    }),
    bus.subscribe('routing.fallback', (f) => {
      const slash = f.from.indexOf('/')
      m.routingFallbacks.inc({ provider: f.from.slice(0, slash), model: f.from.slice(slash + 1), code: f.code })
    }),
    bus.subscribe('jobs.updated', (job) => {
      if (job.state === 'running') return
      m.jobsFinished.inc({ job: job.kind, outcome: job.state })
      if (job.endedAt) m.jobDuration.observe({ job: job.kind }, Date.parse(job.endedAt) - Date.parse(job.startedAt))
    })
  ]
  return () => offs.forEach((off) => off())
}

/** One provider call, as recorded in the usage table. */
export function recordCallMetrics(m: CoreMetrics, call: UsageRecord): void {
  const labels = { provider: call.providerId, model: call.model }
  m.providerCalls.inc({ ...labels, outcome: call.outcome })
  m.providerLatency.observe(labels, call.totalMs)
  if (call.ttftMs !== null) m.providerTtft.observe(labels, call.ttftMs)
  m.providerTokens.inc({ ...labels, direction: 'in' }, call.inputTokens)
  m.providerTokens.inc({ ...labels, direction: 'out' }, call.outputTokens)
}
