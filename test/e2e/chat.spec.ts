import { startOpenAIFixture, type OpenAIFixture } from '../fixtures/providers/openai-server'
import { expect, expectAccessible, navLink, openApp, screenshot, test } from './support/fixtures'
import { addProviderInSettings, answerText, ensureProvider, lastAnswer, providerCard, providerId, send, startChat } from './support/chat'

const KEY = 'sk-e2e-fake-key-7731'
const NAME = 'Fake OpenAI'
const ANSWER = [
  'Here is a **TypeScript** function that adds two numbers:',
  '',
  '```ts',
  'export function add(a: number, b: number): number {',
  '  return a + b',
  '}',
  '```',
  '',
  'It returns the sum of both arguments.'
].join('\n')
const CODE = 'export function add(a: number, b: number): number {\n  return a + b\n}'

let fake: OpenAIFixture

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  fake = await startOpenAIFixture({ apiKey: KEY })
})

test.afterAll(async () => {
  await fake.close()
})

test('add a provider in Settings, test it, chat with a streamed answer, reload and find it kept', async ({
  page,
  context,
  host,
  api,
  problems
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin })
  await openApp(page, host)
  await addProviderInSettings(page, { name: NAME, baseUrl: fake.baseUrl, apiKey: KEY })

  // The key is shown only as its last four characters, and no field holds it any more.
  const card = providerCard(page, NAME)
  await expect(card.getByText('•••• 7731')).toBeVisible()
  await expect(page.locator('body')).not.toContainText(KEY)
  const values = await page.locator('input').evaluateAll((els) => els.map((el) => (el as { value?: string }).value))
  expect(values).not.toContain(KEY)

  await card.getByRole('button', { name: `Test connection to ${NAME}` }).click()
  await expect(card.getByRole('status')).toContainText('Connected')
  await expect(card.getByRole('list', { name: `Models of ${NAME}` })).toContainText('gpt-4o-mini')
  await expectAccessible(page, 'Settings > Providers')
  await screenshot(page, 'providers')

  // Chat: pick the fake provider's model; the answer streams in slowly.
  const ref = `${await providerId(api, NAME)}/gpt-4o-mini`
  fake.use({ text: ANSWER, deltaChars: 4, delayMs: 40, usage: { prompt_tokens: 12, completion_tokens: 48 } })
  await startChat(page, ref)
  await send(page, 'Write an add function in TypeScript')

  const answer = lastAnswer(page)
  await expect(answer.getByText('Streaming')).toBeVisible()
  // Seen part-way: some text, not all of it yet.
  await expect.poll(async () => (await answerText(page)).length).toBeGreaterThan(0)
  expect((await answerText(page)).length).toBeLessThan(ANSWER.length - 20)
  await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible()

  await expect(answer.getByText('It returns the sum of both arguments.')).toBeVisible({ timeout: 20_000 })
  await expect(answer.getByText('Streaming')).toHaveCount(0)
  await expect(answer.locator('strong')).toHaveText('TypeScript')
  await expect(answer.locator('pre code.hljs .hljs-keyword').first()).toBeVisible()

  // Details of the answer: model, tokens, time to first token, total time.
  const details = answer.getByRole('definition')
  await expect(answer.getByLabel('Answer details')).toContainText('gpt-4o-mini')
  await expect(answer.getByLabel('Answer details')).toContainText('12 in · 48 out')
  await expect(answer.getByLabel('Answer details')).toContainText('First token')
  await expect(answer.getByLabel('Answer details')).toContainText('Total')
  await expect(details.first()).toBeVisible()

  // Copy the code block.
  await answer.getByRole('button', { name: 'Copy code' }).click()
  await expect(answer.getByRole('status').filter({ hasText: /Copied|clipboard is not available/ })).toBeVisible()
  expect(await page.evaluate('navigator.clipboard.readText()')).toBe(CODE)

  // The conversation is in the list under its first words, and survives a reload.
  const list = page.getByRole('region', { name: 'Conversations' })
  await expect(list.getByRole('button', { name: /^Write an add function/ })).toBeVisible()
  await expectAccessible(page, 'Chat')
  await screenshot(page, 'chat-conversation')

  await page.reload()
  await expect(navLink(page, 'Chat')).toHaveAttribute('aria-current', 'page')
  await expect(page.getByRole('article', { name: 'Your message' }).last()).toContainText('Write an add function')
  await expect(lastAnswer(page).getByText('It returns the sum of both arguments.')).toBeVisible()
  await expect(lastAnswer(page).getByLabel('Answer details')).toContainText('12 in · 48 out')
  problems.expectNone('Chat')
})

