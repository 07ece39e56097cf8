/**
 * The example workflows shipped in examples/: each one is imported through the contract, run
 * against the fake OpenAI server (configured as provider "openai", the only provider, so "auto"
 * lands on it too) with a scripted, realistic answer per prompt, and its output is checked.
 */
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../../src/main/core'
import { KeytarStore } from '../../../src/main/core/secrets/keytar-store'
import type { Run, Workflow, WorkflowBody, WorkflowFile } from '../../../src/shared/schemas/workflows'
import { startOpenAIFixture, type ChatScenario, type OpenAIFixture } from '../../fixtures/providers/openai-server'
import { memoryKeytar } from '../../helpers/fakes'
import { tempDir } from '../../helpers/tmp'

const EXAMPLES_DIR = path.resolve(__dirname, '../../../examples')
const KEY = 'sk-examples-test-0123456789abcdef'
const FAKE_MODELS = ['gpt-4o-mini', 'gpt-4o']

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

interface ChatBody {
  model: string
  system: string
  prompt: string
}

/** The model, system prompt and last user prompt of a chat request the fake received. */
function chatBody(body: Record<string, unknown>): ChatBody {
  const messages = (body.messages ?? []) as { role: string; content: unknown }[]
  const text = (content: unknown): string =>
    typeof content === 'string' ? content : Array.isArray(content) ? content.map((p: { text?: string }) => p.text ?? '').join('') : ''
  return {
    model: String(body.model),
    system: messages.filter((m) => m.role === 'system').map((m) => text(m.content)).join('\n'),
    prompt: text(messages.findLast((m) => m.role === 'user')?.content)
  }
}

interface Setup {
  core: Core
  fake: OpenAIFixture
  /** Every chat request of the run, as model/system/prompt. */
  chats(): ChatBody[]
}

/** A core whose only provider is the fake OpenAI server; answers come from `answer`. */
async function setup(answer: (chat: ChatBody) => ChatScenario): Promise<Setup> {
  const fake = await startOpenAIFixture({ apiKey: KEY })
  cleanups.push(() => fake.close())
  fake.use({ error: { status: 500, message: 'the test scripted no answer for this prompt' } })
  fake.respond((body) => answer(chatBody(body)))
  const core = createCore({
    dataDir: tempDir(),
    mode: 'cli',
    version: 'test',
    env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.baseUrl },
    secretStore: new KeytarStore({ keytar: memoryKeytar() }),
    examplesDir: EXAMPLES_DIR
  })
  cleanups.push(() => core.close())
  return { core, fake, chats: () => fake.chatRequests().map((r) => chatBody(r.body as Record<string, unknown>)) }
}

