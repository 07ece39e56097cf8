/** The metrics every part of the core records into, defined once with their labels. */
import { MetricsRegistry, type CounterHandle, type GaugeHandle, type HistogramHandle, type MetricsOptions } from './registry'

export interface CoreMetrics {
  registry: MetricsRegistry
  /** Provider calls by outcome ('ok' or the error code). */
  providerCalls: CounterHandle
  /** Time to first token and total time of provider calls, ms. */
  providerTtft: HistogramHandle
  providerLatency: HistogramHandle
  providerTokens: CounterHandle
  /** Breaker transitions, and the current state as a gauge (0 closed, 1 half-open, 2 open). */
  breakerTransitions: CounterHandle
  breakerState: GaugeHandle
  /** Calls waiting in a bulkhead queue, and how long they waited. */
  queueDepth: GaugeHandle
  queueWait: HistogramHandle
  jobsRunning: GaugeHandle
  jobsFinished: CounterHandle
  jobDuration: HistogramHandle
  routingFallbacks: CounterHandle
}

export function createCoreMetrics(options?: MetricsOptions): CoreMetrics {
  const r = new MetricsRegistry(options)
  const model = ['provider', 'model'] as const
  return {
    registry: r,
    providerCalls: r.counter('nexus_provider_calls_total', 'Provider calls by outcome.', [...model, 'outcome']),
    providerTtft: r.histogram('nexus_provider_ttft_ms', 'Time to first token of provider calls, in milliseconds.', model),
    providerLatency: r.histogram('nexus_provider_latency_ms', 'Total time of provider calls, in milliseconds.', model),
    providerTokens: r.counter('nexus_provider_tokens_total', 'Tokens sent and received.', [...model, 'direction']),
    breakerTransitions: r.counter('nexus_breaker_transitions_total', 'Circuit breaker transitions.', ['breaker', 'to']),
    breakerState: r.gauge('nexus_breaker_state', 'Circuit breaker state: 0 closed, 1 half-open, 2 open.', ['breaker']),
    queueDepth: r.gauge('nexus_queue_depth', 'Calls waiting in a bulkhead queue.', ['queue']),
    queueWait: r.histogram('nexus_queue_wait_ms', 'Time calls waited in a bulkhead queue, in milliseconds.', ['queue']),
    jobsRunning: r.gauge('nexus_jobs_running', 'Jobs running now.', ['job']),
    jobsFinished: r.counter('nexus_jobs_finished_total', 'Jobs finished by outcome.', ['job', 'outcome']),
    jobDuration: r.histogram('nexus_job_duration_ms', 'Job durations, in milliseconds.', ['job']),
    routingFallbacks: r.counter('nexus_routing_fallbacks_total', 'Fallbacks from one model to the next.', ['provider', 'model', 'code'])
  }
}
