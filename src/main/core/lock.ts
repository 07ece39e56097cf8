import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { NexusError } from '../../shared/errors'

export const LOCK_FILE = 'nexus.lock'

const LockInfo = z.object({
  pid: z.number().int(),
  mode: z.string(),
  startedAt: z.string(),
  /** Where a running host or app can be reached, so CLI commands can talk to it. */
  endpoint: z.object({ url: z.string(), token: z.string() }).optional()
})
export type LockInfo = z.infer<typeof LockInfo>

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The lock of a data dir if a live process holds it; a stale or unreadable lock counts as none. */
export function readLock(dataDir: string): LockInfo | null {
  try {
    const parsed = LockInfo.safeParse(JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')))
    return parsed.success && isAlive(parsed.data.pid) ? parsed.data : null
  } catch {
    return null
  }
}

/** Lock files this process holds: a lock naming our own pid that is not here is stale (pid reuse). */
const heldHere = new Set<string>()

/**
 * One process owns a data dir at a time. The lock file holds the owner's pid (and, once it
 * serves, its endpoint); a lock left by a process that died is taken over.
 */
export class DataDirLock {
  private readonly file: string
  private info: LockInfo

  private constructor(dataDir: string, mode: string) {
    this.file = path.join(dataDir, LOCK_FILE)
    this.info = { pid: process.pid, mode, startedAt: new Date().toISOString() }
  }

  static acquire(dataDir: string, mode: string): DataDirLock {
    const lock = new DataDirLock(dataDir, mode)
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        fs.writeFileSync(lock.file, JSON.stringify(lock.info), { flag: 'wx', mode: 0o600 })
        heldHere.add(lock.file)
        return lock
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
        const holder = readLock(dataDir)
        if (holder && (holder.pid !== process.pid || heldHere.has(lock.file))) {
          throw new NexusError(
            'DATA_DIR_LOCKED',
            `NEXUS is already running on ${dataDir} (pid ${holder.pid}, ${holder.mode}). ` +
              'Use that window, stop it, or pass --data-dir to use another profile.',
            { dataDir, pid: holder.pid, mode: holder.mode }
          )
        }
        fs.rmSync(lock.file, { force: true })
      }
    }
    throw new NexusError('DATA_DIR_LOCKED', `Could not take the lock ${lock.file}; try again.`)
  }

  setEndpoint(endpoint: LockInfo['endpoint']): void {
    this.info = { ...this.info, endpoint }
    const tmp = `${this.file}.${process.pid}.tmp`
    fs.writeFileSync(tmp, JSON.stringify(this.info), { mode: 0o600 })
    fs.renameSync(tmp, this.file)
  }

  release(): void {
    if (!heldHere.delete(this.file)) return
    if (readLock(path.dirname(this.file))?.pid === process.pid) fs.rmSync(this.file, { force: true })
  }
}
