import type { Page } from '@playwright/test'
import type { NexusClient } from '../../../src/shared/client'
import { expect, navLink } from './fixtures'

/** Settings > Providers, through the sidebar and the tab. */
export async function openProviders(page: Page): Promise<void> {
  await navLink(page, 'Settings').click()
  await page.getByRole('tab', { name: 'Providers' }).click()
  await expect(page.getByRole('region', { name: 'Providers' })).toBeVisible()
}

/** Adds an OpenAI-compatible provider (preset custom) with real clicks and typing. */
export async function addProviderInSettings(
  page: Page,
  provider: { name: string; baseUrl: string; apiKey: string }
): Promise<void> {
  await openProviders(page)
  const toggle = page.getByRole('button', { name: 'Add provider', exact: true })
  if (await toggle.isVisible()) await toggle.click()
  const form = page.getByRole('form', { name: 'Add a provider' })
  await form.getByLabel('Provider', { exact: true }).selectOption({ label: 'Custom (OpenAI-compatible)' })
  await form.getByLabel('Name').fill(provider.name)
  await form.getByLabel('Base URL').fill(provider.baseUrl)
  await form.getByLabel(/API key/).fill(provider.apiKey)
  await form.getByRole('button', { name: 'Save provider' }).click()
  await expect(form).toHaveCount(0)
  await expect(providerCard(page, provider.name)).toBeVisible()
}

export function providerCard(page: Page, name: string) {
  return page.getByRole('list', { name: 'Configured providers' }).getByRole('listitem', { name, exact: true })
}

export async function providerId(api: NexusClient, name: string): Promise<string> {
  const found = (await api.call('providers.list')).find((p) => p.name === name)
  if (!found) throw new Error(`No provider named ${name}`)
  return found.id
}

/** The id of this OpenAI-compatible provider, added through the API when missing (a test run alone). */
export async function ensureProvider(
  api: NexusClient,
  provider: { name: string; baseUrl: string; apiKey?: string }
): Promise<string> {
  const found = (await api.call('providers.list')).find((p) => p.name === provider.name && p.baseUrl === provider.baseUrl)
  if (found) return found.id
  return (await api.call('providers.add', { kind: 'openai-compatible', preset: 'custom', ...provider })).id
}

/** Chat, a new conversation, this model picked in the picker. */
export async function startChat(page: Page, modelRef: string): Promise<void> {
  await navLink(page, 'Chat').click()
  await page.getByRole('button', { name: 'New chat' }).click()
  await page.getByRole('combobox', { name: 'Model' }).selectOption(modelRef)
}

export async function send(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Message' })
  await box.fill(text)
  await box.press('Enter')
  await expect(box).toHaveValue('')
}

export function lastAnswer(page: Page) {
  return page.getByRole('article', { name: 'Answer' }).last()
}

/** Text of the answer's rendered markdown. */
export async function answerText(page: Page): Promise<string> {
  return (await lastAnswer(page).locator('.markdown').textContent()) ?? ''
}
