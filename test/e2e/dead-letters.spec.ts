import { expect, expectAccessible, expectPage, navLink, openApp, screenshot, test } from './support/fixtures'

/** A workflow file: START → (a call of a workflow that does not exist, when broken) → END. */
function workflow(name: string, options: { broken?: boolean; onEvents?: string } = {}) {
  const nodes = [{ id: 'start', type: 'START' }, ...(options.broken ? [{ id: 'sub', type: 'SUBWORKFLOW', config: { workflowId: 'no-such-workflow' } }] : []), { id: 'end', type: 'END' }]
  const edges = nodes.slice(1).map((node, i) => ({ id: `e${i}`, source: nodes[i]!.id, target: node.id }))
  return {
    format: 'nexus.workflow',
    version: 1,
    name,
    nodes,
    edges,
    triggers: { schedule: null, watch: null, event: options.onEvents ? { pattern: options.onEvents } : null, webhook: false }
  }
}

test('Monitor shows dead letters of a durable subscriber, retries and purges them', async ({ page, host, api, problems }) => {
  // Each event goes through 5 attempts with backoff (about 3 s) before it becomes a dead letter.
  test.setTimeout(60_000)
  // A workflow started by every workflow.run event, through a durable subscriber, that cannot start:
  // each event it receives fails every attempt and becomes a dead letter.
  const listener = await api.call('workflows.save', { file: workflow('E2E dead letters listener', { broken: true, onEvents: 'workflow.run' }) })
  const source = await api.call('workflows.save', { file: workflow('E2E dead letters source') })
  const subscriber = `workflow-trigger:${listener.id}`
  try {
    await api.call('runs.start', { id: source.id }) // two persisted events: running, then succeeded

    await openApp(page, host)
    await navLink(page, 'Monitor').click()
    await expectPage(page, 'Monitor')
    const region = page.getByRole('main').getByRole('region', { name: 'Dead letters' })
    const table = region.getByRole('table', { name: 'Dead letters' })
    await expect(table.getByRole('row')).toHaveCount(3, { timeout: 20_000 }) // the header and two letters
    const rows = table.getByRole('row').filter({ hasText: 'workflow.run' })
    await expect(rows.first()).toContainText('there is no saved workflow with id no-such-workflow')
    await expect(rows.first().getByRole('cell').nth(2)).toHaveText('5')
    const subscribers = page.getByRole('main').getByRole('table', { name: 'Durable subscribers' })
    await expect(subscribers.getByRole('row', { name: new RegExp(`^${subscriber} workflow\\.run \\d+ 0 2$`) })).toBeVisible()
    await expectAccessible(page, 'Monitor with dead letters')
    await screenshot(page, 'monitor-dead-letters')

    // The workflow still cannot start: both stay, with one more attempt each.
    await region.getByRole('button', { name: 'Retry all' }).click()
    await expect(region.getByRole('status')).toHaveText('Retried 2: 0 delivered, 2 failed again.')
    await expect(rows.first().getByRole('cell').nth(2)).toHaveText('6')

    // Repaired, the first is delivered (it starts a run) and leaves the queue.
    await api.call('workflows.save', { id: listener.id, file: workflow('E2E dead letters listener', { onEvents: 'workflow.run' }) })
    await rows.first().getByRole('button', { name: /^Retry the event \d+ \(workflow\.run\)/ }).click()
    await expect(region.getByRole('status')).toHaveText('Retried 1: 1 delivered, 0 failed again.')
    await expect(rows).toHaveCount(1)
    expect((await api.call('runs.list', { workflowId: listener.id })).map((r) => r.trigger)).toContain('event')

    // Purge asks first.
    await rows.first().getByRole('button', { name: /^Purge the event/ }).click()
    await region.getByRole('group', { name: /^Delete the event \d+ \(workflow\.run\)/ }).getByRole('button', { name: 'Purge', exact: true }).click()
    await expect(region.getByText('No dead letters: every persisted event reached its subscribers.')).toBeVisible()
    expect(await api.call('deadLetters.list', { subscriber })).toEqual([])
  } finally {
    // Nothing of this test listens to the other tests' runs.
    await api.call('workflows.delete', { id: listener.id })
    await api.call('workflows.delete', { id: source.id })
  }
  problems.expectNone('Monitor with dead letters')
})
