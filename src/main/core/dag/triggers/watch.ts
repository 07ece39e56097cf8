/**
 * File-watch triggers: a run per file added or changed in a folder (and its subfolders where the
 * platform watches recursively), with the file's absolute path as input `file`.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { minimatch } from 'minimatch'
import { NexusError } from '../../../../shared/errors'
import { failedTrigger, type ActiveTrigger, type TriggerHost } from './host'

export interface WatchConfig {
  folder: string
  /** A glob over the path relative to the folder; without a slash it matches the file name, e.g. *.md. */
  pattern?: string
}

/** Editors save in bursts (truncate, write, rename, chmod): one run per file once it settles. */
export const WATCH_DEBOUNCE_MS = 300

function resolveFolder(folder: string): string {
  return folder === '~' || folder.startsWith('~/') ? path.join(os.homedir(), folder.slice(1)) : folder
}

/** Hidden files (.swp, .goutputstream-*, .git/...) are editors' and tools' scratch, never the user's files. */
function matches(relative: string, pattern: string | undefined): boolean {
  const posix = relative.split(path.sep).join('/')
  if (pattern) return minimatch(posix, pattern, { matchBase: true, dot: false })
  return !posix.split('/').some((segment) => segment.startsWith('.'))
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile()
  } catch {
    return false
  }
}

function openWatcher(folder: string): fs.FSWatcher {
  try {
    return fs.watch(folder, { recursive: true, persistent: false })
  } catch (err) {
    if ((err as { code?: string }).code !== 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM') throw err
    return fs.watch(folder, { persistent: false })
  }
}

export function watchTrigger(host: TriggerHost, config: WatchConfig, debounceMs = WATCH_DEBOUNCE_MS): ActiveTrigger {
  const folder = resolveFolder(config.folder)
  let detail = `watching ${folder}${config.pattern ? ` for ${config.pattern}` : ''}`
  const fail = (message: string): ActiveTrigger => failedTrigger(host, 'watch', detail, new NexusError('NOT_FOUND', message))

  if (!path.isAbsolute(folder)) return fail(`Workflow "${host.workflowName}" watches "${folder}": give the folder as an absolute path.`)
  const stat = fs.statSync(folder, { throwIfNoEntry: false })
  if (!stat?.isDirectory()) {
    return fail(`Workflow "${host.workflowName}" watches ${folder}, which ${stat ? 'is not a folder' : 'does not exist'}: create it or choose another folder, then save the workflow.`)
  }

  let watcher: fs.FSWatcher
  try {
    watcher = openWatcher(folder)
  } catch (err) {
    return fail(`Workflow "${host.workflowName}" cannot watch ${folder}: ${(err as Error).message}`)
  }

  const timers = new Map<string, NodeJS.Timeout>()
  let error: string | undefined
  const stop = (): void => {
    watcher.close()
    for (const timer of timers.values()) clearTimeout(timer)
    timers.clear()
  }

  watcher.on('change', (_event, filename) => {
    if (!filename) return
    const relative = filename.toString()
    if (!matches(relative, config.pattern)) return
    const file = path.join(folder, relative)
    clearTimeout(timers.get(file))
    timers.set(
      file,
      setTimeout(() => {
        timers.delete(file)
        // Deletions and renames away also raise events: only a file that is there starts a run.
        if (isFile(file)) host.fire({ file, ...textOf(file) })
      }, debounceMs)
    )
  })
  // The folder was removed or became unreadable: stop watching instead of crashing the process.
  watcher.on('error', (err) => {
    stop()
    error = `Stopped watching ${folder}: ${err.message}`
    detail = `not watching ${folder}`
    host.report(new NexusError('UNAVAILABLE', `Workflow "${host.workflowName}": ${error}`))
  })

  return {
    status: () => ({ workflowId: host.workflowId, kind: 'watch', detail, ...(error ? { error } : {}) }),
    stop
  }
}

/** Text files up to this size also pass their content, so a workflow can use the note itself. */
const MAX_CONTENT_BYTES = 1024 * 1024

/** { content } for a small UTF-8 text file; nothing for a binary or large one (the path still goes). */
function textOf(file: string): { content?: string } {
  try {
    if (fs.statSync(file).size > MAX_CONTENT_BYTES) return {}
    const bytes = fs.readFileSync(file)
    if (bytes.includes(0)) return {}
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return { content: text }
  } catch {
    return {}
  }
}
