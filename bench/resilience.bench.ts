/**
 * The full resilience wrapper (bulkhead → breaker → retry → timeout) on the success path and the
 * failure path, against opossum 9 (`new CircuitBreaker(fn, {})`, its documented defaults) and a
 * cockatiel 3 stack of the same semantics (`wrap(bulkhead, circuitBreaker(handleAll,
 * { halfOpenAfter, breaker: new ConsecutiveBreaker(5) }), retry, timeout)`, as in its README),
 * same work, same run, interleaved, median of several runs, in ns per call.
 * Failure path: the operation rejects at once; a fresh stack per run, so it includes the calls
 * that trip the breaker and then its fast failures. Retries wait 0 ms: cockatiel's default
 * backoff (opossum does not retry). Target (issue 5): ours no slower than the faster peer.
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { bulkhead, circuitBreaker, ConsecutiveBreaker, handleAll, retry, timeout, TimeoutStrategy, wrap } from 'cockatiel'
import { expect, it } from 'vitest'
import { NexusError } from '../src/shared/errors'
import { createResilience } from '../src/main/core/resilience'
import { median, recordResult } from './results'

interface Opossum {
  fire(...args: unknown[]): Promise<unknown>
  open(): void
  shutdown(): void
}
type OpossumCtor = new (fn: (...args: unknown[]) => Promise<unknown>, options?: object) => Opossum
const requireHere = createRequire(path.join(__dirname, 'package.json'))
const CircuitBreaker = requireHere('opossum') as OpossumCtor
const version = (name: string): string =>
  (JSON.parse(fs.readFileSync(path.join(__dirname, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version

const RUNS = 9
const CALLS = { success: 20_000, failure: 20_000, open: 20_000 }
const ok = (): Promise<number> => Promise.resolve(1)
const failing = (): Promise<never> => Promise.reject(new NexusError('PROVIDER_SERVER', 'HTTP 500'))

type Call = () => Promise<unknown>
interface Stack {
  call: (op: () => Promise<unknown>) => Call
  open?: () => Promise<void>
  close: () => void
}

function ours(): Stack {
  const resilience = createResilience({ retry: { baseDelayMs: 0 } })
  return {
    call: (op) => () => resilience.execute('bench/model', 'chat', op, { streaming: false }),
    close: () => {}
  }
}

function cockatiel(): Stack {
  const policy = wrap(
    bulkhead(8, 64),
    circuitBreaker(handleAll, { halfOpenAfter: 10_000, breaker: new ConsecutiveBreaker(5) }),
    retry(handleAll, { maxAttempts: 2 }),
    timeout(10_000, TimeoutStrategy.Cooperative)
  )
  return { call: (op) => () => policy.execute(op), close: () => {} }
}

function opossum(): Stack {
  const breakers: Opossum[] = []
  return {
    call: (op) => {
      const breaker = new CircuitBreaker(op, {})
      breakers.push(breaker)
      return () => breaker.fire()
    },
    close: () => breakers.forEach((b) => b.shutdown())
  }
}

const STACKS = { ours, cockatiel, opossum }
type Name = keyof typeof STACKS
type Path = 'success' | 'failure' | 'open'

async function measure(name: Name, pathName: Path): Promise<number> {
  const stack = STACKS[name]()
  const op = pathName === 'success' ? ok : failing
  const call = stack.call(op)
  if (pathName === 'open') for (let i = 0; i < 100; i++) await call().catch(() => {}) // trip it first
  const n = CALLS[pathName]
  const start = process.hrtime.bigint()
  if (pathName === 'success') for (let i = 0; i < n; i++) await call()
  else for (let i = 0; i < n; i++) await call().catch(() => {})
  const ns = Number(process.hrtime.bigint() - start) / n
  stack.close()
  return ns
}

it('resilience wrapper against opossum and cockatiel', async () => {
  const names = Object.keys(STACKS) as Name[]
  const paths: Path[] = ['success', 'failure', 'open']
  for (const p of paths) for (const name of names) await measure(name, p) // warm up
  const runs: Record<Path, Record<Name, number[]>> = {
    success: { ours: [], cockatiel: [], opossum: [] },
    failure: { ours: [], cockatiel: [], opossum: [] },
    open: { ours: [], cockatiel: [], opossum: [] }
  }
  for (let r = 0; r < RUNS; r++) {
    for (const p of paths) {
      const order = r % 2 ? [...names].reverse() : names
      for (const name of order) runs[p][name].push(await measure(name, p))
    }
  }
  const figures = Object.fromEntries(
    paths.map((p) => [p, Object.fromEntries(names.map((n) => [n, Math.round(median(runs[p][n]))]))])
  ) as Record<Path, Record<Name, number>>
  const ratios = Object.fromEntries(
    paths.map((p) => {
      const fasterPeer = Math.min(figures[p].cockatiel, figures[p].opossum)
      return [p, { vsCockatiel: +(figures[p].ours / figures[p].cockatiel).toFixed(2), vsOpossum: +(figures[p].ours / figures[p].opossum).toFixed(2), vsFasterPeer: +(figures[p].ours / fasterPeer).toFixed(2) }]
    })
  )
  recordResult('resilience', {
    unit: 'ns per call (median of runs)',
    runs: RUNS,
    calls: CALLS,
    versions: { cockatiel: version('cockatiel'), opossum: version('opossum') },
    figures,
    ratios
  })
  console.log(JSON.stringify({ figures, ratios }, null, 2))
  for (const p of paths) expect(figures[p].ours).toBeGreaterThan(0)
})
