/** One-line reasons a person can read: why a model is where it is in a ranking. */
import type { Intent, Preference } from '../../../shared/schemas/routing'
import { FLAG_LOCAL, FLAG_OBSERVED, FLAG_PRICE_KNOWN, INTENT_INDEX, type PreparedCandidates } from './ranking-features'

export const INTENT_LABEL: Record<Intent, string> = {
  CODE_GENERATION: 'code',
  REASONING_LOGIC: 'reasoning',
  CREATIVE_TASKS: 'creative writing',
  SECURITY_ANALYSIS: 'security analysis',
  MATHEMATICAL_PROOFS: 'math',
  MULTI_MODAL: 'image and audio understanding',
  GENERAL: 'general'
}

const LEAD: Record<Preference, string> = {
  quality: 'best',
  cost: 'cheapest good',
  speed: 'fastest good',
  local: 'best',
  balanced: 'best balance of',
  custom: 'best by your weights for'
}

function money(value: number): string {
  return value >= 10 ? value.toFixed(0) : value >= 1 ? value.toFixed(2).replace(/\.?0+$/, '') : value.toFixed(2)
}

export function describePrice(set: PreparedCandidates, i: number): string {
  const flags = set.flags[i]!
  if (flags & FLAG_LOCAL) return 'free (runs locally)'
  if (!(flags & FLAG_PRICE_KNOWN)) return 'price unknown'
  const price = set.items[i]!.profile.price!
  return price.input === 0 && price.output === 0 ? 'free' : `$${money(price.input)}/$${money(price.output)} per M tokens`
}

export function describeSpeed(set: PreparedCandidates, i: number): string {
  if (!(set.flags[i]! & FLAG_OBSERVED)) return 'speed not observed yet'
  const tps = set.tokensPerSecond[i]!
  const ttft = set.ttft[i]!
  const parts: string[] = []
  if (!Number.isNaN(tps)) parts.push(`${Math.round(tps)} tok/s`)
  if (!Number.isNaN(ttft)) parts.push(`${Math.round(ttft)} ms to first token`)
  return parts.join(', ')
}

function qualityPhrase(set: PreparedCandidates, i: number, intent: Intent): string {
  const k = i * 7 + INTENT_INDEX[intent]
  const source = set.sources[k]!
  const score = set.quality[k]!.toFixed(2)
  return `${INTENT_LABEL[intent]} quality ${source === 'estimate' ? `${score}, estimated` : `${score} (${source})`}`
}

/** Slots of set.text per candidate: price, speed, then per intent a head and a phrase. */
const SLOTS = 2 + 7 * 2

function memo(set: PreparedCandidates, slot: number, make: () => string): string {
  return (set.text[slot] ??= make())
}

/**
 * "best code quality (HumanEval 90.2%) among local models, 42 tok/s" for the winner;
 * "fallback 2: code quality 0.84 (HumanEval 87.2%), $0.15/$0.6 per M tokens, 80 tok/s" after.
 */
export function reasonFor(set: PreparedCandidates, i: number, position: number, intent: Intent, preference: Preference): string {
  const base = i * SLOTS
  const k = INTENT_INDEX[intent]
  const price = memo(set, base, () => describePrice(set, i))
  const speed = memo(set, base + 1, () => describeSpeed(set, i))
  const health = set.health[i]!
  const unhealthy = health < 0.5 ? `; unhealthy (${set.items[i]!.healthReason ?? `health ${health.toFixed(2)}`})` : ''
  if (position === 0) {
    const quality = memo(set, base + 2 + k, () => {
      const source = set.sources[i * 7 + k]!
      return `${INTENT_LABEL[intent]} quality (${source === 'estimate' ? `estimated ${set.quality[i * 7 + k]!.toFixed(2)}` : source})`
    })
    const local = preference === 'local' ? ' among local models' : ''
    const tail = preference === 'cost' ? price : preference === 'speed' ? speed : `${price}, ${speed}`
    return `${LEAD[preference]} ${quality}${local}, ${tail}${unhealthy}`
  }
  const phrase = memo(set, base + 9 + k, () => qualityPhrase(set, i, intent))
  return `fallback ${position}: ${phrase}, ${price}, ${speed}${unhealthy}`
}
