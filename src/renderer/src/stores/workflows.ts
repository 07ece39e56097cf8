/**
 * Saved workflows and the one open in the builder: its name and file around the canvas graph and
 * settings (stores/workflowGraph), its validation issues, saving, import, export and versions.
 */
import { create } from 'zustand'
import { useMemo } from 'react'
import {
  WORKFLOW_FORMAT,
  WORKFLOW_FORMAT_VERSION,
  WorkflowFile,
  type ToolView,
  type ValidationIssue,
  type Workflow,
  type WorkflowFileInput,
  type WorkflowSummary
} from '../../../shared/schemas/workflows'
import { client, errorMessage } from './session'
import { useGraph } from './workflowGraph'
import { useWorkflowRuns } from './workflowRuns'
import { toBody, toFlow, type Graph, type WorkflowMeta } from '../lib/workflowGraph'
import { recall, remember } from '../lib/storage'

/** The open workflow, apart from its graph and settings. `id` is null until it is first saved. */
export interface Doc {
  id: string | null
  version: number | null
  name: string
}

interface WorkflowsStore {
  list: WorkflowSummary[]
  loaded: boolean
  listError: string | null
  doc: Doc | null
  /** The open workflow's file as last saved or opened (JSON), to tell unsaved changes. */
  saved: string | null
  issues: ValidationIssue[]
  /** Why validation itself failed (not the issues it found). */
  validateError: string | null
  tools: ToolView[]
  /** The last builder action that failed, in the core's words. */
  error: string | null
  /** What the last action did, for a status line. */
  notice: string | null
  load(): Promise<void>
  reloadSoon(): void
  create(): void
  open(id: string): Promise<void>
  /** Opens the workflow that was open before a reload, once per window. */
  reopen(): void
  /** Opens a workflow file's JSON text without saving it (an example). */
  openText(text: string): void
  close(): void
  remove(id: string): Promise<void>
  /** Imports JSON text as a new workflow and opens it; a refusal lands in `error`. */
  importText(text: string): Promise<void>
  rename(name: string): void
  save(note?: string): Promise<boolean>
  validateSoon(): void
  restore(version: number): Promise<boolean>
  loadTools(): Promise<void>
  receiveChange(change: { id: string; deleted: boolean }): void
  clearMessages(): void
}

const OPEN_KEY = 'nexus.workflows.open'
const RELOAD_DELAY_MS = 250
const VALIDATE_DELAY_MS = 400
let reloadTimer: number | undefined
let validateTimer: number | undefined
let validation = 0
let reopened = false

/** The open workflow as a file, from its doc, the canvas graph and the workflow's settings. */
export function currentFile(doc: Doc, graph: Graph & { meta: WorkflowMeta } = useGraph.getState()): WorkflowFileInput {
  const body = toBody(graph)
  const { description, triggers, settings } = graph.meta
  return {
    format: WORKFLOW_FORMAT,
    version: WORKFLOW_FORMAT_VERSION,
    name: doc.name,
    description,
    nodes: body.nodes,
    edges: body.edges,
    ...(triggers ? { triggers } : {}),
    ...(settings ? { settings } : {})
  }
}

const metaOf = (file: WorkflowFile): WorkflowMeta => ({ description: file.description, triggers: file.triggers, settings: file.settings })

const fileKey = (doc: Doc): string => JSON.stringify(currentFile(doc))

