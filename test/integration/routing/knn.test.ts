import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../../src/main/core'
import { IntentKnn, type IntentKnnOptions, type IntentStageOutcome } from '../../../src/main/core/routing/intent-knn'
import { classifyIntent } from '../../../src/main/core/routing/intent/classify'
import { Router } from '../../../src/main/core/routing/router'
import { startOpenAIFixture, type OpenAIFixtureOptions } from '../../fixtures/providers/openai-server'
import { tempDir } from '../../helpers/tmp'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

const PROMPT = 'write a short poem about the ocean at night'
const PARAPHRASE = 'please write a short poem about the ocean at dawn'
const UNRELATED = 'prove that the square root of two is irrational'

interface Setup {
  core: Core
  router: Router
  ref: string
  outcomes: IntentStageOutcome[]
  setModel(ref: string | null): void
  embedInputs(): string[][]
}

/** A core with a fake OpenAI-compatible server, and a Router with the second stage wired as the app will. */
async function setup(fixtureOptions: OpenAIFixtureOptions = { embeddings: 'bag-of-words' }, knn: Partial<IntentKnnOptions> = {}, dataDir = tempDir()): Promise<Setup> {
  const fixture = await startOpenAIFixture(fixtureOptions)
  cleanups.push(() => fixture.close())
  const core = createCore({ dataDir, mode: 'cli', version: '0' })
  cleanups.push(() => core.close())
  const provider = await core.providers.add({ kind: 'openai-compatible', preset: 'custom', name: 'Fake', baseUrl: fixture.baseUrl })
  const ref = `${provider.id}/text-embedding-3-small`
  let model: string | null = ref
  const outcomes: IntentStageOutcome[] = []
  const router = new Router({
    providers: core.providers,
    profiles: core.profiles,
    observations: core.observations,
    feedback: core.feedback,
    resilience: core.resilience,
    settings: () => core.settings.get(),
    lastProbe: (id) => core.probes.lastProbe(id),
    intentEmbeddingModel: () => model,
    intentKnn: new IntentKnn({ db: core.db, providers: core.providers, ...knn }),
    onIntentStage: (o) => outcomes.push(o)
  })
  const embedInputs = (): string[][] => fixture.requests.filter((r) => r.path === '/v1/embeddings').map((r) => (r.body as { input: string[] }).input)
  return { core, router, ref, outcomes, setModel: (m) => (model = m), embedInputs }
}

const intentOf = async (router: Router, text: string): Promise<string> => (await router.route({ text }, 't')).intent.intent

