import { startOpenAIFixture, type OpenAIFixture } from '../fixtures/providers/openai-server'
import { expect, expectAccessible, navLink, openApp, test } from './support/fixtures'
import { ensureProvider, lastAnswer, openProviders, providerCard, send, startChat } from './support/chat'

const KEY = 'sk-e2e-safety-key-4242'
const NAME = 'Safety fake'
const HOSTILE = [
  'Careful: <img src=x onerror="window.__pwned=1"> and <script>window.__pwned=3</script>',
  '',
  'A [click](javascript:window.__pwned=2) link, a [data](data:text/html,<b>x</b>) link,',
  'a [web page](https://example.com/page) and ![a tracker](https://example.com/pixel.png).'
].join('\n')
// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64'
)

let fake: OpenAIFixture

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  fake = await startOpenAIFixture({ apiKey: KEY })
})

test.afterAll(async () => {
  await fake.close()
})

test('model output with HTML and javascript: links executes nothing', async ({ page, context, host, api, problems }) => {
  await ensureProvider(api, { name: NAME, baseUrl: fake.baseUrl, apiKey: KEY })
  fake.use({ text: HOSTILE, deltaChars: 8, delayMs: 5 })
  await openApp(page, host)
  await startChat(page, `${await ensureProvider(api, { name: NAME, baseUrl: fake.baseUrl, apiKey: KEY })}/gpt-4o-mini`)
  await send(page, 'Say something dangerous')
  const answer = lastAnswer(page)
  await expect(answer).toContainText('a tracker', { timeout: 15_000 })
  await expect(answer.getByText('Streaming')).toHaveCount(0)

  // Raw HTML is shown as text, never parsed.
  await expect(answer).toContainText('<img src=x onerror="window.__pwned=1">')
  await expect(page.locator('img[onerror]')).toHaveCount(0)
  await expect(answer.locator('img, script')).toHaveCount(0)
  // Only the https link is a link; javascript: and data: are plain text.
  await expect(answer.getByRole('link')).toHaveCount(2)
  await expect(answer.getByRole('link', { name: 'web page' })).toHaveAttribute('href', 'https://example.com/page')
  await expect(answer.getByRole('link', { name: 'Image: a tracker' })).toHaveAttribute('href', 'https://example.com/pixel.png')
  await answer.getByText('click', { exact: true }).click()
  await answer.getByText('data', { exact: true }).click()

  // A web link opens a new window (confirmed by Electron's main process) and never this page.
  const before = page.url()
  const opened = context.waitForEvent('page')
  await answer.getByRole('link', { name: 'web page' }).click()
  const popup = await opened
  await popup.close()
  expect(page.url()).toBe(before)

  expect(await page.evaluate('window.__pwned')).toBeUndefined()
  await expectAccessible(page, 'Chat with hostile output')
  problems.expectNone('hostile output')
})

test('a wrong key shows the normalized message, in Settings and as a hint in Chat', async ({ page, host, api, problems }) => {
  const wrong = await startOpenAIFixture({ apiKey: 'sk-the-right-one' })
  try {
    await api.call('providers.add', {
      kind: 'openai-compatible',
      preset: 'custom',
      name: 'Wrong key',
      baseUrl: wrong.baseUrl,
      apiKey: 'sk-e2e-wrong-key-9999'
    })
    await openApp(page, host)
    await openProviders(page)
    const card = providerCard(page, 'Wrong key')
    await expect(card.getByText('•••• 9999')).toBeVisible()
    await card.getByRole('button', { name: 'Test connection to Wrong key' }).click()
    await expect(card.getByRole('alert')).toContainText('rejected the API key')
    await expect(card.getByRole('alert')).not.toContainText('[object')
    await expect(page.locator('body')).not.toContainText('sk-e2e-wrong-key-9999')

    await navLink(page, 'Chat').click()
    await expect(page.getByRole('list', { name: 'Providers without models' })).toContainText(
      /Wrong key: .*rejected the API key/
    )

    // Remove it, with confirmation.
    await openProviders(page)
    await card.getByRole('button', { name: 'Remove Wrong key' }).click()
    await card.getByRole('button', { name: 'Remove', exact: true }).click()
    await expect(card).toHaveCount(0)
    expect((await api.call('providers.list')).some((p) => p.name === 'Wrong key')).toBe(false)
    problems.expectNone('wrong key')
  } finally {
    await wrong.close()
  }
})

test('images attach when they are PNG, JPEG, GIF or WebP; other files are refused', async ({ page, host, api, problems }) => {
  fake.use({ text: 'I see a very small image.', deltaChars: 8, delayMs: 5 })
  await openApp(page, host)
  await startChat(page, `${await ensureProvider(api, { name: NAME, baseUrl: fake.baseUrl, apiKey: KEY })}/gpt-4o-mini`)
  const input = page.locator('.composer input[type="file"]')
  await input.setInputFiles({ name: 'notes.bmp', mimeType: 'image/bmp', buffer: Buffer.from('BM not really an image') })
  await expect(page.getByRole('form', { name: 'Write a message' }).getByRole('alert')).toContainText(
    'notes.bmp (image/bmp) is not a PNG, JPEG, GIF or WebP image'
  )
  await input.setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: PNG })
  await expect(page.getByRole('list', { name: 'Attached images' }).getByRole('img')).toHaveCount(1)
  await send(page, 'What is in this image?')
  await expect(page.getByRole('article', { name: 'Your message' }).last().getByRole('img')).toHaveCount(1)
  await expect(lastAnswer(page)).toContainText('I see a very small image.')
  const body = fake.chatRequests().at(-1)?.body as { messages: unknown[] }
  expect(JSON.stringify(body.messages)).toContain('data:image/png;base64,')
  problems.expectNone('attachments')
})

test('conversations: search by title, rename, delete with confirmation', async ({ page, host, api, problems }) => {
  fake.use({ text: 'Ok.', deltaChars: 8, delayMs: 5 })
  await openApp(page, host)
  await startChat(page, `${await ensureProvider(api, { name: NAME, baseUrl: fake.baseUrl, apiKey: KEY })}/gpt-4o-mini`)
  await send(page, 'Zebra facts please')
  await expect(lastAnswer(page)).toContainText('Ok.')
  const list = page.getByRole('region', { name: 'Conversations' })

  await list.getByRole('searchbox').fill('zebra')
  await expect(list.getByRole('listitem')).toHaveCount(1)
  await list.getByRole('button', { name: 'Rename' }).click()
  await list.getByRole('textbox', { name: 'New title' }).fill('Striped horses')
  await list.getByRole('button', { name: 'Save' }).click()
  await expect(list.getByRole('listitem')).toHaveCount(0)
  await list.getByRole('searchbox').fill('striped')
  await expect(list.getByRole('button', { name: /^Striped horses/ })).toBeVisible()
  await expect(page.getByRole('heading', { level: 2, name: 'Striped horses' })).toBeVisible()

  await list.getByRole('button', { name: 'Delete “Striped horses”' }).click()
  await list.getByRole('button', { name: 'Delete', exact: true }).click()
  await expect(list.getByRole('listitem')).toHaveCount(0)
  await expect(page.getByRole('heading', { level: 2, name: 'New chat' })).toBeVisible()
  expect((await api.call('conversations.list', { query: 'Striped' })).length).toBe(0)
  problems.expectNone('conversation list')
})
