import { startOpenAIFixture, type OpenAIFixture } from '../fixtures/providers/openai-server'
import { expect, expectAccessible, expectPage, navLink, openApp, screenshot, test } from './support/fixtures'
import { ensureProvider } from './support/chat'
import { ask } from './support/routing'

const KEY = 'sk-e2e-monitor-key-4242'
let fake: OpenAIFixture

test.beforeAll(async () => {
  fake = await startOpenAIFixture({ apiKey: KEY })
})
test.afterAll(async () => {
  await fake.close()
})

test('Monitor shows the models called, charts over time, breakers and the live event feed', async ({ page, host, api, problems }) => {
  // One real call through the core, so the window has something to show.
  const providerId = await ensureProvider(api, { name: 'Monitor fake', baseUrl: fake.baseUrl, apiKey: KEY })
  fake.use({ text: 'Counted.', usage: { prompt_tokens: 5, completion_tokens: 3 } })
  const conversation = await api.call('conversations.create', { model: `${providerId}/gpt-4o-mini` })
  const answer = await ask(api, conversation.id, `${providerId}/gpt-4o-mini`, 'Count to three')
  expect(answer.status).toBe('complete')

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await openApp(page, host)
    await navLink(page, 'Monitor').click()
    await expectPage(page, 'Monitor')
    const main = page.getByRole('main')
    const models = main.getByRole('region', { name: 'Models' })
    const row = models.getByRole('table', { name: 'Models' }).getByRole('row', { name: new RegExp(`^gpt-4o-mini ${providerId} `) })
    await expect(row).toContainText('Closed')
    await expect(row.getByRole('cell').nth(6)).toHaveText(/^[1-9]\d*$/)
    for (const title of ['Calls and errors', 'p95 total time', 'Cost']) {
      await expect(models.getByRole('group', { name: title }).locator('canvas')).toHaveCount(1)
    }
    await expect(models.getByRole('group', { name: 'Calls and errors' })).toContainText(/[1-9]\d* calls/)
    await expect(main.getByRole('region', { name: 'Circuit breakers' })).toBeVisible()
    await expect(main.getByRole('region', { name: 'Live events' }).getByRole('log', { name: 'Live events' })).toBeAttached()
    await expect(main.getByRole('region', { name: 'Health checks' })).toBeVisible()
    await expect(main.getByRole('region', { name: 'Jobs' })).toBeVisible()
    await expectAccessible(page, `Monitor (${scheme})`)
    await screenshot(page, scheme === 'light' ? 'monitor-live' : 'monitor-live-dark')
  }
  problems.expectNone('Monitor')
})
