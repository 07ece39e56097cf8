import type { Locator, Page } from '@playwright/test'
import { expect, expectPage, navLink, test } from './support/fixtures'
import { FOCUS_STATE, type FocusState } from './support/dom'
import { DEFAULT_SETTINGS } from '../../src/shared/contract'

/**
 * Presses Tab (or Shift+Tab) until `target` has the focus; every stop on the way must show a
 * focus ring.
 */
async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  const visited: string[] = []
  for (let i = 0; i < 25; i += 1) {
    await page.keyboard.press(key)
    const focus = await page.evaluate<FocusState>(FOCUS_STATE)
    visited.push(focus.element)
    expect(focus.outline, `focus ring on ${focus.element}`).not.toBe('none')
    if (await target.evaluate((el) => el.matches(':focus'))) return
  }
  throw new Error(`${key} never reached the target; visited: ${visited.join(', ')}`)
}

test('keyboard only: skip link, sidebar, shortcuts and a setting', async ({ page, host, api, problems }) => {
  await page.goto(host.url)
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()

  // First Tab stop: the skip link, visible when focused; Enter moves to the page's main.
  await page.keyboard.press('Tab')
  const skip = page.getByRole('link', { name: 'Skip to main content' })
  await expect(skip).toBeFocused()
  await expect(skip).toBeInViewport()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('main')).toBeFocused()

  // Ctrl+1..5 switch pages; the new page's heading takes the focus.
  await page.keyboard.press('Control+3')
  await expectPage(page, 'Monitor')
  await page.keyboard.press('Control+2')
  await expectPage(page, 'Workflows')
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused()

  // Back from the page into the sidebar, to Settings, opened with Enter.
  await tabTo(page, navLink(page, 'Settings'), 'Shift+Tab')
  await page.keyboard.press('Enter')
  await expectPage(page, 'Settings')
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused()

  // Into the theme radio group, then arrow keys: System → Light → Dark.
  await tabTo(page, page.getByRole('radio', { name: /System/ }))
  await page.keyboard.press('ArrowDown')
  await expect(page.getByRole('radio', { name: /Light/ })).toBeChecked()
  await page.keyboard.press('ArrowDown')
  await expect(page.getByRole('radio', { name: /Dark/ })).toBeChecked()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')

  // Tab to the checkbox and toggle it with Space.
  const openActivity = page.getByRole('checkbox', { name: /Activity panel/ })
  await tabTo(page, openActivity)
  await page.keyboard.press('Space')
  await expect(openActivity).toBeChecked()
  await expect
    .poll(() => api.call('settings.get'), { message: 'settings.set is a patch: the theme must stay dark' })
    .toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', activityPanelOpen: true })

  // Reload: both settings apply at startup (the Activity panel opens by itself).
  await page.reload()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await expect(page.getByRole('complementary', { name: 'Activity' })).toBeVisible()
  await page.keyboard.press('Control+5')
  await expectPage(page, 'Settings')
  problems.expectNone('keyboard navigation')
})
