import {
  PAGES,
  expect,
  expectAccessible,
  expectPage,
  navLink,
  openApp,
  screenshot,
  test,
  type PageName
} from './support/fixtures'
import type { Page } from '@playwright/test'

/** What each page must show once its data has arrived, beyond its heading. */
async function expectContent(page: Page, name: PageName): Promise<void> {
  const main = page.getByRole('main')
  switch (name) {
    case 'Monitor': {
      const checks = main.getByRole('region', { name: 'Health checks' })
      await expect(checks.getByRole('row', { name: /database/ })).toContainText('OK')
      await expect(checks.getByRole('row', { name: /sqlite-vec/ })).toContainText('OK')
      await expect(main.getByText('Uptime')).toBeVisible()
      await expect(main.getByText('Memory (RSS)')).toBeVisible()
      await expect(main.getByRole('region', { name: 'Jobs' })).toBeVisible()
      break
    }
    case 'Chat': {
      await expect(main.getByRole('region', { name: 'Conversations' })).toBeVisible()
      await expect(main.getByRole('button', { name: 'New chat' })).toBeVisible()
      await expect(main.getByRole('textbox', { name: 'Message' })).toBeVisible()
      await expect(main.getByRole('combobox', { name: 'Model' })).toBeVisible()
      break
    }
    case 'Workflows':
      await expect(main.getByRole('button', { name: 'New workflow' })).toBeVisible()
      await expect(main.getByRole('region', { name: 'Your workflows' })).toBeVisible()
      await expect(main.getByRole('region', { name: 'Examples' }).getByRole('button', { name: /^Open the example/ }).first()).toBeVisible()
      break
    case 'Settings':
      await expect(main.getByText('Schema version')).toBeVisible()
      await expect(main.getByText('sqlite-vec', { exact: true })).toBeVisible()
      await expect(main.getByRole('radio', { name: /System/ })).toBeChecked()
      await expect(main.getByRole('button', { name: 'Check database integrity' })).toBeVisible()
      break
    default:
      // Placeholder pages say plainly that the feature is not here yet.
      await expect(main.getByRole('heading', { name: 'Not available yet' })).toBeVisible()
  }
}

for (const scheme of ['light', 'dark'] as const) {
  test(`every page through the sidebar (${scheme} system theme)`, async ({ page, host, problems }) => {
    await page.emulateMedia({ colorScheme: scheme })
    await openApp(page, host)
    // The theme setting is `system`: the page follows prefers-color-scheme.
    await expect(page.locator('html')).toHaveAttribute('data-theme', scheme)
    expect(new URL(page.url()).searchParams.has('token'), 'token removed from the address').toBe(false)

    for (const name of PAGES) {
      await navLink(page, name).click()
      await expect(navLink(page, name)).toHaveAttribute('aria-current', 'page')
      await expectPage(page, name)
      await expectContent(page, name)
      await expectAccessible(page, `${name} (${scheme})`)
      await screenshot(page, scheme === 'light' ? name.toLowerCase() : `${name.toLowerCase()}-dark`)
      problems.expectNone(`${name} (${scheme})`)
    }
  })
}

test('the Monitor page refreshes the health snapshot on its own', async ({ page, host, problems }) => {
  await openApp(page, host)
  await navLink(page, 'Monitor').click()
  const updated = page.getByText(/^Updated /)
  await expect(updated).toBeVisible()
  const first = await updated.textContent()
  await expect(updated).not.toHaveText(first ?? '', { timeout: 8_000 })
  problems.expectNone('Monitor')
})

test('the system theme follows the operating system while the app is open', async ({ page, host }) => {
  await page.emulateMedia({ colorScheme: 'light' })
  await openApp(page, host)
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
  await page.emulateMedia({ colorScheme: 'dark' })
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
})
