import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { z } from 'zod'
import type { AppInfo, EventMap, Health, Job, Settings, SettingsPatch } from '../../shared/contract'
import { NexusError } from '../../shared/errors'
import { createDispatch, type Dispatch } from './api/dispatch'
import { createHandlers } from './api/handlers'
import { openDatabase, type Db } from './db/connection'
import { schemaVersion } from './db/migrations'
import { EventBus } from './events/bus'
import { healthSnapshot } from './health'
import { JobTracker } from './jobs/tracker'
import { DataDirLock, type LockInfo } from './lock'
import { SettingsStore } from './settings/store'
import { ModelCatalog } from './catalog/catalog'
import { ChatService } from './chat/service'
import { ConversationStore } from './chat/store'
import { ProviderConfigStore } from './providers/config'
import { ProviderService } from './providers/service'
import { chooseSecretStore } from './secrets/choose'
import type { Encryptor, KeytarLike, SecretStore } from './secrets/types'
import { UsageRecorder } from './usage/recorder'
import { createResilience, type Resilience } from './resilience/policy'
import { BreakerStore } from './resilience/store'
import { IntentExamples } from './routing/examples'
import { FeedbackStore } from './routing/feedback'
import { ObservationStore } from './routing/observations'
import { ProfileStore } from './routing/profile-store'
import { Router } from './routing/router'
import { IntentKnn } from './routing/intent-knn'
import { HealthProbes } from './routing/probes'
import { createCoreMetrics, type CoreMetrics } from './metrics/core-metrics'
import { recordBusMetrics, recordCallMetrics } from './metrics/wire'
import { createEvents, type Events } from './events'
import { WorkflowStore } from './dag/store'
import { RunStore } from './dag/runs'
import { Executions } from './dag/executions'
import { createWorkflowLlm } from './dag/llm'
import { WorkflowSecrets } from './dag/secrets'
import { ToolRunner } from './dag/tools/runner'
import { ToolStore } from './dag/tools/store'
import { eventSubscriberName, TriggerManager } from './dag/triggers'
import { findExamplesDir, WorkflowService } from './dag/workflows'

export const DATABASE_FILE = 'nexus.db'

export interface CoreOptions {
  dataDir: string
  mode: AppInfo['mode']
  /** The app's version (package.json), shown in app info. */
  version: string
  /** Runtime versions to report (node, electron, chrome...). */
  versions?: Record<string, string>
  /** better_sqlite3.node built for Electron's ABI, when not running under plain Node. */
  nativeBinding?: string
  /** Take the data dir's lock (default true); read-only tools may skip it. */
  lock?: boolean
  /** Where errors thrown by event handlers are reported. */
  onError?: (err: unknown, where: string) => void
  /**
   * Environment for providers configured by OPENAI_API_KEY and friends, and for
   * NEXUS_REQUIRE_KEYCHAIN. The desktop app passes none: its providers come from Settings.
   */
  env?: NodeJS.ProcessEnv
  /** Electron safeStorage, the desktop app's fallback when no keychain answers. */
  encryptor?: Encryptor
  /** keytar (or a loader for it) when not the one in node_modules. */
  keytar?: KeytarLike | (() => KeytarLike)
  /** Use this SecretStore instead of choosing one (tests). */
  secretStore?: SecretStore
  /** Folder of the example workflows (default: the examples/ folder of the app). */
  examplesDir?: string
}

export interface Core {
  readonly dataDir: string
  readonly databasePath: string
  readonly db: Db
  readonly bus: EventBus<EventMap>
  readonly jobs: JobTracker
  readonly settings: SettingsStore
  readonly providers: ProviderService
  readonly conversations: ConversationStore
  readonly chat: ChatService
  readonly catalog: ModelCatalog
  readonly usage: UsageRecorder
  readonly resilience: Resilience
  readonly intentExamples: IntentExamples
  readonly router: Router
  readonly profiles: ProfileStore
  readonly observations: ObservationStore
  readonly feedback: FeedbackStore
  readonly metrics: CoreMetrics
  readonly probes: HealthProbes
  readonly events: Events
  readonly workflows: WorkflowService
  readonly executions: Executions
  readonly runs: RunStore
  readonly tools: ToolRunner
  readonly workflowSecrets: WorkflowSecrets
  readonly triggers: TriggerManager
  /** The SecretStore, chosen on first use: probing the keychain takes a moment. */
  secrets(): Promise<SecretStore>
  /** Runs a contract request: validation, handler, typed errors. Never throws. */
  readonly dispatch: Dispatch
  info(): AppInfo
  health(): Health
  setSettings(patch: z.output<typeof SettingsPatch>): Settings
  checkDatabase(): Job
  /** Records where this process can be reached, for CLI commands run while it holds the lock. */
  setEndpoint(endpoint: LockInfo['endpoint']): void
  close(): void
}