test('Stop keeps the partial answer, marked stopped', async ({ page, host, api, problems }) => {
  const words = Array.from({ length: 300 }, (_, i) => `word${i}`).join(' ')
  fake.use({ text: words, deltaChars: 6, delayMs: 40 })
  await openApp(page, host)
  await startChat(page, `${await ensureProvider(api, { name: NAME, baseUrl: fake.baseUrl, apiKey: KEY })}/gpt-4o-mini`)
  await send(page, 'Count slowly')

  await expect.poll(async () => (await answerText(page)).length).toBeGreaterThan(30)
  await page.getByRole('button', { name: 'Stop' }).click()
  const answer = lastAnswer(page)
  await expect(answer.getByText('Stopped', { exact: true })).toBeVisible()
  await expect(answer.getByRole('note')).toContainText('Stopped')
  const partial = await answerText(page)
  expect(partial.length).toBeGreaterThan(30)
  expect(partial.length).toBeLessThan(words.length)
  expect(words.startsWith(partial.trim())).toBe(true)
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible()

  // What was kept is what the core stored.
  await page.reload()
  await expect(lastAnswer(page).getByText('Stopped', { exact: true })).toBeVisible()
  expect(await answerText(page)).toBe(partial)
  await expect(lastAnswer(page).getByRole('button', { name: 'Regenerate' })).toBeVisible()
  problems.expectNone('Chat after Stop')
})

test('edit and resend replaces the question and its answer; regenerate answers again', async ({ page, host, api, problems }) => {
  fake.use({ text: 'First answer.', deltaChars: 4, delayMs: 5 })
  await openApp(page, host)
  await startChat(page, `${await ensureProvider(api, { name: NAME, baseUrl: fake.baseUrl, apiKey: KEY })}/gpt-4o-mini`)
  await send(page, 'Original question')
  await expect(lastAnswer(page)).toContainText('First answer.')

  fake.use({ text: 'Second answer.', deltaChars: 4, delayMs: 5 })
  await lastAnswer(page).getByRole('button', { name: 'Regenerate' }).click()
  await expect(lastAnswer(page)).toContainText('Second answer.')
  await expect(page.getByRole('article', { name: 'Answer' })).toHaveCount(1)

  fake.use({ text: 'Answer to the edit.', deltaChars: 4, delayMs: 5 })
  const question = page.getByRole('article', { name: 'Your message' })
  await question.getByRole('button', { name: 'Edit' }).click()
  await question.getByRole('textbox', { name: 'Edit your message' }).fill('Edited question')
  await question.getByRole('button', { name: 'Save and resend' }).click()
  await expect(page.getByRole('article', { name: 'Your message' })).toHaveCount(1)
  await expect(page.getByRole('article', { name: 'Your message' })).toContainText('Edited question')
  await expect(lastAnswer(page)).toContainText('Answer to the edit.')
  await expect(page.getByRole('article', { name: 'Answer' })).toHaveCount(1)
  const sent = fake.chatRequests().at(-1)?.body as { messages: { content: unknown }[] }
  expect(JSON.stringify(sent.messages)).toContain('Edited question')
  expect(JSON.stringify(sent.messages)).not.toContain('Original question')
  problems.expectNone('edit and regenerate')
})

test('the system prompt of a conversation reaches the model; a refused request is marked with why', async ({
  page,
  host,
  api,
  problems
}) => {
  await openApp(page, host)
  await startChat(page, `${await ensureProvider(api, { name: NAME, baseUrl: fake.baseUrl, apiKey: KEY })}/gpt-4o-mini`)
  await page.getByRole('button', { name: 'System prompt' }).click()
  await page.getByRole('textbox', { name: 'System prompt' }).fill('Answer like a pirate.')
  await page.getByRole('button', { name: 'Save system prompt' }).click()
  await expect(page.getByRole('button', { name: 'System prompt (set)' })).toBeVisible()

  fake.use({ text: 'Arr, ahoy.', deltaChars: 4, delayMs: 5 })
  await send(page, 'Hello there')
  await expect(lastAnswer(page)).toContainText('Arr, ahoy.')
  const body = fake.chatRequests().at(-1)?.body as { messages: { role: string; content: unknown }[] }
  expect(body.messages[0]).toEqual({ role: 'system', content: 'Answer like a pirate.' })

  fake.use({ error: { status: 400, message: 'Unsupported parameter: temperature' } })
  await send(page, 'And again')
  const failed = lastAnswer(page)
  await expect(failed.getByText('Error', { exact: true })).toBeVisible()
  await expect(failed.getByRole('note')).toContainText(`${NAME} refused the request (400)`)
  await expect(failed.getByRole('note')).toContainText('Unsupported parameter: temperature')
  await expect(failed).not.toContainText('[object')

  // Kept after a reload, system prompt included.
  await page.reload()
  await expect(lastAnswer(page).getByRole('note')).toContainText('Unsupported parameter')
  await expect(page.getByRole('button', { name: 'System prompt (set)' })).toBeVisible()
  problems.expectNone('system prompt and a refused request')
})
