import { expect, expectAccessible, screenshot, sidebar, test } from './support/fixtures'
import { startHost } from './support/host'

const TITLE = 'Cannot reach the NEXUS core'

test('a wrong token shows the unauthorized screen, not a broken app', async ({ page, host }) => {
  await page.goto(`${host.origin}/?token=not-the-right-token`)
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible()
  await expect(page.getByRole('main')).toContainText('refused')
  await expect(page.getByRole('main')).toContainText('token')
  await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible()
  await expect(sidebar(page)).toHaveCount(0)
  await expectAccessible(page, 'the unauthorized screen')
  await screenshot(page, 'unauthorized')
})

test('no token at all says where to find one', async ({ page, host }) => {
  await page.goto(`${host.origin}/`)
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible()
  await expect(page.getByRole('main')).toContainText('without the access token')
  await expect(sidebar(page)).toHaveCount(0)
})

test('stopping the host shows the unreachable screen with Retry', async ({ page }) => {
  const own = await startHost()
  try {
    await page.goto(own.url)
    await expect(sidebar(page)).toBeVisible()
    await own.stop()

    await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible({ timeout: 10_000 })
    await expect(page.getByRole('main')).toContainText('not answering')
    const retry = page.getByRole('button', { name: 'Retry' })
    await retry.click()
    // Still down: the screen stays, with its Retry button back.
    await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible()
    await expect(retry).toBeEnabled()
    await expectAccessible(page, 'the unreachable screen')
    await screenshot(page, 'unreachable')
  } finally {
    await own.stop()
  }
})
