/** Quick timing of classifyIntent (not part of npm run bench): p50/p99 per prompt size. Usage: npx tsx scripts/intent-bench.ts */
import fs from 'node:fs'
import { classifyIntent } from '../src/main/core/routing/intent/classify'
import { TRAIN_PATH } from './intent-common'

const base = [
  'Write a TypeScript function that parses a CSV line with quoted fields and returns an array of strings; handle escaped quotes. ',
  'Prove that for every integer n the number n^2 + n is even, and explain each step of the argument clearly please. ',
  'Our nginx logs show thousands of POST requests to /login from rotating IPs overnight. Is it credential stuffing? '
]
function prompt(len: number, i: number): string {
  let s = ''
  while (s.length < len) s += base[(i + s.length) % base.length]!
  return s.slice(0, len - 4) + ` #${i % 1000}`
}

// Real, varied prompts (the training set), cut or repeated to the wanted length.
const corpus = fs.readFileSync(TRAIN_PATH, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { text: string }).text)

function measure(len: number, runs: number): void {
  const prompts = corpus.map((t, i) => (t.length >= len ? t.slice(0, len) : (t + ' ' + prompt(len, i)).slice(0, len)))
  const n = prompts.length
  for (let i = 0; i < 2000; i++) classifyIntent({ text: prompts[i % n]! })
  const t = new Float64Array(runs)
  for (let i = 0; i < runs; i++) {
    const p = prompts[(i * 7919) % n]!
    const s = process.hrtime.bigint()
    classifyIntent({ text: p })
    t[i] = Number(process.hrtime.bigint() - s) / 1000
  }
  t.sort()
  const q = (x: number): string => t[Math.min(runs - 1, Math.floor(x * runs))]!.toFixed(1)
  console.log(`${String(len).padStart(8)} chars: p50 ${q(0.5)} µs  p90 ${q(0.9)} µs  p99 ${q(0.99)} µs  (${runs} runs)`)
}

measure(200, 20000)
measure(1000, 10000)
measure(4000, 5000)
// A flat (not rope) string, as it arrives from IPC or a file.
const huge = Buffer.from(prompt(5_000_000, 1)).toString('utf8')
for (let run = 0; run < 3; run++) {
  const s = process.hrtime.bigint()
  classifyIntent({ text: huge })
  console.log(`5,000,000 chars: ${(Number(process.hrtime.bigint() - s) / 1e6).toFixed(2)} ms`)
}
