/**
 * Workflows: the versioned graph format (what a workflow file holds), the config of every node
 * type, and the records of runs. The renderer validates the inspector with these same schemas;
 * the core validates imports, saves and runs with them.
 */
import { z } from 'zod'

export const WORKFLOW_FORMAT = 'nexus.workflow'
export const WORKFLOW_FORMAT_VERSION = 1

const Id = z.string().min(1).max(100)
/** Node ids appear in templates as {{id.field}}: letters, digits, _ and -, starting with a letter. */
export const NodeId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'a node id starts with a letter and holds only letters, digits, _ and -')
/** A model written provider/model, or "auto" to let routing pick one. */
export const ModelChoice = z.union([
  z.literal('auto'),
  z.string().min(3).max(400).regex(/^[^/\s]+\/\S.*$/, 'a model is written provider/model, or auto')
])
/** Text with {{variables}}: {{input.name}}, {{nodeId.path}}, {{item}}, {{secret.NAME}}. */
const Template = z.string().max(200_000)
/** A JSONata expression evaluated over the node's context (input, upstream outputs, item). */
const Expression = z.string().min(1).max(20_000)

export const RetryPolicy = z
  .object({
    /** Attempts in all, the first included. */
    attempts: z.number().int().min(1).max(10),
    backoffMs: z.number().int().min(0).max(600_000)
  })
  .strict()

export const StartInput = z
  .object({
    name: z.string().min(1).max(64).regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an input name is a letter or _ followed by letters, digits or _'),
    type: z.enum(['string', 'number', 'boolean', 'json']),
    required: z.boolean().default(true),
    default: z.unknown().optional(),
    description: z.string().max(500).optional()
  })
  .strict()

export const NODE_TYPES = ['START', 'END', 'LLM', 'AGENT', 'API', 'TRANSFORM', 'CONDITION', 'LOOP', 'SUBWORKFLOW', 'DELAY', 'TOOL'] as const
export const NodeTypeName = z.enum(NODE_TYPES)
export type NodeType = z.infer<typeof NodeTypeName>

export const WorkflowNode = z
  .object({
    id: NodeId,
    type: NodeTypeName,
    label: z.string().max(200).optional(),
    position: z.object({ x: z.number().finite(), y: z.number().finite() }).strict().default({ x: 0, y: 0 }),
    /** Checked against NodeConfigs[type] by validation, which names the node. */
    config: z.record(z.string(), z.unknown()).default({}),
    timeoutMs: z.number().int().min(10).max(24 * 3_600_000).optional(),
    retry: RetryPolicy.optional()
  })
  .strict()
export type WorkflowNode = z.infer<typeof WorkflowNode>

export const WorkflowEdge = z
  .object({
    id: Id,
    source: NodeId,
    target: NodeId,
    /** Which branch of a CONDITION this edge follows: 'true' or 'false'. */
    sourceHandle: z.enum(['true', 'false']).nullable().optional()
  })
  .strict()
export type WorkflowEdge = z.infer<typeof WorkflowEdge>

export const WorkflowBody = z
  .object({
    nodes: z.array(WorkflowNode).max(2_000),
    edges: z.array(WorkflowEdge).max(10_000)
  })
  .strict()
export type WorkflowBody = z.infer<typeof WorkflowBody>

/** Config of each node type. Adding a node type = one entry here + one executor module in core/dag/nodes. */
export const NodeConfigs = {
  START: z.object({ inputs: z.array(StartInput).max(50).default([]) }).strict(),
  END: z.object({ output: Template.optional() }).strict(),
  LLM: z
    .object({
      model: ModelChoice,
      system: Template.optional(),
      prompt: Template.min(1),
      /** Templates resolving to image data URLs (data:image/png;base64,...). */
      images: z.array(Template).max(8).optional(),
      temperature: z.number().min(0).max(2).optional(),
      maxTokens: z.number().int().min(1).max(200_000).optional(),
      /** Parse the answer as JSON (the first JSON object or array in it). */
      json: z.boolean().optional()
    })
    .strict(),
  AGENT: z
    .object({
      model: ModelChoice,
      system: Template.optional(),
      prompt: Template.min(1),
      tools: z.array(z.string().min(1).max(64)).max(32),
      maxSteps: z.number().int().min(1).max(50).default(8)
    })
    .strict(),
  API: z
    .object({
      method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']).default('GET'),
      url: Template.min(1),
      headers: z.record(z.string().min(1).max(200), Template).optional(),
      body: Template.optional(),
      timeoutMs: z.number().int().min(100).max(600_000).default(30_000),
      /** JSONata over { status, headers, body } choosing the node's output; default: the body. */
      mapping: Expression.optional()
    })
    .strict(),
  TRANSFORM: z
    .object({
      language: z.enum(['javascript', 'jsonata']),
      /** javascript: a function body that receives `input` (the node context) and returns a value. */
      code: z.string().min(1).max(100_000),
      timeoutMs: z.number().int().min(10).max(60_000).default(1_000),
      memoryMb: z.number().int().min(1).max(256).default(32)
    })
    .strict(),
  CONDITION: z.object({ expression: Expression }).strict(),
  LOOP: z
    .object({
      /** JSONata giving the list to map over. */
      items: Expression,
      /** The sub-graph run once per item, with {{item}} and {{index}}; its END output is collected. */
      body: WorkflowBody,
      concurrency: z.number().int().min(1).max(32).default(4)
    })
    .strict(),
  SUBWORKFLOW: z
    .object({
      workflowId: Id,
      /** Inputs of the called workflow, as templates. */
      inputs: z.record(z.string().min(1).max(64), Template).default({})
    })
    .strict(),
  DELAY: z.object({ ms: z.number().int().min(0).max(24 * 3_600_000) }).strict(),
  TOOL: z
    .object({
      tool: z.string().min(1).max(64),
      /** Arguments as templates, checked against the tool's JSON schema at run time. */
      arguments: z.record(z.string().min(1).max(64), Template).default({})
    })
    .strict()
} as const satisfies Record<NodeType, z.ZodType>

