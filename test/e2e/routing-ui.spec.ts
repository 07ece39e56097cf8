/**
 * The routing UI against canned core answers (the WebSocket is proxied, see support/stubCore):
 * states the real core reaches only slowly, such as a day of metrics or a double fallback.
 * The same screens against the real core: monitor.spec.ts, routing-settings.spec.ts, auto-fallback.spec.ts.
 */
import { expect, expectAccessible, expectPage, navLink, openApp, screenshot, test } from './support/fixtures'
import { stubCore } from './support/stubCore'
import { BREAKERS, CONVERSATION, CONVERSATION_ID, DECISION, MODEL_LIST, PROFILES, SNAPSHOT } from './support/routingData'

test('Monitor: models table, charts, live events and a breaker reset', async ({ page, host, problems }) => {
  const core = await stubCore(page, {
    'monitor.snapshot': (input: unknown) => {
      const windowMinutes = (input as { windowMinutes?: number } | undefined)?.windowMinutes ?? 60
      // The week view has a single bucket: a chart must cope with one point.
      if (windowMinutes === 10080) return { ...SNAPSHOT, windowMinutes, series: SNAPSHOT.series.map((s) => ({ ...s, points: s.points.slice(-1) })) }
      return { ...SNAPSHOT, windowMinutes }
    },
    'breakers.list': BREAKERS,
    'breakers.reset': (input: unknown) => ({ key: (input as { key: string }).key, state: 'closed', retryAt: null, failureRate: 0 })
  })
  await openApp(page, host)
  await navLink(page, 'Monitor').click()
  await expectPage(page, 'Monitor')
  const main = page.getByRole('main')

  const models = main.getByRole('region', { name: 'Models' })
  const table = models.getByRole('table', { name: 'Models' })
  await expect(table.getByRole('row', { name: /claude-sonnet/ })).toContainText('Open')
  await expect(table.getByRole('row', { name: /gpt-4o-mini/ })).toContainText('Closed')
  await expect(table.getByRole('row', { name: /llama3\.1:8b/ })).toContainText('Half-open')
  await expect(table.getByRole('row', { name: /gpt-4o-mini/ })).toContainText('180 ms / 420 ms')

  // Three charts, each a canvas with a summary in words.
  for (const title of ['Calls and errors', 'p95 total time', 'Cost']) {
    const chart = models.getByRole('group', { name: title })
    await expect(chart.locator('canvas')).toHaveCount(1)
    await expect(chart.getByRole('img')).toHaveAttribute('aria-label', new RegExp(`^${title}: `))
  }
  await expect(models.getByRole('group', { name: 'Calls and errors' })).toContainText(/\d+ calls and \d+ errors in the last hour/)

  await models.getByRole('radio', { name: '24 h' }).check()
  await expect(models.getByRole('group', { name: 'Calls and errors' })).toContainText('in the last 24 hours')
  expect(core.calls.get('monitor.snapshot')).toContainEqual({ windowMinutes: 1440 })
  await models.getByRole('radio', { name: '7 d' }).check()
  await expect(models.getByRole('group', { name: 'Calls and errors' })).toContainText('in the last 7 days')
  await expect(models.getByRole('group', { name: 'p95 total time' }).locator('canvas')).toHaveCount(1)
  await models.getByRole('radio', { name: '24 h' }).check()
  await expect(models.getByRole('group', { name: 'Calls and errors' })).toContainText('in the last 24 hours')

  // Live events: a breaker transition and a fallback, each with its trace id.
  const feed = main.getByRole('log', { name: 'Live events' })
  core.emit('breaker.transition', { key: 'flaky/claude-sonnet', from: 'closed', to: 'open', at: new Date().toISOString(), reason: '5 of 8 calls failed', traceId: 'trace-breaker-1' })
  core.emit('routing.fallback', { traceId: 'trace-fallback-1', messageId: 'm1', from: 'flaky/claude-sonnet', to: 'fast/gpt-4o-mini', code: 'PROVIDER_ERROR', message: 'The provider answered 500: boom', at: new Date().toISOString() })
  await expect(feed.getByRole('listitem')).toHaveCount(2)
  await expect(feed.getByRole('listitem').first()).toContainText('trace-fallback-1')
  await expect(feed.getByRole('listitem').nth(1)).toContainText('trace-breaker-1')
  await expect(feed.getByRole('listitem').nth(1)).toContainText('5 of 8 calls failed')

  // Reset only for open and half-open breakers, asked twice.
  const breakers = main.getByRole('table', { name: 'Circuit breakers' })
  await expect(breakers.getByRole('button', { name: /^Reset the breaker/ })).toHaveCount(2)
  await breakers.getByRole('button', { name: 'Reset the breaker of flaky/claude-sonnet' }).click()
  await breakers.getByRole('button', { name: 'Reset breaker' }).click()
  await expect.poll(() => core.calls.get('breakers.reset')).toEqual([{ key: 'flaky/claude-sonnet' }])

  await expectAccessible(page, 'Monitor with metrics (light)')
  await screenshot(page, 'monitor-models')
  await page.emulateMedia({ colorScheme: 'dark' })
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await expect(models.getByRole('group', { name: 'Cost' }).locator('canvas')).toHaveCount(1)
  await expectAccessible(page, 'Monitor with metrics (dark)')
  await screenshot(page, 'monitor-models-dark')
  problems.expectNone('Monitor')
})