async function call<T>(core: Core, name: string, input: unknown): Promise<T> {
  const result = await core.dispatch(name, input)
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`)
  return result.value as T
}

/** Imports an example file through the contract, as the Examples gallery does. */
async function importExample(core: Core, fileName: string): Promise<Workflow> {
  const text = fs.readFileSync(path.join(EXAMPLES_DIR, fileName), 'utf8')
  const workflow = await call<Workflow>(core, 'workflows.import', { text })
  expect(workflow.issues).toEqual([])
  return workflow
}

/** Runs a saved workflow to its end and returns the whole run record. */
async function runToEnd(core: Core, workflowId: string, inputs: Record<string, unknown>): Promise<Run> {
  const started = await call<{ id: string }>(core, 'runs.start', { id: workflowId, inputs })
  await core.executions.whenDone(started.id)
  return call<Run>(core, 'runs.get', { runId: started.id })
}

function expectSucceeded(run: Run): void {
  const failed = run.nodes.filter((n) => n.status === 'failed').map((n) => `${n.nodeId}: ${n.error}`)
  expect({ status: run.status, error: run.error, failed }).toEqual({ status: 'succeeded', error: null, failed: [] })
}

const wordCount = (text: string): number => text.trim().split(/\s+/).length

describe('example workflows', () => {
  it('lists every example file, each a valid workflow laid out left to right', async () => {
    const { core } = await setup(() => ({ text: 'unused' }))
    const files = fs.readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.json')).sort()
    expect(files.length).toBeGreaterThanOrEqual(5)
    const examples = await call<{ fileName: string; name: string; description: string; text: string }[]>(core, 'workflows.examples', {})
    // workflows.examples drops a file it cannot parse: every file must be listed.
    expect(examples.map((e) => e.fileName)).toEqual(files)
    for (const example of examples) {
      expect(example.name.length, example.fileName).toBeGreaterThan(5)
      expect(example.description.length, example.fileName).toBeGreaterThan(80)
      const file = JSON.parse(example.text) as WorkflowFile
      expect(await call(core, 'workflows.validate', { file }), example.fileName).toEqual([])
      const checkLayout = (body: WorkflowBody, where: string): void => {
        const byId = new Map(body.nodes.map((n) => [n.id, n]))
        for (const n of body.nodes) expect(n.label, `${where}: ${n.id} has a label`).toBeTruthy()
        // No two nodes on top of each other, and every edge runs left to right.
        const spots = body.nodes.map((n) => `${n.position.x},${n.position.y}`)
        expect(new Set(spots).size, `${where}: overlapping nodes`).toBe(spots.length)
        for (const e of body.edges) {
          expect(byId.get(e.target)!.position.x - byId.get(e.source)!.position.x, `${where}: edge ${e.id}`).toBeGreaterThanOrEqual(200)
        }
        for (const n of body.nodes) if (n.type === 'LOOP') checkLayout((n.config as { body: WorkflowBody }).body, `${where} ${n.id}`)
      }
      checkLayout(file, example.fileName)
      const start = file.nodes.find((n) => n.type === 'START')!
      for (const input of (start.config as { inputs: { name: string; description?: string }[] }).inputs) {
        expect(input.description, `${example.fileName}: input ${input.name}`).toBeTruthy()
      }
    }
  })

  it('summarise a note: three bullets, the file and the word count', async () => {
    const note = [
      '# Team sync, 2 May',
      '',
      'We approved the Q3 budget at €42,000.',
      'The launch moves from 7 June to 14 June because the payment provider needs another week.',
      'Maria will shortlist three vendors by Friday.'
    ].join('\n')
    const { core, chats } = await setup(({ prompt }) =>
      prompt.includes('Summarise this note')
        ? { text: "Here's a summary of the note:\n\n- The Q3 budget was approved at €42,000.\n- The launch moves to 14 June, waiting on the payment provider.\n* Maria shortlists three vendors by Friday.\n" }
        : { error: { status: 400, message: `unexpected prompt: ${prompt.slice(0, 80)}` } }
    )
    const workflow = await importExample(core, 'summarize-note.json')
    expect(workflow.name).toBe('Summarise a note')
    const run = await runToEnd(core, workflow.id, { file: 'notes/2024-05-02-team-sync.md', content: note })
    expectSucceeded(run)
    expect(run.output).toEqual({
      file: 'notes/2024-05-02-team-sync.md',
      summary: [
        'The Q3 budget was approved at €42,000.',
        'The launch moves to 14 June, waiting on the payment provider.',
        'Maria shortlists three vendors by Friday.'
      ],
      words: 35
    })
    expect(wordCount(note)).toBe(35)
    // The note reached the model ("auto" routed to one of the configured models).
    expect(chats()).toHaveLength(1)
    expect(chats()[0]!.prompt).toContain('Maria will shortlist three vendors by Friday.')
    expect(FAKE_MODELS).toContain(chats()[0]!.model)

    // `file` is optional; `content` is not.
    const noFile = await runToEnd(core, workflow.id, { content: 'Buy milk and eggs.' })
    expectSucceeded(noFile)
    expect(noFile.output).toMatchObject({ file: null, words: 4 })
    const missing = await core.dispatch('runs.start', { id: workflow.id, inputs: { file: 'a.md' } })
    expect(missing).toMatchObject({ ok: false, error: { message: expect.stringContaining('"content"') } })
  })

  it('compare models: each model answers the same prompt, side by side with lengths', async () => {
    const MINI = 'A process has its own memory; threads share their process memory.'
    const FULL =
      'A process is an independent program with its own address space and resources. A thread is a unit of execution inside a process that shares its memory with the other threads, so switching and sharing data are cheaper but need synchronisation.'
    const { core, chats } = await setup(({ model }) => (model === 'gpt-4o-mini' ? { text: MINI } : model === 'gpt-4o' ? { text: FULL } : { error: { status: 404, message: model } }))
    const workflow = await importExample(core, 'compare-models.json')
    // No inputs: the prompt's default is used.
    const run = await runToEnd(core, workflow.id, {})
    expectSucceeded(run)
    const prompt = 'Explain the difference between a process and a thread in two sentences.'
    const output = run.output as { prompt: string; answers: { model: string; answer: string; characters: number; words: number }[]; shortest: string; longest: string }
    expect(output.prompt).toBe(prompt)
    expect(output.answers.slice(0, 2)).toEqual([
      { model: 'openai/gpt-4o-mini', answer: MINI, characters: MINI.length, words: 11 },
      { model: 'openai/gpt-4o', answer: FULL, characters: FULL.length, words: 41 }
    ])
    expect(wordCount(MINI)).toBe(11)
    expect(wordCount(FULL)).toBe(41)
    // "auto" was routed to one of the two models and got that model's answer.
    expect(output.answers[2]!.model).toBe('auto (routing picks)')
    expect([MINI, FULL]).toContain(output.answers[2]!.answer)
    expect(output.answers[2]!.characters).toBe(output.answers[2]!.answer.length)
    expect(output.shortest).toBe('openai/gpt-4o-mini')
    expect(output.longest).toBe('openai/gpt-4o')
    // Three requests, all with the user's prompt, both named models asked.
    expect(chats()).toHaveLength(3)
    expect(chats().every((c) => c.prompt === prompt)).toBe(true)
    expect(chats().map((c) => c.model)).toEqual(expect.arrayContaining(['gpt-4o-mini', 'gpt-4o']))
  })

  describe('classify and route a support email', () => {
    const BILLING_REPLY = 'Hi Dana,\n\nSorry about the double charge. We are checking your account and will confirm within one business day.\n\nThe Billing Team'
    const SUPPORT_REPLY = 'Hi Sam,\n\nThanks for reporting this. Which app version are you on, and could you send a screenshot of the error?\n\nThe Support Team'
    const answer = ({ system, prompt }: ChatBody): ChatScenario => {
      if (system.includes('You triage')) {
        // Real models wrap JSON in prose and fences, and do not always keep the case asked for.
        return prompt.includes('charged twice')
          ? { text: 'Here is the classification:\n```json\n{"category": "billing", "urgency": "high", "summary": "Refund a duplicate charge on the May invoice."}\n```' }
          : { text: '{\n  "category": "Bug",\n  "urgency": "low",\n  "summary": "Export to CSV fails with an error."\n}' }
      }
      if (system.includes('billing team')) return { text: `${BILLING_REPLY}\n` }
      if (system.includes('product support')) return { text: SUPPORT_REPLY }
      return { error: { status: 400, message: 'unexpected request' } }
    }

    it('a double charge goes to billing, with a billing reply', async () => {
      const { core, chats } = await setup(answer)
      const workflow = await importExample(core, 'triage-support-email.json')
      const email = 'Subject: Charged twice\n\nHi, I was charged twice for my May invoice (INV-2291). Please refund one of them today, my card is maxed out.\n\nDana'
      const run = await runToEnd(core, workflow.id, { email })
      expectSucceeded(run)
      expect(run.output).toEqual({
        category: 'billing',
        urgency: 'high',
        team: 'billing',
        summary: 'Refund a duplicate charge on the May invoice.',
        reply: BILLING_REPLY
      })
      expect(run.nodes.find((n) => n.nodeId === 'supportReply')?.status).toBe('skipped')
      // Two model calls: the classification and the billing draft, which saw the summary and the email.
      expect(chats()).toHaveLength(2)
      const draft = chats().find((c) => c.system.includes('billing team'))!
      expect(draft.prompt).toContain('Refund a duplicate charge on the May invoice. (urgency: high)')
      expect(draft.prompt).toContain('INV-2291')
    })

    it('a bug report goes to support, with the category cleaned up', async () => {
      const { core, chats } = await setup(answer)
      const workflow = await importExample(core, 'triage-support-email.json')
      const run = await runToEnd(core, workflow.id, { email: 'Subject: Export broken\n\nExport to CSV shows "Error 500" since this morning.\n\nSam' })
      expectSucceeded(run)
      expect(run.output).toEqual({ category: 'bug', urgency: 'low', team: 'support', summary: 'Export to CSV fails with an error.', reply: SUPPORT_REPLY })
      expect(run.nodes.find((n) => n.nodeId === 'billingReply')?.status).toBe('skipped')
      expect(chats().map((c) => c.system.includes('billing team'))).toEqual([false, false])
      expect(chats().find((c) => c.system.includes('product support'))!.prompt).toContain('Draft a reply to this Bug email')
    })
  })

  it('daily digest: reads the first 10 items of a JSON feed and summarises them', async () => {
    const items = Array.from({ length: 12 }, (_, i) => ({
      id: `item-${i + 1}`,
      title: `  Story ${i + 1}  `,
      // Some feeds link elsewhere with external_url only.
      ...(i === 2 ? { external_url: 'https://elsewhere.example/3' } : { url: `https://news.example/${i + 1}` }),
      ...(i === 0 ? { content_text: 'A   long\n\ntext about story one.' } : {}),
      date_published: `2024-05-0${(i % 9) + 1}T07:00:00Z`
    }))
    const feedRequests: http.IncomingHttpHeaders[] = []
    const feedServer = http.createServer((req, res) => {
      feedRequests.push(req.headers)
      if (req.url !== '/feed.json') return void res.writeHead(404).end()
      res.writeHead(200, { 'content-type': 'application/feed+json; charset=utf-8' })
      res.end(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Example News', home_page_url: 'https://news.example', items }))
    })
    await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve))
    cleanups.push(() => new Promise((resolve) => feedServer.close(resolve)))
    const feedUrl = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/feed.json`

    const DIGEST = '## Tools\n- Story 1 <https://news.example/1>\n- Story 3 <https://elsewhere.example/3>\n\n## Everything else\n- Stories 2 and 4 to 10.\n\nStory 1 stands out.'
    const { core, chats } = await setup(({ prompt }) => (prompt.startsWith("Today's items from Example News") ? { text: `\n${DIGEST}\n\n` } : { error: { status: 400, message: 'unexpected prompt' } }))
    const workflow = await importExample(core, 'daily-digest.json')
    expect(workflow.triggers.schedule).toEqual({ cron: '0 8 * * *', missed: 'run-once' })
    const run = await runToEnd(core, workflow.id, { feedUrl })
    expectSucceeded(run)
    const output = run.output as { feed: string; count: number; digest: string; items: Record<string, unknown>[] }
    expect(output.feed).toBe('Example News')
    expect(output.count).toBe(10)
    expect(output.digest).toBe(DIGEST)
    expect(output.items).toHaveLength(10)
    expect(output.items[0]).toEqual({ title: 'Story 1', url: 'https://news.example/1', published: '2024-05-01T07:00:00Z', text: 'A long text about story one.' })
    expect(output.items[2]).toMatchObject({ title: 'Story 3', url: 'https://elsewhere.example/3' })
    expect(output.items.map((i) => i.title)).not.toContain('Story 11')
    // One GET of the feed asking for JSON, and the model saw a numbered list of exactly 10 items.
    expect(feedRequests).toHaveLength(1)
    expect(feedRequests[0]!.accept).toContain('application/feed+json')
    expect(chats()).toHaveLength(1)
    const prompt = chats()[0]!.prompt
    expect(prompt).toContain('1. Story 1 <https://news.example/1>\n   A long text about story one.\n2. Story 2 <https://news.example/2>\n3. Story 3 <https://elsewhere.example/3>')
    expect(prompt).toContain('10. Story 10 <https://news.example/10>')
    expect(prompt).not.toContain('Story 11')
  })

  describe('extract structured data from an invoice', () => {
    it('normalises numbers, the date and the currency, and checks the items add up', async () => {
      const { core, chats } = await setup(({ prompt }) =>
        prompt.includes('ACME GmbH')
          ? {
              text: 'Sure! Here is the extracted data:\n\n```json\n{\n  "vendor": "ACME GmbH ",\n  "date": "3 March 2024",\n  "total": "€1.234,56",\n  "currency": "€",\n  "items": [\n    {"description": "Consulting, 10 h", "amount": "1.000,00"},\n    {"description": "VAT 19% on travel", "amount": 34.56},\n    {"description": "Travel", "amount": 200}\n  ]\n}\n```\n\nLet me know if you need anything else.'
            }
          : { error: { status: 400, message: 'unexpected prompt' } }
      )
      const workflow = await importExample(core, 'extract-invoice.json')
      const text = 'ACME GmbH\nInvoice 2024-117, 3 March 2024\nConsulting, 10 h .......... 1.000,00 €\nTravel .................... 200,00 €\nVAT 19% on travel ......... 34,56 €\nTotal due ................. 1.234,56 €'
      const run = await runToEnd(core, workflow.id, { text })
      expectSucceeded(run)
      expect(run.output).toEqual({
        vendor: 'ACME GmbH',
        date: '2024-03-03',
        total: 1234.56,
        currency: 'EUR',
        items: [
          { description: 'Consulting, 10 h', amount: 1000 },
          { description: 'VAT 19% on travel', amount: 34.56 },
          { description: 'Travel', amount: 200 }
        ],
        checks: { itemsSum: 1234.56, totalMatchesItems: true, missing: [], ok: true }
      })
      expect(chats()[0]!.prompt).toContain('Total due ................. 1.234,56 €')
    })

    it('flags a receipt whose items do not add up and whose date is missing', async () => {
      const { core } = await setup(() => ({
        text: '{"vendor": "Corner Café", "date": null, "total": 12.5, "currency": "usd", "items": [{"description": "Latte", "amount": 4.5}, {"description": "Bagel", "amount": "$3.00"}]}'
      }))
      const workflow = await importExample(core, 'extract-invoice.json')
      const run = await runToEnd(core, workflow.id, { text: 'Corner Café\nLatte 4.50\nBagel 3.00\nTOTAL $12.50' })
      expectSucceeded(run)
      expect(run.output).toEqual({
        vendor: 'Corner Café',
        date: null,
        total: 12.5,
        currency: 'USD',
        items: [
          { description: 'Latte', amount: 4.5 },
          { description: 'Bagel', amount: 3 }
        ],
        checks: { itemsSum: 7.5, totalMatchesItems: false, missing: ['date'], ok: false }
      })
    })

    it('fails the run, saying why, when the model answers without JSON', async () => {
      const { core } = await setup(() => ({ text: 'I am sorry, I cannot read this document.' }))
      const workflow = await importExample(core, 'extract-invoice.json')
      const run = await runToEnd(core, workflow.id, { text: 'blurry scan' })
      expect(run.status).toBe('failed')
      expect(run.error).toContain('the answer holds no JSON')
      expect(run.nodes.find((n) => n.nodeId === 'extract')).toMatchObject({ status: 'failed', attempt: 2 })
    })
  })

  it('translate a list: each phrase in order, with its translation', async () => {
    const FRENCH: Record<string, string> = {
      'Good morning!': 'Bonjour !',
      'Where is the train station?': 'Où est la gare ?',
      'Thank you for your help.': 'Merci pour votre aide.'
    }
    const { core, chats } = await setup(({ system, prompt }) => {
      const match = /^Translate into French:\n\n([\s\S]*)$/.exec(prompt)
      const phrase = match?.[1] ?? ''
      if (!system.includes('translator') || !(phrase in FRENCH)) return { error: { status: 400, message: `unexpected prompt: ${prompt}` } }
      // The first phrase answers slowest: the output must still keep the list's order.
      return { text: `${FRENCH[phrase]}\n`, deltaChars: 2, delayMs: phrase === 'Good morning!' ? 40 : 1 }
    })
    const workflow = await importExample(core, 'translate-list.json')
    // No inputs: the default phrases and language.
    const run = await runToEnd(core, workflow.id, {})
    expectSucceeded(run)
    expect(run.output).toEqual({
      language: 'French',
      translations: [
        { phrase: 'Good morning!', translation: 'Bonjour !' },
        { phrase: 'Where is the train station?', translation: 'Où est la gare ?' },
        { phrase: 'Thank you for your help.', translation: 'Merci pour votre aide.' }
      ]
    })
    expect(chats()).toHaveLength(3)

    // A list given as JSON text (as the CLI's --input passes it) works too.
    const again = await runToEnd(core, workflow.id, { phrases: '["Thank you for your help."]', language: 'French' })
    expectSucceeded(again)
    expect(again.output).toEqual({ language: 'French', translations: [{ phrase: 'Thank you for your help.', translation: 'Merci pour votre aide.' }] })
  })
})
