import { describe, expect, it } from 'vitest'
import type { Job } from '../../../src/shared/contract'
import { JobTracker } from '../../../src/main/core/jobs/tracker'

function tracker(): { jobs: JobTracker; updates: Job[] } {
  const updates: Job[] = []
  return { jobs: new JobTracker((job) => updates.push(job)), updates }
}

describe('job tracker', () => {
  it('reports progress and success, and lists the finished job', async () => {
    const { jobs, updates } = tracker()
    const { job, result } = jobs.start('index', 'Rebuild index', async ({ progress }) => {
      progress(0.5, 'half way')
      progress(7, 'clamped')
      return 42
    })
    expect(job.state).toBe('running')
    await expect(result).resolves.toBe(42)
    expect(updates.map((u) => [u.state, u.progress, u.message])).toEqual([
      ['running', null, ''],
      ['running', 0.5, 'half way'],
      ['running', 1, 'clamped'],
      ['succeeded', 1, 'clamped']
    ])
    expect(jobs.list()).toMatchObject([{ id: job.id, state: 'succeeded', endedAt: expect.any(String) }])
  })

  it('records a failure with its message', async () => {
    const { jobs } = tracker()
    const { job, result } = jobs.start('x', 'Failing', async () => {
      throw new Error('disk full')
    })
    await expect(result).rejects.toThrow('disk full')
    expect(jobs.list().find((j) => j.id === job.id)).toMatchObject({ state: 'failed', error: 'disk full' })
  })

  it('cancels a running job through its AbortSignal', async () => {
    const { jobs } = tracker()
    const { job, result } = jobs.start('x', 'Waits for cancel', ({ signal }) =>
      new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))))
    )
    await Promise.resolve()
    expect(jobs.cancel(job.id).id).toBe(job.id)
    await expect(result).rejects.toThrow('aborted')
    expect(jobs.list()[0]).toMatchObject({ state: 'cancelled', error: null })
  })

  it('lists running jobs first and refuses to cancel an unknown job', async () => {
    const { jobs } = tracker()
    await jobs.start('x', 'done', async () => 1).result
    let release = (): void => {}
    const gate = new Promise<void>((r) => (release = r))
    const running = jobs.start('x', 'running', () => gate)
    expect(jobs.list().map((j) => j.title)).toEqual(['running', 'done'])
    expect(() => jobs.cancel('nope')).toThrow(/No job with id nope/)
    release()
    await running.result
  })

  it('forgets old finished jobs but keeps the recent ones', async () => {
    const { jobs } = tracker()
    for (let i = 0; i < 30; i++) await jobs.start('x', `job ${i}`, async () => i).result
    const titles = jobs.list().map((j) => j.title)
    expect(titles).toHaveLength(20)
    expect(titles).toContain('job 29')
    expect(titles).not.toContain('job 0')
  })
})
