/**
 * The one contract between the UI (or any client) and the core: every request with its input
 * and output schema, and every event topic with its payload schema. Electron IPC, the preload,
 * the headless host's WebSocket and the renderer's client are all derived from this object.
 */
import { z } from 'zod'
import * as chat from './schemas/chat'
import * as prov from './schemas/providers'
import * as routing from './schemas/routing'
import * as ev from './schemas/events'
import * as wf from './schemas/workflows'

/** Largest request input accepted from any transport, measured as JSON text. */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024

export const Theme = z.enum(['system', 'light', 'dark'])

export const Settings = z.object({
  theme: Theme,
  /** Show the Activity panel open when the app starts. */
  activityPanelOpen: z.boolean(),
  /** What "auto" optimises for when it picks a model. */
  routingPreference: routing.Preference,
  /** Weights of the 'custom' preference. */
  routingWeights: routing.RankingWeights,
  /** How long "auto" may keep falling back to the next model before it gives up. */
  routingDeadlineSeconds: z.number().int().min(5).max(600),
  /** How calls share the keys of a provider that holds several. */
  keyBalancing: z.enum(['round-robin', 'least-connections', 'random', 'weighted', 'latency']),
  /** Embedding model ("provider/model") that lets your intent corrections vote; null: off. */
  intentEmbeddingModel: z.string().min(3).max(400).regex(/^[^/\s]+\/\S.*$/, 'write provider/model').nullable(),
  /** Workflow runs left behind by a crashed process: resume them, or mark them interrupted. */
  orphanRuns: wf.OrphanPolicy
})
export type Settings = z.infer<typeof Settings>
export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  activityPanelOpen: false,
  routingPreference: 'balanced',
  routingWeights: { quality: 40, cost: 20, latency: 20, health: 20 },
  routingDeadlineSeconds: 90,
  keyBalancing: 'round-robin',
  intentEmbeddingModel: null,
  orphanRuns: 'resume'
}

/** A change to some settings; fields left out keep their value. */
export const SettingsPatch = Settings.partial().strict()

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  mode: z.enum(['desktop', 'headless', 'cli']),
  dataDir: z.string(),
  databasePath: z.string(),
  databaseSizeBytes: z.number().int().nonnegative(),
  schemaVersion: z.number().int().nonnegative(),
  sqliteVersion: z.string(),
  sqliteVecVersion: z.string(),
  platform: z.string(),
  versions: z.record(z.string(), z.string())
})
export type AppInfo = z.infer<typeof AppInfo>

export const HealthStatus = z.enum(['ok', 'degraded', 'down'])
export const HealthCheck = z.object({
  name: z.string(),
  status: HealthStatus,
  detail: z.string()
})
export const Health = z.object({
  status: HealthStatus,
  checkedAt: z.string(),
  uptimeSeconds: z.number().nonnegative(),
  memory: z.object({ rssBytes: z.number(), heapUsedBytes: z.number() }),
  checks: z.array(HealthCheck)
})
export type Health = z.infer<typeof Health>

export const JobState = z.enum(['running', 'succeeded', 'failed', 'cancelled'])
export const Job = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  state: JobState,
  /** Fraction done in [0, 1], or null when the job cannot tell. */
  progress: z.number().min(0).max(1).nullable(),
  message: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  error: z.string().nullable()
})
export type Job = z.infer<typeof Job>

const NoInput = z.object({}).strict().optional()
const JobRef = z.object({ id: z.string().min(1).max(100) }).strict()

function request<I extends z.ZodType, O extends z.ZodType>(spec: {
  input: I
  output: O
  description: string
}): { input: I; output: O; description: string } {
  return spec
}