describe('second intent stage: nearest labelled examples', () => {
  it('a correction wins for the same and a similar prompt; unrelated prompts keep the first stage', async () => {
    const { core, router, outcomes, embedInputs } = await setup()
    expect(await intentOf(router, PROMPT)).toBe('CREATIVE_TASKS')
    expect(outcomes.at(-1)).toMatchObject({ stage: 'first', neighbours: 0 })
    expect(outcomes.at(-1)?.note).toBeUndefined()
    expect(embedInputs()).toEqual([]) // no examples yet: nothing to vote with, no call

    expect(await core.dispatch('routing.correct', { text: PROMPT, intent: 'GENERAL' })).toMatchObject({ ok: true })
    const same = await router.route({ text: PROMPT }, 't')
    expect(same.intent.intent).toBe('GENERAL')
    expect(outcomes.at(-1)).toMatchObject({ stage: 'knn', neighbours: 1 })
    // The new example rode along with the prompt: one round trip.
    expect(embedInputs().at(-1)).toEqual([PROMPT, PROMPT])
    expect(same.intent.alternatives.reduce((s, a) => s + a.probability, 0)).toBeCloseTo(1, 6)
    expect(same.intent.confidence).toBe(same.intent.alternatives[0]!.probability)

    expect(await intentOf(router, PARAPHRASE)).toBe('GENERAL')
    expect(embedInputs().at(-1)).toEqual([PARAPHRASE]) // examples already indexed
    const unrelated = await router.route({ text: UNRELATED }, 't')
    expect(unrelated.intent).toEqual(classifyIntent({ text: UNRELATED }))

    // The app's router (no embedding model configured) is not moved by corrections.
    expect(await core.dispatch('routing.route', { text: PROMPT })).toMatchObject({ ok: true, value: { intent: { intent: 'CREATIVE_TASKS' } } })
    expect(core.db.prepare('SELECT count(*) AS n FROM intent_vectors').get()).toEqual({ n: 1 })
  })

  it('second stage off: corrections do not change routing, and nothing is embedded', async () => {
    const { core, router, setModel, embedInputs } = await setup()
    setModel(null)
    await core.dispatch('routing.correct', { text: PROMPT, intent: 'GENERAL' })
    expect(await intentOf(router, PROMPT)).toBe('CREATIVE_TASKS')
    expect(embedInputs()).toEqual([])
  })

  it('prompts with attachments keep the first stage', async () => {
    const { core, router, embedInputs } = await setup()
    await core.dispatch('routing.correct', { text: PROMPT, intent: 'GENERAL' })
    const decision = await router.route({ text: PROMPT, attachments: { images: 1, audio: 0 } }, 't')
    expect(decision.intent).toEqual(classifyIntent({ text: PROMPT, attachments: { images: 1, audio: 0 } }))
    expect(embedInputs()).toEqual([])
  })

  it('several corrections are embedded in batches, and the index is rebuilt when the model changes', async () => {
    const { core, router, embedInputs } = await setup({ embeddings: 'bag-of-words' })
    for (let i = 0; i < 70; i++) core.intentExamples.add(`example number ${i} about gardening`, 'GENERAL')
    await core.dispatch('routing.correct', { text: PROMPT, intent: 'GENERAL' })
    expect(await intentOf(router, PROMPT)).toBe('GENERAL')
    expect(embedInputs().map((i) => i.length)).toEqual([65, 7]) // the prompt + 64, then the rest
    expect(core.db.prepare('SELECT count(*) AS n FROM intent_vectors').get()).toEqual({ n: 71 })

    const other = await startOpenAIFixture({ embeddings: 'fixed' })
    cleanups.push(() => other.close())
    const second = await core.providers.add({ kind: 'openai-compatible', preset: 'custom', name: 'Other', baseUrl: other.baseUrl })
    const knn = new IntentKnn({ db: core.db, providers: core.providers })
    const outcome = await knn.refine(PROMPT, classifyIntent({ text: PROMPT }), `${second.id}/text-embedding-3-small`)
    expect(outcome.note).toBeUndefined()
    expect(core.db.prepare("SELECT value FROM intent_knn_meta WHERE key = 'dim'").get()).toEqual({ value: '4' })
    expect(core.db.prepare('SELECT count(*) AS n FROM intent_vectors').get()).toEqual({ n: 71 })
  })

  it('the index survives a restart: only the prompt is embedded', async () => {
    const dataDir = tempDir()
    const first = await setup({ embeddings: 'bag-of-words' }, {}, dataDir)
    await first.core.dispatch('routing.correct', { text: PROMPT, intent: 'GENERAL' })
    expect(await intentOf(first.router, PROMPT)).toBe('GENERAL')
    first.core.close()
    const fixture = await startOpenAIFixture({ embeddings: 'bag-of-words' })
    cleanups.push(() => fixture.close())
    const core = createCore({ dataDir, mode: 'cli', version: '0' })
    cleanups.push(() => core.close())
    core.providers.update({ id: first.ref.split('/')[0]!, baseUrl: fixture.baseUrl })
    const knn = new IntentKnn({ db: core.db, providers: core.providers })
    const outcome = await knn.refine(PARAPHRASE, classifyIntent({ text: PARAPHRASE }), first.ref)
    expect(outcome.result.intent).toBe('GENERAL')
    expect(fixture.requests.filter((r) => r.path === '/v1/embeddings').map((r) => (r.body as { input: string[] }).input)).toEqual([[PARAPHRASE]])
  })

  it.each([
    ['error', {}, /Second-stage intent skipped/],
    ['hang', { timeoutMs: 200 }, /did not answer within 200 ms/]
  ] as const)('embedding failure (%s) falls back to the first stage with a note', async (mode, knn, note) => {
    const options: OpenAIFixtureOptions = { embeddings: 'bag-of-words' }
    const { core, router, outcomes } = await setup(options, knn)
    await core.dispatch('routing.correct', { text: PROMPT, intent: 'GENERAL' })
    options.embeddings = mode // the fixture reads it at each request
    const started = Date.now()
    const decision = await router.route({ text: PROMPT }, 't')
    expect(Date.now() - started).toBeLessThan(1500)
    expect(decision.intent).toEqual(classifyIntent({ text: PROMPT }))
    expect(outcomes.at(-1)).toMatchObject({ stage: 'first', note: expect.stringMatching(note) })
  })

  it('an unknown provider or a model that cannot embed falls back with a note, never a throw', async () => {
    const { core, router, outcomes, setModel, ref } = await setup()
    await core.dispatch('routing.correct', { text: PROMPT, intent: 'GENERAL' })
    for (const model of ['nope/text-embedding-3-small', 'not-a-ref', `${ref.split('/')[0]}/no-such-model`]) {
      setModel(model)
      expect(await intentOf(router, PROMPT)).toBe('CREATIVE_TASKS')
      expect(outcomes.at(-1)?.note).toMatch(/Second-stage intent skipped/)
    }
  })
})
