/**
 * Keeps provider health fresh: local providers are probed (their model list) every few minutes,
 * paid ones only on demand; and a snapshot of observed figures is written every quarter hour
 * for trends. Timers are unref'd so they never keep a process alive.
 */
import type { ProviderService } from '../providers/service'
import { probeDecision, type ProbeResult } from './health'
import type { ObservationStore } from './observations'
import { isLocalProvider, type ProfileStore } from './profile-store'

const TICK_MS = 30_000
const SNAPSHOT_EVERY_MS = 15 * 60_000
const SNAPSHOT_WINDOW_MS = 60 * 60_000
const PROBE_TIMEOUT_MS = 5_000

export class HealthProbes {
  private readonly last = new Map<string, ProbeResult>()
  /** Ollama models whose reported details are already in their profile ("provider/model"). */
  private readonly detected = new Set<string>()
  private timer: NodeJS.Timeout | undefined
  private lastSnapshot = Date.now()

  constructor(
    private readonly providers: ProviderService,
    private readonly observations: ObservationStore,
    private readonly profiles: ProfileStore
  ) {}

  lastProbe(providerId: string): ProbeResult | null {
    return this.last.get(providerId) ?? null
  }

  /** Records a probe made elsewhere (a user's "Test connection"). */
  record(providerId: string, ok: boolean): void {
    this.last.set(providerId, { ok, at: Date.now() })
  }

  /** Probes every provider whose turn it is (or the one asked for); never throws. */
  async tick(requested?: string): Promise<void> {
    const now = Date.now()
    const due = this.providers
      .list()
      .filter((p) => p.enabled && probeDecision({ local: isLocalProvider(p), lastProbe: this.lastProbe(p.id), requested: p.id === requested, now }).due)
    await Promise.all(
      due.map(async (p) => {
        const adapter = await this.providers.adapter(p.id).catch(() => null)
        const result = adapter ? await adapter.health({ signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) }) : { ok: false }
        this.record(p.id, result.ok)
        if (result.ok && p.kind === 'ollama') await this.detectOllamaModels(p.id)
      })
    )
    if (now - this.lastSnapshot >= SNAPSHOT_EVERY_MS) {
      this.lastSnapshot = now
      this.observations.snapshot(SNAPSHOT_WINDOW_MS)
    }
  }

  /** Profiles local Ollama models from what Ollama reports of them (context, vision, tools, size). */
  private async detectOllamaModels(providerId: string): Promise<void> {
    try {
      const { models } = await this.providers.models(providerId)
      const ollama = await this.providers.ollama(providerId)
      for (const m of models.filter((x) => !this.detected.has(x.ref))) {
        const details = await ollama.show(m.model, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) })
        this.profiles.recordOllama(providerId, details)
        this.detected.add(m.ref)
      }
    } catch {
      // Ollama went away meanwhile: the next probe tries again.
    }
  }

  start(): void {
    this.timer ??= setInterval(() => void this.tick().catch(() => {}), TICK_MS)
    this.timer.unref()
  }

  stop(): void {
    clearInterval(this.timer)
    this.timer = undefined
  }
}
