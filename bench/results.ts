import fs from 'node:fs'
import path from 'node:path'

const FILE = path.join(__dirname, 'results.json')

/** Merges one benchmark's figures into bench/results.json, keyed by benchmark name. */
export function recordResult(name: string, figures: Record<string, unknown>): void {
  const all = fs.existsSync(FILE) ? (JSON.parse(fs.readFileSync(FILE, 'utf8')) as Record<string, unknown>) : {}
  all[name] = { ...figures, node: process.version, measuredAt: new Date().toISOString() }
  fs.writeFileSync(FILE, `${JSON.stringify(all, null, 2)}\n`)
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
