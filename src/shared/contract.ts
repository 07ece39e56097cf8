/**
 * The one contract between the UI (or any client) and the core: every request with its input
 * and output schema, and every event topic with its payload schema. Electron IPC, the preload,
 * the headless host's WebSocket and the renderer's client are all derived from this object.
 */
import { z } from 'zod'

/** Largest request input accepted from any transport, measured as JSON text. */
export const MAX_REQUEST_BYTES = 1024 * 1024

export const Theme = z.enum(['system', 'light', 'dark'])

export const Settings = z.object({
  theme: Theme,
  /** Show the Activity panel open when the app starts. */
  activityPanelOpen: z.boolean()
})
export type Settings = z.infer<typeof Settings>
export const DEFAULT_SETTINGS: Settings = { theme: 'system', activityPanelOpen: false }

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
  })
} as const

export const events = {
  'jobs.updated': Job,
  'settings.changed': Settings
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