/** Wires the whole core against one data dir. Nothing here may import electron. */
export function createCore(options: CoreOptions): Core {
  const dataDir = path.resolve(options.dataDir)
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  } catch (err) {
    throw new NexusError('UNAVAILABLE', `Cannot create the data dir ${dataDir}: ${(err as Error).message}`)
  }
  const lock = options.lock === false ? null : DataDirLock.acquire(dataDir, options.mode)
  const databasePath = path.join(dataDir, DATABASE_FILE)
  let db: Db
  try {
    db = openDatabase(databasePath, { nativeBinding: options.nativeBinding })
  } catch (err) {
    lock?.release()
    throw err
  }

  const report = options.onError ?? ((err, where) => console.error(`[nexus] ${where}:`, err))
  const startedAt = Date.now()
  const bus = new EventBus<EventMap>((err, topic) => report(err, `event handler for ${topic}`))
  const jobs = new JobTracker((job) => bus.publish('jobs.updated', job))
  const settings = new SettingsStore(db)
  const env = options.env ?? {}
  let chosen: Promise<SecretStore> | undefined
  const secrets = (): Promise<SecretStore> =>
    (chosen ??= options.secretStore
      ? Promise.resolve(options.secretStore)
      : chooseSecretStore({ mode: options.mode, db, env, encryptor: options.encryptor, keytar: options.keytar }).then(
          ({ store, notice }) => {
            if (notice) console.warn(`[nexus] ${notice}`)
            return store
          }
        ))
  const catalog = new ModelCatalog(db)
  const metrics = createCoreMetrics()
  const usage = new UsageRecorder(db, (call) => recordCallMetrics(metrics, call))
  recordBusMetrics(bus, metrics)
  const conversations = new ConversationStore(db)
  const events = createEvents({ db, bus, report })
  const providers = new ProviderService({
    sagas: events.sagas,
    configs: new ProviderConfigStore(db),
    secrets,
    catalog,
    env: options.mode === 'desktop' ? undefined : env,
    onChange: (list) => bus.publish('providers.changed', list),
    keyStrategy: () => settings.get().keyBalancing
  })
  const breakerStore = new BreakerStore(db)
  const openMs = Number(env.NEXUS_BREAKER_OPEN_MS)
  const resilience = createResilience({
    // One person's calls are few: judge a provider on 3 calls within 5 minutes. End-to-end tests
    // shorten the open time (NEXUS_BREAKER_OPEN_MS) to watch a breaker recover.
    breaker: { minimumVolume: 3, windowMs: 5 * 60_000, ...(Number.isFinite(openMs) && openMs > 0 ? { openMs } : {}) },
    describe: (key) => {
      const slash = key.indexOf('/')
      const provider = providers.list().find((p) => p.id === key.slice(0, slash))
      return provider ? `${provider.name} ${key.slice(slash + 1)}` : key
    },
    onEvent: (event) => {
      if (event.type !== 'breaker') return
      breakerStore.save(event.snapshot)
      bus.publish('breaker.transition', {
        key: event.key,
        from: event.from,
        to: event.to,
        at: new Date(event.at).toISOString(),
        reason: event.reason,
        traceId: event.traceId ?? null
      })
    }
  })
  resilience.breakers.restore(breakerStore.load())
  const profiles = new ProfileStore(catalog)
  profiles.loadShipped()
  const observations = new ObservationStore(db)
  const feedback = new FeedbackStore(db)
  const probes = new HealthProbes(providers, observations, profiles)
  // The CLI lives for one command: only long-running processes probe in the background.
  if (options.mode !== 'cli') probes.start()
  const router = new Router({ providers, profiles, observations, feedback, resilience, settings: () => settings.get(), lastProbe: (id) => probes.lastProbe(id),
    intentKnn: new IntentKnn({ db, providers }),
    intentEmbeddingModel: () => settings.get().intentEmbeddingModel
  })
  const workflowStore = new WorkflowStore(db)
  const runs = new RunStore(db, { pid: process.pid, token: randomUUID() })
  const workflowSecrets = new WorkflowSecrets(db, secrets)
  const tools = new ToolRunner({ store: new ToolStore(db) })
  const route = (request: Parameters<Router['route']>[0], traceId: string) => router.route(request, traceId)
  const executions = new Executions({
    bus,
    jobs,
    store: workflowStore,
    runs,
    tools,
    secrets: workflowSecrets,
    onError: report,
    llm: createWorkflowLlm({ providers, catalog, usage, resilience, bus, route, deadlineSeconds: () => settings.get().routingDeadlineSeconds })
  })
  const workflows = new WorkflowService({ store: workflowStore, runs, executions, secrets: workflowSecrets, bus, examplesDir: options.examplesDir ?? findExamplesDir(__dirname) })
  const triggers = new TriggerManager({
    db,
    list: () => workflowStore.triggers(),
    start: (id, inputs, trigger) => executions.startSaved(id, inputs, trigger),
    subscribeDurable: (subscription) => events.durable.register(subscription),
    onError: report
  })
  const chat = new ChatService({ store: conversations, providers, catalog, usage, bus, resilience, route, deadlineSeconds: () => settings.get().routingDeadlineSeconds })
  let closed = false

  const core: Core = {
    dataDir,
    databasePath,
    db,
    bus,
    jobs,
    settings,
    providers,
    conversations,
    chat,
    catalog,
    usage,
    resilience,
    intentExamples: new IntentExamples(db),
    router,
    profiles,
    observations,
    feedback,
    metrics,
    probes,
    events,
    workflows,
    executions,
    runs,
    tools,
    workflowSecrets,
    triggers,
    secrets,
    dispatch: (name, input, signal) => dispatch(name, input, signal),
    info: () => {
      const sizes = ['', '-wal', '-shm'].map((suffix) => {
        try {
          return fs.statSync(databasePath + suffix).size
        } catch {
          return 0
        }
      })
      const row = db.prepare('SELECT sqlite_version() AS s, vec_version() AS v').get() as {
        s: string
        v: string
      }
      return {
        name: 'NEXUS',
        version: options.version,
        mode: options.mode,
        dataDir,
        databasePath,
        databaseSizeBytes: sizes.reduce((a, b) => a + b, 0),
        schemaVersion: schemaVersion(db),
        sqliteVersion: row.s,
        sqliteVecVersion: row.v,
        platform: `${process.platform}-${process.arch}`,
        versions: { node: process.versions.node, ...options.versions }
      }
    },
    health: () => healthSnapshot(db, jobs.list().filter((j) => j.state === 'running').length, startedAt),
    setSettings: (patch) => {
      const next = settings.set(patch)
      bus.publish('settings.changed', next)
      return next
    },
    checkDatabase: () =>
      jobs.start('db.check', 'Database integrity check', async ({ progress, signal }) => {
        progress(null, 'Checking every page of the database')
        await new Promise((resolve) => setImmediate(resolve))
        if (signal.aborted) return
        const problems = db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[]
        const result = problems.map((p) => p.integrity_check)
        if (result.length !== 1 || result[0] !== 'ok') {
          throw new Error(`Integrity check found problems: ${result.slice(0, 5).join('; ')}`)
        }
        progress(1, 'No problems found')
      }).job,
    setEndpoint: (endpoint) => lock?.setEndpoint(endpoint),
    close: () => {
      if (closed) return
      closed = true
      probes.stop()
      triggers.stop()
      executions.close()
      events.close()
      chat.close()
      jobs.cancelAll()
      db.close()
      lock?.release()
    }
  }
  const dispatch = createDispatch(createHandlers(core))
  // Sagas a crash left half done are undone, by the process that owns the data dir only.
  if (lock) void events.sagas.recover().catch((err: unknown) => report(err, 'recovering sagas'))
  // Long-running processes keep automations going: triggers, and runs a crashed process left behind.
  if (options.mode !== 'cli') {
    triggers.sync()
    bus.subscribe('workflows.changed', ({ id }) => {
      triggers.sync()
      // A deleted workflow, or an event trigger turned off: its subscriber's offset would hold back log pruning forever.
      if (!workflowStore.find(id)?.file.triggers.event) events.durable.forget(eventSubscriberName(id))
    })
    void executions.recoverOrphans(settings.get().orphanRuns).catch((err: unknown) => report(err, 'resuming workflow runs'))
  }
  return core
}
