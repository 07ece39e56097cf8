import { startOpenAIFixture } from '../fixtures/providers/openai-server'
import { connectApi } from './support/api'
import { expect, sidebar, test } from './support/fixtures'
import { startHost } from './support/host'
import { answerText, lastAnswer, send, startChat } from './support/chat'

const KEY = 'sk-e2e-crash-key-5150'

test('a host killed mid-stream keeps the partial answer, marked interrupted after a restart', async ({ page }) => {
  test.setTimeout(90_000)
  const fake = await startOpenAIFixture({ apiKey: KEY })
  const first = await startHost()
  let second: Awaited<ReturnType<typeof startHost>> | null = null
  try {
    const api = connectApi(first)
    const provider = await api.client.call('providers.add', {
      kind: 'openai-compatible',
      preset: 'custom',
      name: 'Crash fake',
      baseUrl: fake.baseUrl,
      apiKey: KEY
    })
    api.close()

    const words = Array.from({ length: 400 }, (_, i) => `w${i}`).join(' ')
    fake.use({ text: words, deltaChars: 5, delayMs: 40 })
    await page.goto(first.url)
    await expect(sidebar(page)).toBeVisible()
    await startChat(page, `${provider.id}/gpt-4o-mini`)
    await send(page, 'Tell me a very long story')
    await expect(lastAnswer(page).getByText('Streaming')).toBeVisible()
    await expect.poll(async () => (await answerText(page)).length).toBeGreaterThan(60)
    // The core saves streamed text every 250 ms: leave it time to save some.
    await page.waitForTimeout(1_000)
    const seen = await answerText(page)
    await first.kill()

    second = await startHost({ dataDir: first.dataDir })
    await page.goto(second.url)
    await expect(sidebar(page)).toBeVisible()
    // A new port is a new origin: the last conversation is found in the list, not remembered.
    await page.getByRole('region', { name: 'Conversations' }).getByRole('button', { name: /^Tell me a very long story/ }).click()

    const answer = lastAnswer(page)
    await expect(answer.getByText('Interrupted', { exact: true })).toBeVisible()
    await expect(answer.getByRole('note')).not.toBeEmpty()
    const kept = await answerText(page)
    expect(kept.length).toBeGreaterThan(20)
    expect(words.startsWith(kept.trim())).toBe(true)
    // What was saved is at most what had been shown, give or take the last save interval.
    expect(kept.length).toBeLessThanOrEqual(seen.length + 200)
    await expect(page.getByRole('button', { name: 'Send' })).toBeVisible()
    await expect(answer.getByRole('button', { name: 'Regenerate' })).toBeVisible()
  } finally {
    await second?.stop()
    await first.stop()
    await fake.close()
  }
})
