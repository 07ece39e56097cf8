import { create } from 'zustand'
import type { Job } from '../../../shared/contract'
import { client, errorMessage } from './session'

interface JobsStore {
  jobs: Job[]
  error: string | null
  /** Ids of jobs whose cancel request is on its way. */
  cancelling: string[]
  load(): Promise<void>
  receive(job: Job): void
  cancel(id: string): Promise<void>
}

/** Running jobs first, then newest first: the order the core's jobs.list uses too. */
function ordered(jobs: Job[]): Job[] {
  return [...jobs].sort(
    (a, b) =>
      Number(b.state === 'running') - Number(a.state === 'running') ||
      b.startedAt.localeCompare(a.startedAt)
  )
}

export const useJobs = create<JobsStore>()((set, get) => ({
  jobs: [],
  error: null,
  cancelling: [],
  async load() {
    try {
      set({ jobs: ordered(await client().call('jobs.list')), error: null })
    } catch (err) {
      set({ error: errorMessage(err) })
      throw err
    }
  },
  receive(job) {
    const others = get().jobs.filter((j) => j.id !== job.id)
    set({ jobs: ordered([job, ...others]) })
  },
  async cancel(id) {
    set({ cancelling: [...get().cancelling, id] })
    try {
      get().receive(await client().call('jobs.cancel', { id }))
    } catch (err) {
      set({ error: `Could not cancel the job: ${errorMessage(err)}` })
    } finally {
      set({ cancelling: get().cancelling.filter((c) => c !== id) })
    }
  }
}))

export function runningCount(jobs: Job[]): number {
  return jobs.filter((j) => j.state === 'running').length
}
