/**
 * End to end with the real core: "auto" routes to the first-ranked of two fake OpenAI-compatible
 * providers; it fails, the answer comes from the other one and the UI says so; repeated failures
 * open its breaker (seen on the Monitor); once it recovers and the open time (500 ms here, from
 * NEXUS_BREAKER_OPEN_MS) has passed, a trial call half-opens the breaker and it closes.
 */
import { startOpenAIFixture, type OpenAIFixture } from '../fixtures/providers/openai-server'
import { connectApi } from './support/api'
import { expect, expectAccessible, navLink, screenshot, sidebar, test } from './support/fixtures'
import { startHost, type RunningHost } from './support/host'
import { lastAnswer, send, startChat } from './support/chat'
import { ask } from './support/routing'

const KEY = 'sk-e2e-auto-fallback-1234'
const PROMPT = 'Write a Python function that reverses a string, with a docstring.'
const model = (id: string) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'e2e' })

let host: RunningHost
let api: ReturnType<typeof connectApi>
const fakes: OpenAIFixture[] = []

test.beforeAll(async () => {
  host = await startHost({ env: { NEXUS_BREAKER_OPEN_MS: '500' } })
  api = connectApi(host)
  fakes.push(await startOpenAIFixture({ apiKey: KEY, models: [model('gpt-4o')] }))
  fakes.push(await startOpenAIFixture({ apiKey: KEY, models: [model('gpt-4o-mini')] }))
})

test.afterAll(async () => {
  api.close()
  await host.stop()
  for (const fake of fakes) await fake.close()
})

test('auto falls back visibly, the breaker opens, then half-opens and closes after recovery', async ({ page, problems }) => {
  test.setTimeout(120_000)
  const ids: string[] = []
  for (const [i, fake] of fakes.entries()) {
    const added = await api.client.call('providers.add', { kind: 'openai-compatible', preset: 'custom', name: `Fallback fake ${i + 1}`, baseUrl: fake.baseUrl, apiKey: KEY })
    ids.push(added.id)
  }

  // Which one does auto put first for this prompt? That one fails.
  const decision = await api.client.call('routing.route', { text: PROMPT })
  const first = decision.ranked[0]
  expect(first, 'auto ranks a model first').toBeTruthy()
  if (!first) return
  const failing = fakes[ids.indexOf(first.providerId)]
  const healthy = fakes[1 - ids.indexOf(first.providerId)]
  if (!failing || !healthy) throw new Error(`ranked first an unknown provider: ${first.ref}`)
  failing.use({ error: { status: 500, message: 'boom' } })
  healthy.use({ text: 'Answer from the backup provider.' })

  // Chat with Auto: the answer comes from the other provider, and the notice says why.
  await page.goto(host.url)
  await expect(sidebar(page)).toBeVisible()
  await startChat(page, 'auto')
  await send(page, PROMPT)
  const answer = lastAnswer(page)
  await expect(answer.getByText('Answer from the backup provider.')).toBeVisible({ timeout: 30_000 })
  await expect(answer).toContainText('Auto →')
  const notice = answer.getByRole('note', { name: 'Fallbacks' })
  await expect(notice).toBeVisible()
  await expect(notice).toContainText(first.ref)
  await expect(notice).toContainText(/boom|500/)
  await expectAccessible(page, 'Chat with a fallback notice')
  await screenshot(page, 'chat-fallback')

  // More failures: after one failure auto ranks the failing model lower, so call it by name until
  // its breaker opens (the transition reaches the live feed).
  const breakerOf = async () => (await api.client.call('breakers.list')).find((b) => b.key === first.ref || b.key === first.providerId)
  const direct = await api.client.call('conversations.create', { model: first.ref })
  let key: string | null = null
  for (let i = 0; i < 12 && key === null; i += 1) {
    await ask(api.client, direct.id, first.ref, `${PROMPT} (${i})`)
    const breaker = await breakerOf()
    if (breaker?.state === 'open') key = breaker.key
  }
  expect(key, 'the breaker of the failing model opened').not.toBeNull()
  if (key === null) return
  await navLink(page, 'Monitor').click()
  const feed = page.getByRole('log', { name: 'Live events' })
  const transitions = (pattern: RegExp) => feed.getByRole('listitem').filter({ hasText: 'Breaker' }).filter({ hasText: key }).filter({ hasText: pattern })
  await expect(transitions(/Closed\s*→\s*Open/).first()).toBeVisible()
  await expect(feed.getByRole('listitem').filter({ hasText: 'Fallback' }).first()).toContainText(first.ref)
  const breakers = page.getByRole('table', { name: 'Circuit breakers' })
  const row = breakers.getByRole('row', { name: new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `) })
  await expect(row).toContainText(/Open|Half-open/)
  await screenshot(page, 'monitor-breaker-open')

  // Recovery: after the open time, a call to that model is the trial; it succeeds and closes the breaker.
  failing.use({ text: 'The first provider is back.' })
  await page.waitForTimeout(700)
  for (let i = 0; i < 5 && (await breakerOf())?.state !== 'closed'; i += 1) {
    await ask(api.client, direct.id, first.ref, `Are you back? (${i})`)
    await new Promise((resolve) => setTimeout(resolve, 600))
  }
  expect((await breakerOf())?.state).toBe('closed')
  await expect(transitions(/Open\s*→\s*Half-open/).first()).toBeVisible()
  await expect(transitions(/Half-open\s*→\s*Closed/).first()).toBeVisible()
  await expect(row).toContainText('Closed')
  await expect(row.getByRole('button', { name: /^Reset/ })).toHaveCount(0)

  await expectAccessible(page, 'Monitor after recovery')
  await screenshot(page, 'monitor-breaker-closed')
  await page.emulateMedia({ colorScheme: 'dark' })
  await screenshot(page, 'monitor-breaker-closed-dark')
  problems.expectNone('auto fallback')
})