export const requests = {
  'app.info': request({
    input: NoInput,
    output: AppInfo,
    description: 'Version, data dir, database size and schema version.'
  }),
  'settings.get': request({ input: NoInput, output: Settings, description: 'Current settings.' }),
  'settings.set': request({
    input: SettingsPatch,
    output: Settings,
    description: 'Change some settings; returns all settings after the change.'
  }),
  'health.snapshot': request({
    input: NoInput,
    output: Health,
    description: 'Health of the core and its parts right now.'
  }),
  'jobs.list': request({
    input: NoInput,
    output: z.array(Job),
    description: 'Running jobs and the most recently finished ones.'
  }),
  'jobs.cancel': request({
    input: JobRef,
    output: Job,
    description: 'Ask a running job to stop.'
  }),
  'db.check': request({
    input: NoInput,
    output: Job,
    description: 'Start a database integrity check as a job.'
  }),

  'providers.list': request({ input: NoInput, output: z.array(prov.ProviderView), description: 'Configured providers, with key hints (never key values).' }),
  'providers.presets': request({ input: NoInput, output: z.array(prov.ProviderPreset), description: 'Provider families and OpenAI-compatible presets that can be added.' }),
  'providers.add': request({ input: prov.AddProvider, output: prov.ProviderView, description: 'Add a provider; a key given here goes to the keychain.' }),
  'providers.update': request({ input: prov.UpdateProvider, output: prov.ProviderView, description: 'Rename, re-point or enable/disable a provider.' }),
  'providers.remove': request({ input: prov.ProviderRef, output: z.object({ removed: z.boolean() }), description: 'Remove a provider and its keys.' }),
  'providers.addKey': request({ input: prov.AddKey, output: prov.ProviderView, description: 'Store another API key for a provider in the keychain.' }),
  'providers.removeKey': request({ input: prov.RemoveKey, output: prov.ProviderView, description: 'Delete one API key of a provider.' }),
  'providers.test': request({ input: prov.ProviderRef, output: prov.TestResult, description: 'Test the connection: list models, or the normalized error.' }),
  'providers.discover': request({ input: NoInput, output: z.array(prov.Discovered), description: 'Probe 127.0.0.1 for Ollama, LM Studio, llama.cpp and vLLM.' }),
  'models.list': request({ input: z.object({ providerId: z.string().max(100).optional() }).strict().optional(), output: prov.ModelsResult, description: 'Models of every enabled provider.' }),
  'catalog.list': request({ input: NoInput, output: z.array(prov.CatalogEntry), description: 'Model prices and context lengths.' }),
  'catalog.set': request({ input: prov.CatalogEntry.strict(), output: prov.CatalogEntry, description: 'Set the price of a model.' }),
  'ollama.pull': request({ input: prov.OllamaModelRef, output: Job, description: 'Pull an Ollama model as a job with progress.' }),
  'ollama.delete': request({ input: prov.OllamaModelRef, output: z.object({ deleted: z.boolean() }), description: 'Delete a local Ollama model.' }),
  'ollama.show': request({ input: prov.OllamaModelRef, output: prov.OllamaModelDetails, description: 'Context length and capabilities of an Ollama model.' }),

  'conversations.list': request({ input: chat.ListConversations, output: z.array(chat.ConversationSummary), description: 'Conversations, newest first, optionally filtered by title.' }),
  'conversations.create': request({ input: chat.CreateConversation, output: chat.ConversationSummary, description: 'Start a conversation.' }),
  'conversations.get': request({ input: chat.ConversationRef, output: chat.Conversation, description: 'A conversation with its messages.' }),
  'conversations.update': request({ input: chat.UpdateConversation, output: chat.ConversationSummary, description: 'Rename, or change the model or system prompt.' }),
  'conversations.delete': request({ input: chat.ConversationRef, output: z.object({ deleted: z.boolean() }), description: 'Delete a conversation and its messages.' }),
  'chat.send': request({ input: chat.SendMessage, output: chat.SendResult, description: 'Send a message; the answer streams as chat.delta events.' }),
  'chat.regenerate': request({ input: chat.Regenerate, output: chat.SendResult, description: 'Answer the message before this assistant message again.' }),
  'chat.edit': request({ input: chat.EditAndResend, output: chat.SendResult, description: 'Replace a user message, drop what followed, and resend.' }),
  'chat.stop': request({ input: chat.MessageRef, output: z.object({ stopped: z.boolean() }), description: 'Stop a streaming answer, keeping what arrived.' }),
  'chat.feedback': request({ input: routing.Feedback, output: z.object({ rating: z.number() }), description: 'Thumbs up or down on an answer (0 clears it).' }),

  'routing.route': request({ input: routing.RouteRequest, output: routing.RouteDecision, description: 'Classify a prompt and rank the configured models for it, without calling any.' }),
  'routing.correct': request({ input: routing.CorrectIntent, output: z.object({ saved: z.boolean() }), description: 'Correct the intent of a prompt; it becomes a labelled example.' }),
  'profiles.list': request({ input: NoInput, output: z.array(routing.ProfileView), description: 'Model profiles: context, capabilities, per-intent quality with sources, prices.' }),
  'profiles.override': request({ input: routing.ProfileOverride, output: routing.ProfileView, description: 'Override fields of a model profile.' }),
  'monitor.snapshot': request({ input: z.object({ windowMinutes: z.number().int().min(5).max(60 * 24 * 31).optional() }).strict().optional(), output: routing.MonitorSnapshot, description: 'Per-model health, latency, throughput, errors and cost over a window.' }),
  'breakers.list': request({ input: NoInput, output: z.array(routing.BreakerView), description: 'Circuit breakers and their state.' }),
  'metrics.prometheus': request({ input: NoInput, output: z.object({ text: z.string() }), description: 'Every metric in the Prometheus text format.' }),
  'breakers.reset': request({ input: z.object({ key: z.string().min(1).max(400) }).strict(), output: routing.BreakerView, description: 'Close a circuit breaker by hand.' }),

  'events.log': request({ input: ev.ReadLog, output: ev.LogPage, description: 'Persisted events after an offset or since a time (replay).' }),
  'events.subscribers': request({ input: NoInput, output: z.array(ev.SubscriberView), description: 'Durable subscribers with their offset, lag and dead letters.' }),
  'deadLetters.list': request({ input: z.object({ subscriber: z.string().max(100).optional() }).strict().optional(), output: z.array(ev.DeadLetter), description: 'Events a durable subscriber failed to handle after every attempt.' }),
  'deadLetters.retry': request({ input: ev.DeadLetterSelection, output: ev.RetryResult, description: 'Hand dead letters to their subscriber again; delivered ones leave the queue.' }),
  'deadLetters.purge': request({ input: ev.DeadLetterSelection, output: z.object({ purged: z.number().int() }), description: 'Delete dead letters.' }),
  'sagas.list': request({ input: NoInput, output: z.array(ev.SagaView), description: 'Recent sagas and their progress.' }),

  'workflows.list': request({ input: NoInput, output: z.array(wf.WorkflowSummary), description: 'Saved workflows, most recently changed first.' }),
  'workflows.get': request({ input: wf.WorkflowRef, output: wf.Workflow, description: 'A workflow with its file and validation issues.' }),
  'workflows.save': request({ input: wf.SaveWorkflow, output: wf.Workflow, description: 'Create or update a workflow; every save keeps a version.' }),
  'workflows.delete': request({ input: wf.WorkflowRef, output: z.object({ deleted: z.boolean() }), description: 'Delete a workflow and its versions (its runs stay in history).' }),
  'workflows.validate': request({ input: z.object({ file: z.unknown() }).strict(), output: z.array(wf.ValidationIssue), description: 'Check a workflow file without saving it.' }),
  'workflows.import': request({ input: wf.ImportWorkflow, output: wf.Workflow, description: 'Import a workflow file (JSON text) as a new workflow.' }),
  'workflows.export': request({ input: wf.WorkflowRef, output: z.object({ fileName: z.string(), text: z.string() }), description: 'The workflow as a JSON file (secrets stay references).' }),
  'workflows.versions': request({ input: wf.WorkflowRef, output: z.array(wf.WorkflowVersion), description: 'Saved versions, newest first.' }),
  'workflows.diff': request({ input: wf.DiffVersions, output: wf.WorkflowDiff, description: 'What changed between two versions.' }),
  'workflows.restore': request({ input: wf.VersionRef, output: wf.Workflow, description: 'Save an earlier version again as the newest one.' }),
  'workflows.examples': request({ input: NoInput, output: z.array(z.object({ fileName: z.string(), name: z.string(), description: z.string(), text: z.string() })), description: 'Example workflows shipped with NEXUS.' }),
  'workflows.triggers': request({ input: NoInput, output: z.array(wf.TriggerStatus), description: 'Armed schedules, folder watches and event triggers, with the next run time or the error.' }),
  'runs.start': request({ input: wf.StartRun, output: wf.RunSummary, description: 'Run a workflow; node states stream as workflow.node events.' }),
  'runs.startFile': request({ input: wf.StartFileRun, output: wf.RunSummary, description: 'Run a workflow file without saving it (the CLI\'s nexus run).' }),
  'runs.list': request({ input: wf.ListRuns.optional(), output: z.array(wf.RunSummary), description: 'Past and current runs, newest first.' }),
  'runs.get': request({ input: wf.RunRef, output: wf.Run, description: 'A run with every node input, output, state and log line.' }),
  'runs.cancel': request({ input: wf.RunRef, output: wf.RunSummary, description: 'Cancel a running workflow.' }),
  'runs.rerunFrom': request({ input: wf.RerunFrom, output: wf.RunSummary, description: 'Run again from a node, reusing the outputs upstream of it.' }),
  'tools.list': request({ input: NoInput, output: z.array(wf.ToolView), description: 'Built-in and user-defined tools for TOOL and AGENT nodes.' }),
  'tools.save': request({ input: wf.ToolDefinition, output: wf.ToolView, description: 'Create or replace a user-defined tool.' }),
  'tools.delete': request({ input: wf.ToolRef, output: z.object({ deleted: z.boolean() }), description: 'Delete a user-defined tool.' }),
  'secrets.list': request({ input: NoInput, output: z.array(z.object({ name: z.string(), updatedAt: z.string() })), description: 'Names of workflow secrets (never their values).' }),
  'secrets.set': request({ input: wf.SetSecret, output: z.object({ name: z.string(), updatedAt: z.string() }), description: 'Store a workflow secret in the keychain, used as {{secret.NAME}}.' }),
  'secrets.delete': request({ input: wf.SecretRef, output: z.object({ deleted: z.boolean() }), description: 'Delete a workflow secret.' }),
  'tools.test': request({ input: wf.TestTool, output: z.object({ result: z.unknown(), durationMs: z.number() }), description: 'Call a tool once with arguments.' })
} as const

