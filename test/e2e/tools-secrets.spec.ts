/**
 * Settings > Workflows through real clicks: a JavaScript tool is added, tried and deleted; a
 * secret is added and listed by name, and its value appears nowhere on the page or in replies.
 */
import type { Page } from '@playwright/test'
import { sentinelKey, valueLeaks } from '../helpers/leak-scan'
import { expect, expectAccessible, expectPage, navLink, openApp, screenshot, test } from './support/fixtures'

async function openWorkflowSettings(page: Page): Promise<void> {
  await navLink(page, 'Settings').click()
  await expectPage(page, 'Settings')
  await page.getByRole('tab', { name: 'Workflows' }).click()
  await expect(page.getByRole('region', { name: 'Tools' })).toBeVisible()
}

test('a JavaScript tool added in Settings > Workflows can be tried, and deleted', async ({ page, host, api, problems }) => {
  await openApp(page, host)
  await openWorkflowSettings(page)
  const tools = page.getByRole('list', { name: 'Tools' })
  await expect(tools.getByRole('listitem', { name: 'http_request' })).toContainText('Built in')
  await expect(tools.getByRole('listitem', { name: 'run_workflow' })).toContainText('Built in')

  await page.getByRole('button', { name: 'Add tool' }).click()
  const form = page.getByRole('form', { name: 'Add a tool' })
  await form.getByLabel('Name').fill('word_count')
  await form.getByLabel('Description').fill('Count the words of a text.')
  const parameters = form.getByLabel('Parameters (JSON schema)')
  await parameters.fill('{ "type": "object", ')
  await expect(form.getByText(/^Parameters is not valid JSON/)).toBeVisible()
  await expect(parameters).toHaveAttribute('aria-invalid', 'true')
  await parameters.fill(JSON.stringify({ type: 'object', properties: { text: { type: 'string' } }, required: ['text'] }, null, 2))
  await form.getByLabel('Code').fill('return { words: input.text.split(/\\s+/).filter(Boolean).length }')
  await form.getByRole('button', { name: 'Save tool' }).click()

  const card = tools.getByRole('listitem', { name: 'word_count' })
  await expect(card).toContainText('JavaScript')
  await expect(card).toContainText('Arguments: text')
  await card.getByRole('button', { name: 'Try word_count' }).click()
  const trial = card.getByRole('form', { name: 'Test word_count' })
  await trial.getByLabel('Arguments (JSON)').fill('{ "text": "the quick brown fox" }')
  await trial.getByRole('button', { name: 'Run' }).click()
  await expect(trial.getByRole('status', { name: 'Result of word_count' })).toContainText('"words": 4')
  await screenshot(page, 'settings-workflows-tool-test')

  // Arguments the schema refuses: the core's message, naming what is missing.
  await trial.getByLabel('Arguments (JSON)').fill('{}')
  await trial.getByRole('button', { name: 'Run' }).click()
  await expect(trial.getByRole('alert')).toContainText(`The arguments of tool "word_count" are not valid: the arguments must have required property 'text'.`)
  expect((await api.call('tools.list')).find((t) => t.name === 'word_count')).toMatchObject({ builtIn: false, implementation: { kind: 'javascript' } })
  await expectAccessible(page, 'Settings > Workflows')

  await card.getByRole('button', { name: 'Delete word_count' }).click()
  await card.getByRole('button', { name: 'Delete', exact: true }).click()
  await expect(tools.getByRole('listitem', { name: 'word_count' })).toHaveCount(0)
  expect((await api.call('tools.list')).map((t) => t.name)).toEqual(['http_request', 'run_workflow'])
  problems.expectNone('Settings > Workflows, tools')
})

test('a secret added in Settings > Workflows is listed by name, and its value is never shown', async ({ page, host, api, problems }) => {
  const value = sentinelKey('wx-e2e-')
  await openApp(page, host)
  await openWorkflowSettings(page)
  const add = page.getByRole('form', { name: 'Add a secret' })
  await add.getByLabel('Name').fill('WEATHER_KEY')
  await add.getByLabel('Value').fill(value)
  await add.getByRole('button', { name: 'Add secret' }).click()

  const secrets = page.getByRole('table', { name: 'Secrets' })
  const row = secrets.getByRole('row', { name: /WEATHER_KEY/ })
  await expect(row).toContainText('{{secret.WEATHER_KEY}}')
  await expect(page.getByRole('form', { name: 'Add a secret' }).getByLabel('Value')).toHaveValue('')
  expect(valueLeaks(await page.content(), value)).toEqual([])
  expect(valueLeaks(await api.call('secrets.list'), value)).toEqual([])
  await screenshot(page, 'settings-workflows-secrets')
  await expectAccessible(page, 'Settings > Workflows, secrets')

  await page.reload()
  await openWorkflowSettings(page)
  await expect(row).toBeVisible()
  expect(valueLeaks(await page.content(), value)).toEqual([])

  await row.getByRole('button', { name: 'Delete WEATHER_KEY' }).click()
  await row.getByRole('button', { name: 'Delete', exact: true }).click()
  await expect(page.getByText('No secret yet.')).toBeVisible()
  expect(await api.call('secrets.list')).toEqual([])
  problems.expectNone('Settings > Workflows, secrets')
})
