import {
  expect,
  expectAccessible,
  expectPage,
  navLink,
  openApp,
  screenshot,
  test
} from './support/fixtures'

test('a theme chosen in Settings is saved and survives a reload', async ({ page, host, api, problems }) => {
  await openApp(page, host)
  await navLink(page, 'Settings').click()
  await expectPage(page, 'Settings')
  const html = page.locator('html')

  await page.getByRole('radio', { name: /Dark/ }).check()
  await expect(html).toHaveAttribute('data-theme', 'dark')
  await expect.poll(async () => (await api.call('settings.get')).theme).toBe('dark')

  await page.reload()
  await expectPage(page, 'Settings')
  await expect(html).toHaveAttribute('data-theme', 'dark')
  await expect(page.getByRole('radio', { name: /Dark/ })).toBeChecked()
  await expectAccessible(page, 'Settings (dark)')
  await screenshot(page, 'settings-dark-chosen')

  await page.getByRole('radio', { name: /Light/ }).check()
  await expect(html).toHaveAttribute('data-theme', 'light')
  await expect.poll(async () => (await api.call('settings.get')).theme).toBe('light')
  problems.expectNone('Settings')
})

test('a setting changed elsewhere reaches the open window (settings.changed)', async ({ page, host, api }) => {
  await page.emulateMedia({ colorScheme: 'light' })
  await openApp(page, host)
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
  await api.call('settings.set', { theme: 'dark' })
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
})

test('the database check runs as a job and finishes in the Activity panel', async ({ page, host, problems }) => {
  await openApp(page, host)
  const toggle = page.getByRole('button', { name: /^Activity/ })
  await expect(toggle).toHaveAttribute('aria-expanded', 'false')
  await toggle.click()
  await expect(toggle).toHaveAttribute('aria-expanded', 'true')
  const panel = page.getByRole('complementary', { name: 'Activity' })
  await expect(panel).toBeVisible()

  await navLink(page, 'Settings').click()
  await page.getByRole('button', { name: 'Check database integrity' }).click()

  const job = panel.getByRole('listitem').filter({ hasText: 'Database integrity check' }).first()
  await expect(job).toBeVisible()
  await expect(job.getByText('Succeeded')).toBeVisible()
  await expect(job).toContainText('No problems found')
  await expect(job.getByRole('button', { name: /Cancel/ })).toHaveCount(0)
  await expect(page.getByRole('main').getByRole('status').filter({ hasText: 'Succeeded' })).toContainText(
    'No problems found'
  )

  await expectAccessible(page, 'Settings with the Activity panel')
  await screenshot(page, 'activity')

  // The Monitor page lists the same job.
  await navLink(page, 'Monitor').click()
  const jobs = page.getByRole('region', { name: 'Jobs' })
  await expect(jobs.getByRole('row', { name: /Database integrity check/ }).first()).toContainText('Succeeded')

  await panel.getByRole('button', { name: 'Close the Activity panel' }).click()
  await expect(panel).toHaveCount(0)
  await expect(toggle).toHaveAttribute('aria-expanded', 'false')
  problems.expectNone('Activity panel')
})