export const Triggers = z
  .object({
    /** A cron expression (5 or 6 fields); missed runs while NEXUS was closed: skip them, or run once. */
    schedule: z.object({ cron: z.string().min(9).max(200), missed: z.enum(['skip', 'run-once']).default('skip') }).strict().nullable().default(null),
    /** Run when a file in this folder is added or changed; the file's path is input `file`. */
    watch: z.object({ folder: z.string().min(1).max(4_000), pattern: z.string().max(200).optional() }).strict().nullable().default(null),
    /** Run on each persisted event matching this topic pattern (e.g. breaker.transition); the event is input `event`. */
    event: z.object({ pattern: z.string().min(1).max(100) }).strict().nullable().default(null),
    /** Allow the local gateway's webhook to start this workflow. */
    webhook: z.boolean().default(false)
  })
  .strict()
export type Triggers = z.infer<typeof Triggers>

export const RunSettings = z
  .object({
    /** Nodes running at once. */
    concurrency: z.number().int().min(1).max(64).default(4)
  })
  .strict()

/** A workflow file: what export writes and import reads. */
export const WorkflowFile = z
  .object({
    format: z.literal(WORKFLOW_FORMAT),
    version: z.literal(WORKFLOW_FORMAT_VERSION),
    name: z.string().min(1).max(200),
    description: z.string().max(4_000).default(''),
    nodes: z.array(WorkflowNode).min(1).max(2_000),
    edges: z.array(WorkflowEdge).max(10_000),
    triggers: Triggers.default({ schedule: null, watch: null, event: null, webhook: false }),
    settings: RunSettings.default({ concurrency: 4 })
  })
  .strict()
export type WorkflowFile = z.infer<typeof WorkflowFile>
export type WorkflowFileInput = z.input<typeof WorkflowFile>

/** One problem found by validation, pointing at the node (or edge) it is about. */
export const ValidationIssue = z.object({
  kind: z.enum(['cycle', 'unreachable', 'missing-input', 'unknown-variable', 'bad-config', 'bad-edge', 'structure']),
  message: z.string(),
  nodeId: z.string().nullable(),
  edgeId: z.string().nullable().optional(),
  /** The config field, when the issue is about one. */
  field: z.string().nullable().optional()
})
export type ValidationIssue = z.infer<typeof ValidationIssue>

export const WorkflowSummary = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  version: z.number().int().positive(),
  nodeCount: z.number().int().nonnegative(),
  triggers: Triggers,
  updatedAt: z.string(),
  lastRun: z.object({ id: Id, status: z.string(), startedAt: z.string() }).nullable()
})
export type WorkflowSummary = z.infer<typeof WorkflowSummary>

export const Workflow = WorkflowSummary.extend({ file: WorkflowFile, issues: z.array(ValidationIssue) })
export type Workflow = z.infer<typeof Workflow>

export const WorkflowVersion = z.object({ version: z.number().int().positive(), savedAt: z.string(), note: z.string(), nodeCount: z.number().int() })

/** What changed between two versions, node by node. */
export const WorkflowDiff = z.object({
  from: z.number().int(),
  to: z.number().int(),
  nodes: z.array(z.object({ id: z.string(), change: z.enum(['added', 'removed', 'changed']), fields: z.array(z.string()) })),
  edges: z.array(z.object({ id: z.string(), change: z.enum(['added', 'removed']), source: z.string(), target: z.string() })),
  meta: z.array(z.string())
})
export type WorkflowDiff = z.infer<typeof WorkflowDiff>

export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted'] as const
export const RunStatus = z.enum(RUN_STATUSES)
export type RunStatus = z.infer<typeof RunStatus>
export const NODE_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'skipped', 'cancelled'] as const
export const NodeStatus = z.enum(NODE_STATUSES)
export type NodeStatus = z.infer<typeof NodeStatus>

export const RunTrigger = z.enum(['manual', 'schedule', 'watch', 'event', 'cli', 'webhook', 'subworkflow', 'rerun', 'resume'])

export const RunSummary = z.object({
  id: Id,
  workflowId: Id,
  workflowName: z.string(),
  version: z.number().int(),
  status: RunStatus,
  trigger: RunTrigger,
  traceId: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  error: z.string().nullable()
})
export type RunSummary = z.infer<typeof RunSummary>

