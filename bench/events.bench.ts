/**
 * Event bus and event log (issue: workflows, event bus part), median of several runs:
 * - publish-to-handler latency on a topic that is not persisted (chat.delta), on a bus wired as
 *   the core wires it (persisted-topic subscriptions present) with 4 subscribers of the topic
 *   (2 exact, 1 filtered, 1 transformed) and a catch-all, as the IPC forwarder has. Reported as
 *   ns per publish over a batch, and p50/p99 of single publishes timed to the last handler.
 *   Target: under 10 µs.
 * - replay throughput: 100,000 persisted events read back in pages of 1,000 (the contract's
 *   largest page), payloads parsed. Target: over 50,000 events/s.
 * Also, for context: a publish on a persisted topic (one INSERT each), and a durable subscriber
 * catching up (one offset UPDATE per event).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, it } from 'vitest'
import type { EventMap, EventPayload } from '../src/shared/contract'
import { openDatabase, type Db } from '../src/main/core/db/connection'
import { EventBus } from '../src/main/core/events/bus'
import { createEvents, type Events } from '../src/main/core/events'
import { median, recordResult } from './results'

const RUNS = 9
const PUBLISHES = 200_000
const SAMPLES = 20_000
const REPLAY_EVENTS = 100_000
const PAGE = 1_000
const APPENDS = 20_000
const CATCH_UP_EVENTS = 20_000

function open(): { db: Db; bus: EventBus<EventMap>; events: Events; close: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-bench-events-'))
  const db = openDatabase(path.join(dir, 'nexus.db'))
  const bus = new EventBus<EventMap>((err) => {
    throw err
  })
  const events = createEvents({ db, bus, report: (err) => console.error(err) })
  return {
    db,
    bus,
    events,
    close: () => {
      events.close()
      db.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }
}

const delta = (i: number): EventPayload<'chat.delta'> => ({ conversationId: 'c1', messageId: `m${i & 7}`, delta: 'token ' })

function publishLatency(): { nsPerPublish: number; p50Ns: number; p99Ns: number } {
  const { bus, close } = open()
  let received = 0
  let endedAt = 0n
  bus.subscribe('chat.delta', () => void received++)
  bus.subscribe('chat.delta', (d) => void (received += d.delta.length))
  bus.subscribe('chat.delta', () => void received++, { filter: (d) => d.messageId !== 'm0' })
  bus.subscribe('chat.delta', (n: number) => void (received += n), { transform: (d) => d.delta.length })
  bus.subscribe('*', () => void received++)
  bus.subscribe('chat.delta', () => void (endedAt = process.hrtime.bigint()))
  const payloads = Array.from({ length: 8 }, (_, i) => delta(i))
  for (let i = 0; i < 10_000; i++) bus.publish('chat.delta', payloads[i & 7]!) // warm up

  const start = process.hrtime.bigint()
  for (let i = 0; i < PUBLISHES; i++) bus.publish('chat.delta', payloads[i & 7]!)
  const nsPerPublish = Number(process.hrtime.bigint() - start) / PUBLISHES

  const samples = new Float64Array(SAMPLES)
  for (let i = 0; i < SAMPLES; i++) {
    const t0 = process.hrtime.bigint()
    bus.publish('chat.delta', payloads[i & 7]!)
    samples[i] = Number(endedAt - t0)
  }
  samples.sort()
  close()
  expect(received).toBeGreaterThan(PUBLISHES)
  return { nsPerPublish, p50Ns: samples[SAMPLES >> 1]!, p99Ns: samples[Math.floor(SAMPLES * 0.99)]! }
}

function breaker(i: number): EventPayload<'breaker.transition'> {
  return { key: `openai/gpt-${i % 13}`, from: 'closed', to: 'open', at: new Date(1_900_000_000_000 + i).toISOString(), reason: 'failure rate 60% over 5 calls', traceId: `t${i}` }
}

function replayThroughput(events: Events): number {
  const start = process.hrtime.bigint()
  let read = 0
  let after = 0
  for (;;) {
    const page = events.log.read({ afterOffset: after, limit: PAGE })
    if (page.length === 0) break
    read += page.length
    after = page[page.length - 1]!.offset
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  expect(read).toBe(REPLAY_EVENTS)
  return read / seconds
}

function persistedPublish(): number {
  const { bus, close } = open()
  const payloads = Array.from({ length: 64 }, (_, i) => breaker(i))
  const start = process.hrtime.bigint()
  for (let i = 0; i < APPENDS; i++) bus.publish('breaker.transition', payloads[i & 63]!)
  const ns = Number(process.hrtime.bigint() - start) / APPENDS
  close()
  return ns
}

async function catchUp(): Promise<number> {
  const { events, close } = open()
  const payloads = Array.from({ length: 64 }, (_, i) => breaker(i))
  for (let i = 0; i < CATCH_UP_EVENTS; i++) events.log.append('breaker.transition', payloads[i & 63]!)
  let handled = 0
  const start = process.hrtime.bigint()
  events.durable.register({ name: 'bench', pattern: 'breaker.*', from: 'beginning', handler: () => void handled++ })
  await events.durable.whenIdle()
  const perSecond = handled / (Number(process.hrtime.bigint() - start) / 1e9)
  close()
  expect(handled).toBe(CATCH_UP_EVENTS)
  return perSecond
}

it('event bus publish latency and event log replay throughput', async () => {
  publishLatency() // warm up
  const latency = Array.from({ length: RUNS }, publishLatency)

  const replay = open()
  const payloads = Array.from({ length: 64 }, (_, i) => breaker(i))
  replay.db.transaction(() => {
    for (let i = 0; i < REPLAY_EVENTS; i++) replay.events.log.append(i % 5 ? 'breaker.transition' : 'routing.fallback', payloads[i & 63]!)
  })()
  replayThroughput(replay.events) // warm up
  const replayRuns = Array.from({ length: RUNS }, () => replayThroughput(replay.events))
  replay.close()

  const persistedRuns = Array.from({ length: 3 }, persistedPublish)
  const catchUpRuns: number[] = []
  for (let r = 0; r < 3; r++) catchUpRuns.push(await catchUp())

  const figures = {
    publishNotPersisted: {
      nsPerPublish: Math.round(median(latency.map((l) => l.nsPerPublish))),
      p50Ns: Math.round(median(latency.map((l) => l.p50Ns))),
      p99Ns: Math.round(median(latency.map((l) => l.p99Ns)))
    },
    replayEventsPerSecond: Math.round(median(replayRuns)),
    publishPersistedNs: Math.round(median(persistedRuns)),
    durableCatchUpEventsPerSecond: Math.round(median(catchUpRuns))
  }
  recordResult('events', {
    runs: RUNS,
    publishes: PUBLISHES,
    latencySamples: SAMPLES,
    subscribersOfTopic: 5,
    replayEvents: REPLAY_EVENTS,
    replayPage: PAGE,
    targets: { publishToHandlerUs: 10, replayEventsPerSecond: 50_000 },
    figures
  })
  console.log(JSON.stringify(figures, null, 2))
  expect(figures.replayEventsPerSecond).toBeGreaterThan(0)
})
