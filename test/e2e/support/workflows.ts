import type { Locator, Page } from '@playwright/test'
import { expect, expectPage, navLink } from './fixtures'

/** The Workflows page through the sidebar. */
export async function openWorkflows(page: Page): Promise<void> {
  await navLink(page, 'Workflows').click()
  await expectPage(page, 'Workflows')
}

export function canvas(page: Page): Locator {
  return page.getByRole('application', { name: 'Workflow canvas' })
}

export function palette(page: Page): Locator {
  return page.getByRole('region', { name: 'Nodes' })
}

/** The details column: the Node (inspector), Run and Workflow tabs. */
export function details(page: Page): Locator {
  return page.getByRole('complementary', { name: 'Details' })
}

export function flowNode(page: Page, id: string): Locator {
  return canvas(page).locator(`.react-flow__node[data-id="${id}"]`)
}

export function flowEdges(page: Page): Locator {
  return canvas(page).locator('.react-flow__edge')
}

/** Drags a node type from the palette onto the canvas at a point of the canvas (HTML5 drag and drop). */
export async function dropNode(page: Page, label: string, at: { x: number; y: number }): Promise<void> {
  await palette(page).getByRole('button', { name: `Add ${label} node` }).dragTo(canvas(page), { targetPosition: at })
}

/** Drags from a node's output handle (or a CONDITION's true/false handle) to another node's input handle. */
export async function connect(page: Page, source: string, target: string, handle?: 'true' | 'false'): Promise<void> {
  const from = flowNode(page, source).locator(handle ? `.react-flow__handle.source[data-handleid="${handle}"]` : '.react-flow__handle.source')
  const to = flowNode(page, target).locator('.react-flow__handle.target')
  const count = await flowEdges(page).count()
  await from.dragTo(to)
  await expect(flowEdges(page)).toHaveCount(count + 1)
}

/** Selects a node by clicking its name, as a person would. */
export async function selectNode(page: Page, id: string): Promise<void> {
  await flowNode(page, id).locator('.wf-node-name').click()
}

/** Save with a note through the Save dialog; waits for the version number. */
export async function saveVersion(page: Page, note: string, version: number): Promise<void> {
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Save a version' })
  await dialog.getByLabel('Note (optional)').fill(note)
  await dialog.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(dialog).toHaveCount(0)
  await expect(page.getByText(`Saved · version ${version}`)).toBeVisible()
}

/** The Node tab of the details column, with a node selected. */
export async function inspect(page: Page, id: string): Promise<Locator> {
  await selectNode(page, id)
  await details(page).getByRole('tab', { name: 'Node' }).click()
  await expect(details(page).getByLabel('Id', { exact: true })).toHaveValue(id)
  return details(page)
}

/** The Workflow tab of the details column: the workflow's description, concurrency and triggers. */
export async function workflowSettings(page: Page): Promise<Locator> {
  await details(page).getByRole('tab', { name: 'Workflow' }).click()
  await expect(details(page).getByRole('textbox', { name: 'Description', exact: true })).toBeVisible()
  return details(page)
}
