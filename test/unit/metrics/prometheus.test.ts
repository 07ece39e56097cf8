import { describe, expect, it } from 'vitest'
import { NexusError } from '../../../src/shared/errors'
import { createCoreMetrics, MetricsRegistry, queryWindow, toPrometheusText, bucketPercentile } from '../../../src/main/core/metrics'

describe('Prometheus text', () => {
  it('renders counters, gauges and histograms exactly', () => {
    const r = new MetricsRegistry({ now: () => 0 })
    const calls = r.counter('nexus_calls_total', 'Provider calls.', ['provider', 'model'])
    const depth = r.gauge('nexus_queue_depth', 'Queued calls.', ['queue'])
    const latency = r.histogram('nexus_latency_ms', 'Latency in ms.\nSecond line \\ backslash.', ['provider'], [10, 100])
    calls.inc({ provider: 'openai', model: 'gpt-4o' })
    calls.inc({ provider: 'openai', model: 'gpt-4o' }, 2)
    calls.inc({ provider: 'odd', model: 'a "quoted"\\path\nline' })
    depth.set({ queue: 'chat' }, 3)
    latency.observe({ provider: 'openai' }, 5)
    latency.observe({ provider: 'openai' }, 10)
    latency.observe({ provider: 'openai' }, 50)
    latency.observe({ provider: 'openai' }, 1000)
    expect(toPrometheusText(r)).toBe(
      [
        '# HELP nexus_calls_total Provider calls.',
        '# TYPE nexus_calls_total counter',
        'nexus_calls_total{provider="openai",model="gpt-4o"} 3',
        'nexus_calls_total{provider="odd",model="a \\"quoted\\"\\\\path\\nline"} 1',
        '# HELP nexus_queue_depth Queued calls.',
        '# TYPE nexus_queue_depth gauge',
        'nexus_queue_depth{queue="chat"} 3',
        '# HELP nexus_latency_ms Latency in ms.\\nSecond line \\\\ backslash.',
        '# TYPE nexus_latency_ms histogram',
        'nexus_latency_ms_bucket{provider="openai",le="10"} 2',
        'nexus_latency_ms_bucket{provider="openai",le="100"} 3',
        'nexus_latency_ms_bucket{provider="openai",le="+Inf"} 4',
        'nexus_latency_ms_sum{provider="openai"} 1065',
        'nexus_latency_ms_count{provider="openai"} 4',
        ''
      ].join('\n')
    )
  })

  it('renders unlabelled metrics without braces, and nothing for an empty registry', () => {
    const r = new MetricsRegistry()
    expect(toPrometheusText(r)).toBe('')
    r.counter('up_total', 'Up.').inc()
    expect(toPrometheusText(r)).toBe('# HELP up_total Up.\n# TYPE up_total counter\nup_total 1\n')
  })

  it('refuses bad names, a decreasing counter and a redefinition of another kind', () => {
    const r = new MetricsRegistry()
    expect(() => r.counter('bad-name', 'x')).toThrow(NexusError)
    expect(() => r.histogram('h', 'x', ['le'])).toThrow(/label/)
    const c = r.counter('c_total', 'x')
    expect(() => c.inc({}, -1)).toThrow(/only go up/)
    expect(() => r.gauge('c_total', 'x')).toThrow(/already defined/)
  })
})

describe('time windows', () => {
  it('sums per-minute slots within the window and forgets older ones', () => {
    let now = 10 * 60_000
    const r = new MetricsRegistry({ now: () => now, windowMinutes: 5 })
    const calls = r.counter('calls_total', 'x', ['provider'])
    const latency = r.histogram('lat_ms', 'x', ['provider'], [10, 100, 1000])
    calls.inc({ provider: 'a' }, 5)
    latency.observe({ provider: 'a' }, 500)
    now += 3 * 60_000
    calls.inc({ provider: 'a' }, 2)
    latency.observe({ provider: 'a' }, 5)
    latency.observe({ provider: 'a' }, 7)
    expect(queryWindow(r, 'calls_total', 1)[0]).toMatchObject({ labels: { provider: 'a' }, value: 2 })
    expect(queryWindow(r, 'calls_total', 5)[0]!.value).toBe(7)
    const w = queryWindow(r, 'lat_ms', 5, { provider: 'a' })[0]!
    expect(w.count).toBe(3)
    expect(w.p50).toBeCloseTo(7.5, 5)
    expect(w.p99).toBeGreaterThan(100)
    now += 10 * 60_000 // beyond the ring: the old slots no longer count
    calls.inc({ provider: 'a' })
    expect(queryWindow(r, 'calls_total', 60)[0]!.value).toBe(1)
    expect(queryWindow(r, 'calls_total', 5, { provider: 'b' })).toEqual([])
    expect(queryWindow(r, 'missing', 5)).toEqual([])
  })

  it('estimates percentiles inside buckets', () => {
    expect(bucketPercentile([10, 100], Float64Array.from([0, 10, 0]), 0.5)).toBeCloseTo(55, 5)
    expect(bucketPercentile([10, 100], Float64Array.from([0, 0, 4]), 0.5)).toBe(100)
    expect(bucketPercentile([10], Float64Array.from([0, 0]), 0.5)).toBeNull()
  })

  it('defines the core metrics with their labels', () => {
    const m = createCoreMetrics()
    m.providerCalls.inc({ provider: 'openai', model: 'gpt-4o', outcome: 'ok' })
    m.breakerState.set({ breaker: 'openai/gpt-4o' }, 2)
    m.queueDepth.set({ queue: 'chat' }, 1)
    m.jobsRunning.set({ job: 'db.check' }, 1)
    const text = toPrometheusText(m.registry)
    expect(text).toContain('nexus_provider_calls_total{provider="openai",model="gpt-4o",outcome="ok"} 1')
    expect(text).toContain('nexus_breaker_state{breaker="openai/gpt-4o"} 2')
    expect(text).toContain('# TYPE nexus_provider_ttft_ms histogram')
  })
})
