import { startOpenAIFixture } from '../fixtures/providers/openai-server'
import { expect, expectAccessible, openApp, sidebar, test } from './support/fixtures'
import { startHost } from './support/host'
import { lastAnswer, openProviders, providerCard, providerId, send, startChat } from './support/chat'

test('a provider from the environment is shown read-only, with its key hint, and can be tested', async ({ page }) => {
  const fake = await startOpenAIFixture({ apiKey: 'sk-e2e-from-env-8080' })
  const host = await startHost({ env: { OPENAI_API_KEY: 'sk-e2e-from-env-8080', OPENAI_BASE_URL: fake.baseUrl } })
  try {
    await page.goto(host.url)
    await expect(sidebar(page)).toBeVisible()
    await openProviders(page)
    const card = providerCard(page, 'OpenAI')
    await expect(card.getByText('Environment', { exact: true })).toBeVisible()
    await expect(card).toContainText('Configured from environment variables')
    await expect(card.getByText('•••• 8080')).toBeVisible()
    await expect(card.getByRole('checkbox', { name: 'Enabled' })).toBeDisabled()
    await expect(card.getByRole('button', { name: /^(Edit|Remove)/ })).toHaveCount(0)
    await expect(card.getByRole('button', { name: /key/ })).toHaveCount(0)
    await card.getByRole('button', { name: 'Test connection to OpenAI' }).click()
    await expect(card.getByRole('list', { name: 'Models of OpenAI' })).toContainText('gpt-4o-mini')
    await expect(page.locator('body')).not.toContainText('sk-e2e-from-env-8080')
    await expectAccessible(page, 'an environment provider')
  } finally {
    await host.stop()
    await fake.close()
  }
})

test('edit a provider, set a price in the catalog, and see the cost of an answer', async ({ page, host, api, problems }) => {
  const fake = await startOpenAIFixture()
  try {
    await api.call('providers.add', { kind: 'openai-compatible', preset: 'custom', name: 'Priced', baseUrl: 'http://127.0.0.1:9/v1' })
    await openApp(page, host)
    await openProviders(page)

    // Edit: rename and point it at the fake server.
    const card = providerCard(page, 'Priced')
    await card.getByRole('button', { name: 'Edit Priced' }).click()
    const form = card.getByRole('form', { name: 'Edit Priced' })
    await form.getByLabel('Name').fill('Priced fake')
    await form.getByLabel('Base URL').fill(fake.baseUrl)
    await form.getByRole('button', { name: 'Save' }).click()
    const renamed = providerCard(page, 'Priced fake')
    await expect(renamed).toContainText(fake.baseUrl)

    // Disable and enable again.
    const enabled = renamed.getByRole('checkbox', { name: 'Enabled' })
    await enabled.uncheck()
    await expect(renamed.getByText('Disabled', { exact: true })).toBeVisible()
    await enabled.check()
    await expect(renamed.getByText('Disabled', { exact: true })).toHaveCount(0)

    // Edit an existing price in place, and add one for this provider's preset.
    const prices = page.getByRole('region', { name: 'Model prices' })
    await prices.getByLabel('Input price of openai/gpt-4o-mini').fill('0.2')
    await prices.getByRole('form', { name: 'Save openai/gpt-4o-mini' }).getByRole('button', { name: 'Save' }).click()
    await expect
      .poll(async () => (await api.call('catalog.list')).find((e) => e.provider === 'openai' && e.model === 'gpt-4o-mini')?.inputPerMTok)
      .toBe(0.2)
    await prices.getByLabel('Provider of the new model').fill('custom')
    await prices.getByLabel('Model of the new model').fill('gpt-4o')
    await prices.getByLabel('Input price of the new model').fill('1000')
    await prices.getByLabel('Output price of the new model').fill('2000')
    await prices.getByRole('button', { name: 'Add' }).click()
    await expect(prices.getByLabel('Input price of custom/gpt-4o')).toHaveValue('1000')

    // 1000 tokens in at $1000/M and 1000 out at $2000/M: $3.00.
    fake.use({ text: 'Expensive words.', usage: { prompt_tokens: 1000, completion_tokens: 1000 } })
    await startChat(page, `${await providerId(api, 'Priced fake')}/gpt-4o`)
    await send(page, 'How much is this?')
    await expect(lastAnswer(page).getByLabel('Answer details')).toContainText('$3.00')
    problems.expectNone('edit and prices')
  } finally {
    const id = await providerId(api, 'Priced fake').catch(() => null)
    if (id) await api.call('providers.remove', { id })
    await fake.close()
  }
})
