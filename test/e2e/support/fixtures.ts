import path from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'
import { DEFAULT_SETTINGS } from '../../../src/shared/contract'
import type { NexusClient } from '../../../src/shared/client'
import { ROOT, startHost, type RunningHost } from './host'
import { connectApi } from './api'
import { REPORT_CSP_VIOLATIONS } from './dom'

export { expect }

export const PAGES = ['Chat', 'Workflows', 'Monitor', 'Registry', 'Settings'] as const
export type PageName = (typeof PAGES)[number]

/** Console errors, uncaught exceptions and Content-Security-Policy violations of one page. */
export interface Problems {
  errors: string[]
  csp: string[]
  expectNone(where: string): void
}

interface WorkerFixtures {
  host: RunningHost
  api: NexusClient
}

interface TestFixtures {
  problems: Problems
  resetSettings: void
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  host: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const host = await startHost()
      await use(host)
      await host.stop()
    },
    { scope: 'worker', timeout: 90_000 }
  ],
  api: [
    async ({ host }, use) => {
      const api = connectApi(host)
      await use(api.client)
      api.close()
    },
    { scope: 'worker' }
  ],
  // Every test starts from the default settings, whatever the previous one changed.
  resetSettings: [
    async ({ api }, use) => {
      await api.call('settings.set', DEFAULT_SETTINGS)
      await use()
    },
    { auto: true }
  ],
  problems: async ({ page }, use) => {
    const errors: string[] = []
    const csp: string[] = []
    await page.addInitScript({ content: REPORT_CSP_VIOLATIONS })
    page.on('console', (message) => {
      const text = message.text()
      if (/Content[- ]Security[- ]Policy|CSP violation/i.test(text)) csp.push(text)
      else if (message.type() === 'error') errors.push(`${text} (${message.location().url})`)
    })
    page.on('pageerror', (error) => errors.push(`Uncaught: ${error.message}`))
    await use({
      errors,
      csp,
      expectNone(where) {
        expect(errors, `console errors on ${where}`).toEqual([])
        expect(csp, `CSP violations on ${where}`).toEqual([])
      }
    })
  }
})

/** Opens the app at the URL the host printed and waits for the shell. */
export async function openApp(page: Page, host: RunningHost): Promise<void> {
  await page.goto(host.url)
  await expect(sidebar(page)).toBeVisible()
}

export function sidebar(page: Page) {
  return page.getByRole('navigation', { name: 'Main' })
}

export function navLink(page: Page, name: PageName) {
  return sidebar(page).getByRole('link', { name, exact: true })
}

/** The page's main landmark and its level-1 heading. */
export async function expectPage(page: Page, name: PageName | string): Promise<void> {
  const main = page.getByRole('main')
  await expect(main).toHaveCount(1)
  await expect(main.getByRole('heading', { level: 1 })).toHaveText(name)
}

/** No serious or critical axe-core findings on the page as it is now. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze()
  const findings = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  expect(findings, `accessibility findings on ${where}`).toEqual([])
}

/** Full-page screenshot kept as an artifact in test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0)
  await page.screenshot({
    path: path.join(ROOT, 'test-results', 'screenshots', `${name}.png`),
    fullPage: true,
    animations: 'disabled'
  })
}
