/**
 * The workflow builder against the real core: a workflow drawn by drag and drop, edited with
 * undo and redo, run with live node states, exported, imported, versioned and restored.
 */
import { readFile } from 'node:fs/promises'
import { expect, expectAccessible, openApp, screenshot, test } from './support/fixtures'
import { canvas, connect, details, dropNode, flowEdges, flowNode, inspect, openWorkflows, saveVersion, selectNode, workflowSettings } from './support/workflows'

const CODE = 'return { shout: String(input.input.text).toUpperCase() }'
const LOUDER = "return { shout: String(input.input.text).toUpperCase() + '!' }"

test('build a workflow by drag and drop, run it, export, import, restore a version, find the run after a reload', async ({ page, host, api, problems }) => {
  test.setTimeout(120_000)
  await openApp(page, host)
  await openWorkflows(page)
  await page.getByRole('button', { name: 'New workflow' }).click()
  await page.getByRole('textbox', { name: 'Workflow name' }).fill('Shout')

  // Three nodes from the palette, two edges drawn handle to handle.
  await dropNode(page, 'Start', { x: 40, y: 60 })
  await dropNode(page, 'Transform', { x: 260, y: 60 })
  await dropNode(page, 'End', { x: 40, y: 250 })
  for (const id of ['start1', 'transform1', 'end1']) await expect(flowNode(page, id)).toBeVisible()
  await connect(page, 'start1', 'transform1')
  await connect(page, 'transform1', 'end1')

  // Undo and redo, by keyboard and by button.
  await canvas(page).click({ position: { x: 200, y: 400 } })
  await page.keyboard.press('Control+z')
  await expect(flowEdges(page)).toHaveCount(1)
  await page.keyboard.press('Control+z')
  await expect(flowEdges(page)).toHaveCount(0)
  await page.keyboard.press('Control+Shift+z')
  await expect(flowEdges(page)).toHaveCount(1)
  await page.getByRole('button', { name: 'Redo' }).click()
  await expect(flowEdges(page)).toHaveCount(2)
  await expect(page.getByRole('button', { name: 'Redo' })).toBeDisabled()

  // START declares an input; TRANSFORM shouts it. The inspector checks fields as they are typed.
  const start = await inspect(page, 'start1')
  await start.getByRole('button', { name: 'Add input' }).click()
  await start.getByRole('group', { name: 'Input 1' }).getByLabel('Name').fill('text')
  const transform = await inspect(page, 'transform1')
  await transform.getByLabel('Language').selectOption('javascript')
  await transform.getByLabel('Code').fill('')
  await expect(transform.getByText('Required.')).toBeVisible()
  await transform.getByLabel('Code').fill(CODE)
  await expect(transform.getByText('Required.')).toHaveCount(0)
  await expect(page.getByRole('region', { name: 'Problems' })).toContainText('No problems found.')
  await expectAccessible(page, 'Workflow builder')
  await screenshot(page, 'workflows-builder')

  await saveVersion(page, 'First draft', 1)
  const saved = (await api.call('workflows.list')).find((w) => w.name === 'Shout')
  expect(saved?.nodeCount).toBe(3)

  // Run: asked for the input, every node turns succeeded, the output is shown.
  await page.getByRole('button', { name: 'Run', exact: true }).click()
  const inputs = page.getByRole('dialog', { name: 'Run with inputs' })
  await inputs.getByLabel('text').fill('hello world')
  await inputs.getByRole('button', { name: 'Run', exact: true }).click()
  for (const id of ['start1', 'transform1', 'end1']) {
    await expect(flowNode(page, id)).toContainText('Succeeded')
    await expect(flowNode(page, id)).toHaveAttribute('aria-label', /Succeeded/)
  }
  await expect(details(page).getByRole('group', { name: 'Run output' })).toContainText('"shout": "HELLO WORLD"')
  await flowNode(page, 'transform1').locator('.wf-node-name').click()
  const nodeRun = details(page).getByRole('region', { name: 'Node transform1' })
  await expect(nodeRun.getByRole('group', { name: 'Input of transform1' })).toContainText('hello world')
  await expect(nodeRun.getByRole('group', { name: 'Output of transform1' })).toContainText('HELLO WORLD')
  await expect(nodeRun.getByRole('definition').filter({ hasText: /\d+ ms/ })).toBeVisible()
  const runs = page.getByRole('list', { name: 'Run history' })
  await expect(runs.getByRole('button')).toHaveCount(1)
  await expect(runs.getByRole('button').first()).toContainText('Succeeded')
  // Re-run from a node: a second run, reusing what came before it.
  await nodeRun.getByRole('button', { name: 'Re-run from here' }).click()
  await expect(runs.getByRole('button')).toHaveCount(2)
  await expect(runs.getByRole('button', { pressed: true })).toContainText('rerun')
  await expect(runs.getByRole('button', { pressed: true })).toContainText('Succeeded')
  await expect(details(page).getByRole('group', { name: 'Run output' })).toContainText('"shout": "HELLO WORLD"')
  await expectAccessible(page, 'Workflow builder with a finished run')
  await screenshot(page, 'workflows-run')
  await page.emulateMedia({ colorScheme: 'dark' })
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await expectAccessible(page, 'Workflow builder with a finished run (dark)')
  await screenshot(page, 'workflows-run-dark')
  await page.emulateMedia({ colorScheme: 'light' })

  // Export downloads the file; importing it makes a second workflow with the same graph.
  const downloading = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toBe('Shout.nexus.json')
  const exported = test.info().outputPath('Shout.nexus.json')
  await download.saveAs(exported)
  expect(JSON.parse(await readFile(exported, 'utf8'))).toMatchObject({ format: 'nexus.workflow', name: 'Shout', nodes: [{}, {}, {}] })
  await page.getByRole('button', { name: 'All workflows' }).click()
  await page.getByLabel('Import a file').setInputFiles(exported)
  await expect(page.getByRole('status').filter({ hasText: 'Imported “Shout”.' })).toBeVisible()
  for (const id of ['start1', 'transform1', 'end1']) await expect(flowNode(page, id)).toBeVisible()
  await expect(flowEdges(page)).toHaveCount(2)
  expect((await api.call('workflows.list')).filter((w) => w.name === 'Shout')).toHaveLength(2)

  // Back to the first one (the one that ran): a change saved, compared and undone by a restore.
  await page.getByRole('button', { name: 'All workflows' }).click()
  await page.getByRole('row', { name: /Shout.*Succeeded/ }).getByRole('button', { name: 'Shout', exact: true }).click()
  const code = (await inspect(page, 'transform1')).getByLabel('Code')
  await code.fill(LOUDER)
  await saveVersion(page, 'Louder', 2)
  await page.getByRole('button', { name: 'Versions' }).click()
  const versions = page.getByRole('dialog', { name: 'Versions' })
  await expect(versions.getByRole('button', { name: /Version 2 \(current\)/ })).toBeDisabled()
  await versions.getByRole('button', { name: /Version 1.*First draft/ }).click()
  await expect(versions.getByRole('list', { name: 'Nodes' })).toContainText('Changed node transform1')
  await expectAccessible(page, 'Versions dialog')
  await screenshot(page, 'workflows-versions')
  await versions.getByRole('button', { name: 'Restore version 1' }).click()
  await expect(versions).toHaveCount(0)
  await expect(page.getByText('Saved · version 3')).toBeVisible()
  await expect(code).toHaveValue(CODE)

  // After a reload the workflow opens again, its run in the history.
  await page.reload()
  await expect(canvas(page)).toBeVisible()
  await expect(page.getByRole('textbox', { name: 'Workflow name' })).toHaveValue('Shout')
  await expect(page.getByRole('list', { name: 'Run history' }).getByRole('button')).toHaveCount(2)
  await expect(page.getByRole('list', { name: 'Run history' })).toContainText('manual')
  problems.expectNone('Workflows')
})