test('Chat: an answer through Auto shows the model, the intent, the fallbacks, feedback and why', async ({ page, host, problems }) => {
  const core = await stubCore(page, {
    'models.list': MODEL_LIST,
    'conversations.get': CONVERSATION,
    'chat.feedback': (input: unknown) => ({ rating: (input as { rating: number }).rating }),
    'routing.correct': { saved: true }
  })
  await page.addInitScript(`window.localStorage.setItem('nexus.chat.conversation', '${CONVERSATION_ID}')`)
  await openApp(page, host)
  await navLink(page, 'Chat').click()

  const picker = page.getByRole('combobox', { name: 'Model' })
  await expect(picker).toHaveValue('auto')
  await expect(picker.locator('option').first()).toHaveText(/^Auto/)

  const answer = page.getByRole('article', { name: 'Answer' }).last()
  await expect(answer).toContainText('Auto → gpt-4o-mini · Code (91%) · best code quality among healthy models')
  const notice = answer.getByRole('note', { name: 'Fallbacks' })
  await expect(notice).toContainText('2 models failed, so gpt-4o-mini answered instead')
  await expect(notice).toContainText('flaky/claude-sonnet: The provider answered 500: boom')
  await expect(notice).toContainText('flaky/claude-haiku: Circuit breaker open')

  const up = answer.getByRole('button', { name: 'Good answer' })
  const down = answer.getByRole('button', { name: 'Bad answer' })
  await expect(up).toHaveAttribute('aria-pressed', 'false')
  await up.click()
  await expect(up).toHaveAttribute('aria-pressed', 'true')
  await down.click()
  await expect(down).toHaveAttribute('aria-pressed', 'true')
  await expect(up).toHaveAttribute('aria-pressed', 'false')
  await down.click()
  await expect(down).toHaveAttribute('aria-pressed', 'false')
  expect(core.calls.get('chat.feedback')).toEqual([
    { messageId: 'm-answer', rating: 1 },
    { messageId: 'm-answer', rating: -1 },
    { messageId: 'm-answer', rating: 0 }
  ])

  await answer.getByText('Why this model?').click()
  await expect(answer.getByText('trace-7f3a9c2e')).toBeVisible()
  const correct = answer.getByRole('form', { name: 'Correct the intent' })
  await correct.getByLabel('Wrong intent? The right one is').selectOption({ label: 'Reasoning' })
  await correct.getByRole('button', { name: 'Save correction' }).click()
  await expect(correct.getByRole('status')).toContainText('Reasoning')
  expect(core.calls.get('routing.correct')).toEqual([{ text: 'Write a Rust function that parses a CSV line', intent: 'REASONING_LOGIC' }])

  await expectAccessible(page, 'Chat with a routed answer')
  await screenshot(page, 'chat-auto-fallback-stubbed')
  problems.expectNone('Chat')
})

test('Settings > Routing: try routing, custom weights, profile overrides', async ({ page, host, problems }) => {
  const core = await stubCore(page, {
    'routing.route': DECISION,
    'profiles.list': PROFILES,
    'profiles.override': (input: unknown) => ({ ...PROFILES[0], overridden: Object.keys(input as object) })
  })
  await openApp(page, host)
  await navLink(page, 'Settings').click()
  await page.getByRole('tab', { name: 'Routing' }).click()
  const main = page.getByRole('main')

  const trial = main.getByRole('form', { name: 'Try routing' })
  await trial.getByLabel('Prompt').fill('Write a Rust function that parses a CSV line')
  await trial.getByRole('button', { name: 'Route' }).click()
  const decision = trial.getByRole('region', { name: 'Routing decision' })
  await expect(decision).toContainText('Intent: Code')
  await expect(decision.getByRole('list', { name: 'Alternatives' }).getByRole('listitem')).toHaveCount(3)
  await expect(decision.getByRole('table', { name: 'Ranked models' }).getByRole('row', { name: /gpt-4o-mini/ })).toContainText('good at code, cheap and fast')
  expect(core.calls.get('routing.route')?.[0]).toMatchObject({ text: 'Write a Rust function that parses a CSV line', preference: 'balanced' })

  // Custom weights: all zero is refused before anything is sent.
  await main.getByRole('radio', { name: /Custom/ }).check()
  const weights = main.getByRole('form', { name: 'Custom weights' })
  for (const name of ['Quality', 'Cost', 'Latency', 'Health']) await weights.getByRole('spinbutton', { name: `${name} weight` }).fill('0')
  await weights.getByRole('button', { name: 'Save weights' }).click()
  await expect(weights.getByRole('alert')).toContainText('At least one weight must be above zero')

  // Profiles: quality with its source on hover, an override of one field.
  const profiles = main.getByRole('table', { name: 'Model profiles' })
  const row = profiles.getByRole('row', { name: /gpt-4o-mini/ })
  await expect(row.getByRole('cell', { name: '0.82' })).toHaveAttribute('title', /HumanEval 87\.2%/)
  await row.getByRole('button', { name: 'Edit openai/gpt-4o-mini' }).click()
  const editor = main.getByRole('form', { name: 'Override openai/gpt-4o-mini' })
  await editor.getByLabel('Context length (tokens)').fill('64000')
  await editor.getByRole('checkbox', { name: 'reasoning' }).check()
  await editor.getByRole('button', { name: 'Save overrides' }).click()
  await expect(editor).toHaveCount(0)
  expect(core.calls.get('profiles.override')).toEqual([
    { provider: 'openai', model: 'gpt-4o-mini', contextLength: 64000, capabilities: { reasoning: true } }
  ])

  await expectAccessible(page, 'Settings > Routing')
  await screenshot(page, 'settings-routing')
  problems.expectNone('Settings > Routing')
})
