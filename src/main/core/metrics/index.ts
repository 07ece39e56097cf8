/** The core's metrics: the registry, window queries, Prometheus text and the standard metrics. */
export * from './registry'
export * from './window'
export * from './prometheus'
export { createCoreMetrics, type CoreMetrics } from './core-metrics'