test('bad input: a file that is not a workflow is refused, a cycle is named on its nodes; add by button, copy and paste', async ({ page, host, api, problems }) => {
  await openApp(page, host)
  await openWorkflows(page)
  const before = (await api.call('workflows.list')).length
  const importer = page.getByLabel('Import a file')
  await importer.setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"title": "shopping", "items": ["milk"]}') })
  await expect(page.getByRole('alert')).toContainText('is not a NEXUS workflow file')
  await importer.setInputFiles({ name: 'photo.json', mimeType: 'application/json', buffer: Buffer.from('GIF89a not json') })
  await expect(page.getByRole('alert')).toContainText('is not JSON')
  expect(await api.call('workflows.list')).toHaveLength(before)
  await expect(canvas(page)).toHaveCount(0)

  await page.getByRole('button', { name: 'New workflow' }).click()
  await dropNode(page, 'Start', { x: 40, y: 60 })
  await dropNode(page, 'Transform', { x: 260, y: 60 })
  await dropNode(page, 'Transform', { x: 260, y: 250 })
  await connect(page, 'start1', 'transform1')
  await connect(page, 'transform1', 'transform2')
  await connect(page, 'transform2', 'transform1')
  const panel = page.getByRole('region', { name: 'Problems' })
  await expect(panel.getByRole('button', { name: /Cycle transform1/ })).toBeVisible()
  await expect(flowNode(page, 'transform1')).toHaveAttribute('aria-label', /problem/)
  await expect(flowNode(page, 'transform1')).toContainText('problem')
  await panel.getByRole('button', { name: /Cycle transform2/ }).click()
  await expect(details(page).getByLabel('Id', { exact: true })).toHaveValue('transform2')
  await expect(details(page).getByRole('alert')).toContainText('on a cycle')
  await expectAccessible(page, 'Workflow builder with a cycle')
  await screenshot(page, 'workflows-cycle')

  // The palette's buttons add without dragging; copy and paste give new ids; undo takes a paste back.
  await page.getByRole('button', { name: 'Add End node' }).click()
  await expect(details(page).getByLabel('Id', { exact: true })).toHaveValue('end1')
  await expect(panel).not.toContainText('needs an END node')
  await selectNode(page, 'transform2')
  await page.keyboard.press('Control+c')
  await page.keyboard.press('Control+v')
  await expect(flowNode(page, 'transform3')).toBeVisible()
  await expect(details(page).getByLabel('Id', { exact: true })).toHaveValue('transform3')
  await page.getByRole('button', { name: 'Paste' }).click()
  await expect(flowNode(page, 'transform4')).toBeVisible()
  await page.keyboard.press('Control+z')
  await expect(flowNode(page, 'transform4')).toHaveCount(0)
  problems.expectNone('Workflows with bad input')
})