export const useWorkflows = create<WorkflowsStore>()((set, get) => {
  /** Shows a file on the canvas as the open workflow. */
  const show = (doc: Doc, file: WorkflowFile, issues: ValidationIssue[]): void => {
    useGraph.getState().load(toFlow(file), metaOf(file))
    remember(OPEN_KEY, doc.id)
    set({ doc, saved: doc.id ? fileKey(doc) : null, issues, validateError: null, error: null })
    void useWorkflowRuns.getState().load(doc.id)
  }
  const docOf = (workflow: Workflow): Doc => ({ id: workflow.id, version: workflow.version, name: workflow.file.name })
  const fail = (what: string, err: unknown): void => set({ error: `${what}: ${errorMessage(err)}`, notice: null })

  return {
    list: [],
    loaded: false,
    listError: null,
    doc: null,
    saved: null,
    issues: [],
    validateError: null,
    tools: [],
    error: null,
    notice: null,
    async load() {
      try {
        set({ list: await client().call('workflows.list'), loaded: true, listError: null })
      } catch (err) {
        set({ loaded: true, listError: errorMessage(err) })
      }
    },
    reloadSoon() {
      window.clearTimeout(reloadTimer)
      reloadTimer = window.setTimeout(() => void get().load(), RELOAD_DELAY_MS)
    },
    create() {
      const doc: Doc = { id: null, version: null, name: 'Untitled workflow' }
      useGraph.getState().load({ nodes: [], edges: [] })
      remember(OPEN_KEY, null)
      set({ doc, saved: null, issues: [], validateError: null, error: null, notice: null })
      void useWorkflowRuns.getState().load(null)
    },
    async open(id) {
      reopened = true
      try {
        const workflow = await client().call('workflows.get', { id })
        show(docOf(workflow), workflow.file, workflow.issues)
        set({ notice: null })
      } catch (err) {
        fail('Could not open the workflow', err)
      }
    },
    reopen() {
      const id = recall(OPEN_KEY)
      if (reopened || !id) return
      reopened = true
      // Deleted meanwhile (or never reachable): start from the list, without an error.
      void client()
        .call('workflows.get', { id })
        .then(
          (workflow) => {
            if (!get().doc) show(docOf(workflow), workflow.file, workflow.issues)
          },
          () => remember(OPEN_KEY, null)
        )
    },
    openText(text) {
      let file: WorkflowFile
      try {
        file = WorkflowFile.parse(JSON.parse(text))
      } catch (err) {
        return fail('Could not open this example', err)
      }
      const doc: Doc = { id: null, version: null, name: file.name }
      show(doc, file, [])
      set({ notice: `Opened “${file.name}”: saving it makes it one of your workflows.` })
      get().validateSoon()
    },
    close() {
      remember(OPEN_KEY, null)
      set({ doc: null, saved: null, issues: [], error: null, notice: null })
      void useWorkflowRuns.getState().load(null)
      void get().load()
    },
    async remove(id) {
      try {
        await client().call('workflows.delete', { id })
        if (get().doc?.id === id) get().close()
        await get().load()
      } catch (err) {
        fail('Could not delete the workflow', err)
      }
    },
    async importText(text) {
      try {
        const workflow = await client().call('workflows.import', { text })
        show(docOf(workflow), workflow.file, workflow.issues)
        set({ notice: `Imported “${workflow.name}”.` })
        void get().load()
      } catch (err) {
        fail('Could not import this file', err)
      }
    },
    rename(name) {
      const doc = get().doc
      if (doc) set({ doc: { ...doc, name } })
    },
    async save(note) {
      const doc = get().doc
      if (!doc) return false
      const file = currentFile(doc)
      try {
        const workflow = await client().call('workflows.save', { id: doc.id ?? undefined, file, note: note?.trim() || undefined })
        const saved: Doc = { ...doc, id: workflow.id, version: workflow.version }
        remember(OPEN_KEY, workflow.id)
        set({ doc: saved, saved: JSON.stringify(file), issues: workflow.issues, error: null, notice: `Saved as version ${workflow.version}.` })
        if (!doc.id) void useWorkflowRuns.getState().load(workflow.id)
        void get().load()
        return true
      } catch (err) {
        fail('Could not save the workflow', err)
        return false
      }
    },
    validateSoon() {
      window.clearTimeout(validateTimer)
      validateTimer = window.setTimeout(async () => {
        const doc = get().doc
        if (!doc) return
        validation += 1
        // Nothing drawn yet: there is no workflow to check (a file needs a node).
        if (useGraph.getState().nodes.length === 0) return set({ issues: [], validateError: null })
        const mine = validation
        try {
          const issues = await client().call('workflows.validate', { file: currentFile(doc) })
          if (mine === validation) set({ issues, validateError: null })
        } catch (err) {
          if (mine === validation) set({ validateError: errorMessage(err) })
        }
      }, VALIDATE_DELAY_MS)
    },
    async restore(version) {
      const doc = get().doc
      if (!doc?.id) return false
      try {
        const workflow = await client().call('workflows.restore', { id: doc.id, version })
        const restored = docOf(workflow)
        // Undoable: the graph and settings before the restore stay one step back.
        useGraph.getState().replace(toFlow({ nodes: workflow.file.nodes, edges: workflow.file.edges }), metaOf(workflow.file))
        set({ doc: restored, saved: fileKey(restored), issues: workflow.issues, error: null, notice: `Restored version ${version} as version ${workflow.version}.` })
        void get().load()
        return true
      } catch (err) {
        fail(`Could not restore version ${version}`, err)
        return false
      }
    },
    async loadTools() {
      try {
        set({ tools: await client().call('tools.list') })
      } catch (err) {
        fail('Could not list the tools', err)
      }
    },
    receiveChange({ id, deleted }) {
      get().reloadSoon()
      if (deleted && get().doc?.id === id) {
        get().close()
        set({ notice: 'The workflow you had open was deleted.' })
      }
    },
    clearMessages() {
      set({ error: null, notice: null })
    }
  }
})

/** The open workflow differs from what was last saved (a new one: once it has a node). */
export function useDirty(): boolean {
  const doc = useWorkflows((s) => s.doc)
  const saved = useWorkflows((s) => s.saved)
  const nodes = useGraph((s) => s.nodes)
  const edges = useGraph((s) => s.edges)
  const meta = useGraph((s) => s.meta)
  return useMemo(() => {
    if (!doc) return false
    // A new workflow with nothing drawn has nothing to lose.
    if (saved === null) return nodes.length > 0
    return JSON.stringify(currentFile(doc, { nodes, edges, meta })) !== saved
  }, [doc, saved, nodes, edges, meta])
}