export const NodeRun = z.object({
  nodeId: z.string(),
  status: NodeStatus,
  attempt: z.number().int().nonnegative(),
  input: z.unknown().nullable(),
  output: z.unknown().nullable(),
  error: z.string().nullable(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  durationMs: z.number().nullable()
})
export type NodeRun = z.infer<typeof NodeRun>

export const RunLog = z.object({ at: z.string(), nodeId: z.string().nullable(), level: z.enum(['info', 'warn', 'error']), message: z.string() })
export type RunLog = z.infer<typeof RunLog>

export const Run = RunSummary.extend({
  inputs: z.record(z.string(), z.unknown()),
  output: z.unknown().nullable(),
  file: WorkflowFile,
  nodes: z.array(NodeRun),
  logs: z.array(RunLog)
})
export type Run = z.infer<typeof Run>

/** Published on 'workflow.node' as each node changes state. */
export const NodeEvent = z.object({
  runId: Id,
  workflowId: Id,
  nodeId: z.string(),
  status: NodeStatus,
  attempt: z.number().int(),
  traceId: z.string(),
  at: z.string(),
  durationMs: z.number().nullable(),
  error: z.string().nullable()
})
/** Published on 'workflow.run' as a run changes state. */
export const RunEvent = RunSummary

// Requests.
export const WorkflowRef = z.object({ id: Id }).strict()
export const SaveWorkflow = z
  .object({
    /** Absent: a new workflow. */
    id: Id.optional(),
    file: z.unknown(),
    note: z.string().max(500).optional()
  })
  .strict()
export const ImportWorkflow = z.object({ text: z.string().min(1).max(8 * 1024 * 1024) }).strict()
export const VersionRef = z.object({ id: Id, version: z.number().int().positive() }).strict()
export const DiffVersions = z.object({ id: Id, from: z.number().int().positive(), to: z.number().int().positive() }).strict()
const InputValue = z.union([z.string().max(1_000_000), z.number(), z.boolean(), z.null(), z.array(z.unknown()), z.record(z.string(), z.unknown())])
export const StartRun = z
  .object({ id: Id, inputs: z.record(z.string().min(1).max(64), InputValue).default({}) })
  .strict()
export const StartFileRun = z
  .object({ file: z.unknown(), inputs: z.record(z.string().min(1).max(64), InputValue).default({}), trigger: z.enum(['cli', 'manual']).default('cli') })
  .strict()
export const RunRef = z.object({ runId: Id }).strict()
export const RerunFrom = z.object({ runId: Id, nodeId: NodeId }).strict()
export const ListRuns = z.object({ workflowId: Id.optional(), limit: z.number().int().min(1).max(500).default(50) }).strict()
/** What to do with runs whose process died: resume them from their last completed nodes, or mark them interrupted. */
export const OrphanPolicy = z.enum(['resume', 'interrupt'])

// Tools.
export const TOOL_NAME = /^[a-zA-Z][a-zA-Z0-9_-]{0,63}$/
export const ToolDefinition = z
  .object({
    name: z.string().regex(TOOL_NAME, 'a tool name is a letter followed by up to 63 letters, digits, _ or -'),
    description: z.string().min(1).max(2_000),
    /** JSON schema of the arguments (type object). */
    parameters: z.record(z.string(), z.unknown()),
    implementation: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('javascript'), code: z.string().min(1).max(100_000), timeoutMs: z.number().int().min(10).max(60_000).default(1_000) }).strict(),
      z
        .object({
          kind: z.literal('http'),
          method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('POST'),
          url: Template.min(1),
          headers: z.record(z.string().min(1).max(200), Template).optional(),
          body: Template.optional(),
          timeoutMs: z.number().int().min(100).max(600_000).default(30_000)
        })
        .strict()
    ])
  })
  .strict()
export type ToolDefinition = z.infer<typeof ToolDefinition>
/** A tool as listed: built-in tools are implemented inside NEXUS ({ kind: 'builtin' }). */
export const ToolView = ToolDefinition.extend({
  implementation: z.union([ToolDefinition.shape.implementation, z.object({ kind: z.literal('builtin') }).strict()]),
  builtIn: z.boolean(),
  updatedAt: z.string().nullable()
})
export type ToolView = z.infer<typeof ToolView>
export const ToolRef = z.object({ name: z.string().min(1).max(64) }).strict()
export const TestTool = z.object({ name: z.string().min(1).max(64), arguments: z.record(z.string(), z.unknown()).default({}) }).strict()

// Secrets referenced as {{secret.NAME}}.
export const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/
export const SecretRef = z.object({ name: z.string().regex(SECRET_NAME, 'a secret name is a letter or _ followed by letters, digits or _') }).strict()
export const SetSecret = SecretRef.extend({ value: z.string().min(1).max(16_384) }).strict()

/** An armed trigger as the builder shows it. */
export const TriggerStatus = z.object({
  workflowId: z.string(),
  kind: z.enum(['schedule', 'watch', 'event']),
  detail: z.string(),
  nextRunAt: z.string().optional(),
  error: z.string().optional()
})