test('workflow settings: a schedule checked inline, its missed-run policy and the description saved, kept after a reload', async ({ page, host, api, problems }) => {
  const file = {
    format: 'nexus.workflow',
    version: 1,
    name: 'Morning digest',
    nodes: [
      { id: 'start1', type: 'START', position: { x: 0, y: 0 }, config: {} },
      { id: 'end1', type: 'END', position: { x: 300, y: 0 }, config: {} }
    ],
    edges: [{ id: 'start1-end1', source: 'start1', target: 'end1' }]
  }
  const { id } = await api.call('workflows.save', { file })
  await openApp(page, host)
  await openWorkflows(page)
  await page.getByRole('button', { name: 'Morning digest', exact: true }).click()
  await expect(canvas(page)).toBeVisible()
  // No node selected: the Node tab points to the workflow's own settings.
  await details(page).getByRole('button', { name: 'Workflow settings and triggers' }).click()
  const panel = details(page)
  await expect(panel.getByRole('tab', { name: 'Workflow' })).toHaveAttribute('aria-selected', 'true')

  // A schedule the core cannot read: named under the field and in Problems, which leads back here.
  await panel.getByRole('checkbox', { name: 'Run on a schedule' }).check()
  const cron = panel.getByRole('textbox', { name: 'Cron expression' })
  await expect(cron).toHaveValue('0 8 * * *')
  await cron.fill('every day')
  await expect(panel.getByText('The schedule "every day" has 2 fields')).toBeVisible()
  await expect(cron).toHaveAttribute('aria-invalid', 'true')
  const problem = page.getByRole('region', { name: 'Problems' }).getByRole('button', { name: /Workflow.*every day/ })
  await expect(problem).toBeVisible()
  await expectAccessible(page, 'Workflow settings with a bad schedule')
  await details(page).getByRole('tab', { name: 'Node' }).click()
  await problem.click()
  await expect(cron).toHaveValue('every day')

  await cron.fill('0 8 * * *')
  await expect(panel.getByText('has 2 fields')).toHaveCount(0)
  await expect(cron).not.toHaveAttribute('aria-invalid')
  await expect(page.getByRole('region', { name: 'Problems' })).toContainText('No problems found.')
  await panel.getByRole('radio', { name: 'Run once' }).check()
  const description = panel.getByRole('textbox', { name: 'Description', exact: true })
  await description.fill('Sums up the news every morning.')
  await expect(page.getByText('Unsaved changes')).toBeVisible()
  // Settings edits are undone and redone with the graph's.
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(description).toHaveValue('')
  await page.getByRole('button', { name: 'Redo' }).click()
  await expect(description).toHaveValue('Sums up the news every morning.')
  await saveVersion(page, 'Every morning', 2)

  await page.reload()
  await expect(canvas(page)).toBeVisible()
  const reloaded = await workflowSettings(page)
  await expect(reloaded.getByRole('textbox', { name: 'Description', exact: true })).toHaveValue('Sums up the news every morning.')
  await expect(reloaded.getByRole('checkbox', { name: 'Run on a schedule' })).toBeChecked()
  await expect(reloaded.getByRole('textbox', { name: 'Cron expression' })).toHaveValue('0 8 * * *')
  await expect(reloaded.getByRole('radio', { name: 'Run once' })).toBeChecked()
  await expect(reloaded.getByRole('checkbox', { name: 'Run when files change in a folder' })).not.toBeChecked()
  await expect(reloaded.getByRole('spinbutton', { name: 'Concurrency' })).toHaveValue('4')
  const saved = await api.call('workflows.get', { id })
  expect(saved.description).toBe('Sums up the news every morning.')
  expect(saved.triggers.schedule).toEqual({ cron: '0 8 * * *', missed: 'run-once' })
  expect(saved.issues).toEqual([])
  // The host armed the saved schedule and says when it fires next.
  await expect(reloaded.getByRole('region', { name: 'Armed triggers' })).toContainText(/Schedule: .*next run/)
  await expectAccessible(page, 'Workflow settings')
  // The triggers in view: only the details column scrolls, not the page.
  await reloaded.getByRole('heading', { name: 'Triggers' }).evaluate((heading) => {
    const column = heading.closest('[role="tabpanel"]')
    if (column) column.scrollTop += heading.getBoundingClientRect().top - column.getBoundingClientRect().top - 8
  })
  await screenshot(page, 'workflows-settings')
  problems.expectNone('Workflow settings')
})