export const events = {
  'jobs.updated': Job,
  'settings.changed': Settings,
  'providers.changed': z.array(prov.ProviderView),
  /** A piece of a streaming answer. */
  'chat.delta': chat.ChatDelta,
  /** A message was created or changed state (streaming, complete, interrupted, error...). */
  'chat.message': chat.Message,
  'conversations.changed': z.object({ id: z.string(), deleted: z.boolean() }),
  'breaker.transition': routing.BreakerTransition,
  'routing.fallback': routing.FallbackEvent,
  'workflows.changed': z.object({ id: z.string(), deleted: z.boolean() }),
  /** A run changed state. */
  'workflow.run': wf.RunEvent,
  /** A node of a run changed state. */
  'workflow.node': wf.NodeEvent,
  /** A log line of a run. */
  'workflow.log': wf.RunLog.extend({ runId: z.string() }),
  /** Dead letters were added, retried or purged. */
  'deadLetters.changed': z.object({ count: z.number().int().nonnegative() })
} as const

export type Requests = typeof requests
export type RequestName = keyof Requests
export type RequestInput<N extends RequestName> = z.input<Requests[N]['input']>
export type ParsedInput<N extends RequestName> = z.output<Requests[N]['input']>
export type RequestOutput<N extends RequestName> = z.output<Requests[N]['output']>

