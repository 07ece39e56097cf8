import { startOllamaServer } from '../fixtures/providers/ollama-server'
import { expect, expectAccessible, openApp, screenshot, test } from './support/fixtures'
import { openProviders, providerId } from './support/chat'

const NAME = 'Fake Ollama'

test('the Ollama panel lists, details, pulls (with progress and cancel) and deletes models', async ({
  page,
  host,
  api,
  problems
}) => {
  test.setTimeout(60_000)
  const ollama = await startOllamaServer()
  try {
    await openApp(page, host)
    await openProviders(page)
    const toggle = page.getByRole('button', { name: 'Add provider', exact: true })
    if (await toggle.isVisible()) await toggle.click()
    const form = page.getByRole('form', { name: 'Add a provider' })
    await form.getByLabel('Provider', { exact: true }).selectOption({ label: 'Ollama' })
    await expect(form.getByLabel('Base URL')).toHaveValue(/11434/)
    await form.getByLabel('Name').fill(NAME)
    await form.getByLabel('Base URL').fill(ollama.url)
    await form.getByRole('button', { name: 'Save provider' }).click()

    const panel = page.getByRole('region', { name: `Ollama: ${NAME}` })
    const models = panel.getByRole('list', { name: `Models of ${NAME}` })
    await expect(models.getByRole('listitem')).toHaveCount(4)

    // Details: context length, capabilities, family, quantization.
    const llava = models.getByRole('listitem').filter({ hasText: 'llava:7b' })
    await llava.getByRole('button', { name: 'Details' }).click()
    await expect(llava).toContainText('32,768 tokens')
    await expect(llava).toContainText('vision')
    await expect(llava).toContainText('Q4_0')
    await expect(llava).toContainText('llama')

    // A pull held halfway by the server, cancelled.
    ollama.holdPulls = true
    const pullName = panel.getByRole('textbox', { name: 'Pull a model' })
    const pull = panel.getByRole('button', { name: 'Pull', exact: true })
    await pullName.fill('tinyllama')
    await pull.click()
    await expect(panel.getByRole('progressbar')).toBeVisible()
    await expect(panel.getByText('Running')).toBeVisible()
    await expectAccessible(page, 'the Ollama panel during a pull')
    await screenshot(page, 'providers-ollama')
    await panel.getByRole('button', { name: /^Cancel / }).click()
    await expect(panel.getByText('Cancelled')).toBeVisible({ timeout: 10_000 })
    expect(ollama.installed.has('tinyllama:latest')).toBe(false)
    ollama.holdPulls = false

    // A name Ollama does not know: its own words.
    await pullName.fill('no-such-model')
    await pull.click()
    await expect(panel.getByText('Failed')).toBeVisible()
    await expect(panel).toContainText('file does not exist')

    // A pull that finishes.
    await pullName.fill('tinyllama')
    await pull.click()
    await expect(panel.getByText('Succeeded')).toBeVisible({ timeout: 15_000 })
    await expect(panel).toContainText('success')
    await expect(models.getByRole('listitem').filter({ hasText: 'tinyllama' })).toHaveCount(1)

    // Delete, with confirmation.
    const qwen = models.getByRole('listitem').filter({ hasText: 'qwen2.5:0.5b' })
    await qwen.getByRole('button', { name: 'Delete qwen2.5:0.5b' }).click()
    await qwen.getByRole('button', { name: 'Delete', exact: true }).click()
    await expect(models.getByRole('listitem').filter({ hasText: 'qwen2.5:0.5b' })).toHaveCount(0)
    expect(ollama.installed.has('qwen2.5:0.5b')).toBe(false)
    // The list is Ollama's list after the changes, pulled model included.
    await expect(models.getByRole('listitem')).toHaveCount(ollama.installed.size)
    problems.expectNone('Ollama panel')
  } finally {
    const id = await providerId(api, NAME).catch(() => null)
    if (id) await api.call('providers.remove', { id })
    await ollama.close()
  }
})