test('a long run shows its running node and stops when cancelled', async ({ page, host, problems }) => {
  await openApp(page, host)
  await openWorkflows(page)
  await page.getByRole('button', { name: 'New workflow' }).click()
  await page.getByRole('textbox', { name: 'Workflow name' }).fill('Wait a while')
  await dropNode(page, 'Start', { x: 40, y: 60 })
  await dropNode(page, 'Delay', { x: 260, y: 60 })
  await dropNode(page, 'End', { x: 40, y: 250 })
  await connect(page, 'start1', 'delay1')
  await connect(page, 'delay1', 'end1')
  await (await inspect(page, 'delay1')).getByLabel('Wait (ms)').fill('20000')
  await page.getByRole('button', { name: 'Save and run' }).click()
  await expect(flowNode(page, 'delay1')).toHaveAttribute('aria-label', /Running/)
  await expect(flowNode(page, 'end1')).toContainText('Queued')
  await page.getByRole('button', { name: 'Cancel run' }).first().click()
  await expect(flowNode(page, 'delay1')).toContainText('Cancelled')
  await expect(page.getByRole('list', { name: 'Run history' })).toContainText('Cancelled')
  await expect(details(page).getByRole('alert')).toContainText('cancelled')
  problems.expectNone('Workflows, a cancelled run')
})
