import { expect, expectAccessible, expectPage, navLink, openApp, test } from './support/fixtures'
import type { Page } from '@playwright/test'

async function openRouting(page: Page): Promise<void> {
  await navLink(page, 'Settings').click()
  await expectPage(page, 'Settings')
  await page.getByRole('tab', { name: 'Routing' }).click()
  await expect(page.getByRole('region', { name: 'Routing preference' })).toBeVisible()
}

test('the routing preference and custom weights chosen in Settings survive a reload', async ({ page, host, api, problems }) => {
  await openApp(page, host)
  await openRouting(page)
  await expect(page.getByRole('radio', { name: /Balanced/ })).toBeChecked()

  await page.getByRole('radio', { name: /Lowest cost/ }).check()
  await expect.poll(async () => (await api.call('settings.get')).routingPreference).toBe('cost')
  await page.reload()
  await openRouting(page)
  await expect(page.getByRole('radio', { name: /Lowest cost/ })).toBeChecked()

  await page.getByRole('radio', { name: /Custom/ }).check()
  const weights = page.getByRole('form', { name: 'Custom weights' })
  await weights.getByRole('spinbutton', { name: 'Quality weight' }).fill('10')
  await weights.getByRole('spinbutton', { name: 'Cost weight' }).fill('0')
  await weights.getByRole('spinbutton', { name: 'Latency weight' }).fill('90')
  await weights.getByRole('spinbutton', { name: 'Health weight' }).fill('0')
  await weights.getByRole('button', { name: 'Save weights' }).click()
  await expect
    .poll(async () => await api.call('settings.get'))
    .toMatchObject({ routingPreference: 'custom', routingWeights: { quality: 10, cost: 0, latency: 90, health: 0 } })

  await page.reload()
  await openRouting(page)
  await expect(page.getByRole('radio', { name: /Custom/ })).toBeChecked()
  await expect(page.getByRole('spinbutton', { name: 'Latency weight' })).toHaveValue('90')
  await expectAccessible(page, 'Settings > Routing')
  problems.expectNone('Settings > Routing')
})

test('Try routing detects code in a code prompt, without calling a model', async ({ page, host, problems }) => {
  await openApp(page, host)
  await openRouting(page)
  const trial = page.getByRole('form', { name: 'Try routing' })
  await trial.getByLabel('Prompt').fill('Write a Python function that reverses a linked list, with pytest unit tests:\n```python\ndef reverse(head):\n```')
  await trial.getByRole('button', { name: 'Route' }).click()
  const decision = trial.getByRole('region', { name: 'Routing decision' })
  await expect(decision).toContainText('Intent: Code')
  await expect(decision).toContainText('confidence')
  await expect(decision.getByRole('list', { name: 'Alternatives' }).getByRole('listitem').first()).toContainText('Code')
  await expect(decision).toContainText('no model was called')
  problems.expectNone('Try routing')
})