export type Events = typeof events
export type EventTopic = keyof Events
export type EventPayload<T extends EventTopic> = z.output<Events[T]>
export type EventMap = { [T in EventTopic]: EventPayload<T> }

export const REQUEST_NAMES = Object.keys(requests) as RequestName[]
export const EVENT_TOPICS = Object.keys(events) as EventTopic[]

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.hasOwn(requests, name)
}

/**
 * A subscription pattern: an exact topic, a prefix ending in `.*` (e.g. `jobs.*`), or `*`.
 */
export const TopicPattern = z
  .string()
  .min(1)
  .max(100)
  .regex(/^(\*|[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)*(\.\*)?)$/, 'not a topic pattern')

export function topicMatches(pattern: string, topic: string): boolean {
  if (pattern === '*' || pattern === topic) return true
  return pattern.endsWith('.*') && topic.startsWith(pattern.slice(0, -1))
}

/** Electron IPC channels, derived from the contract so no other file spells one. */
export const ipcChannels = {
  request: (name: RequestName): string => `nexus:req:${name}`,
  cancel: 'nexus:cancel',
  subscribe: 'nexus:subscribe',
  unsubscribe: 'nexus:unsubscribe',
  event: 'nexus:event'
} as const

/** What a request resolves to on every transport: a value or a typed error. */
export type Result<T> =
  | { ok: true; value: T }
  | { ok: false; error: import('./errors').SerializedError }
