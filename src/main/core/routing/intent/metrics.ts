/** Classification metrics for the intent model: accuracy, macro-F1, per-class P/R/F1, ECE, confusion. */
import { INTENTS } from '../../../../shared/schemas/routing'

export interface ClassMetrics { intent: string; precision: number; recall: number; f1: number; support: number }

export interface EvalReport {
  n: number
  accuracy: number
  macroF1: number
  ece: number
  perClass: ClassMetrics[]
  /** confusion[true][predicted] */
  confusion: number[][]
}

/** `probs[i]` is the predicted distribution over INTENTS for example i, `labels[i]` its true class index. */
export function evaluatePredictions(probs: readonly ArrayLike<number>[], labels: readonly number[], bins = 10): EvalReport {
  const k = INTENTS.length
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0))
  const binConf = new Float64Array(bins), binAcc = new Float64Array(bins), binN = new Float64Array(bins)
  let correct = 0
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i]!
    let best = 0
    for (let c = 1; c < k; c++) if (p[c]! > p[best]!) best = c
    const y = labels[i]!
    confusion[y]![best]!++
    if (best === y) correct++
    const conf = p[best]!
    const b = Math.min(bins - 1, Math.floor(conf * bins))
    binN[b]!++
    binConf[b] = binConf[b]! + conf
    binAcc[b] = binAcc[b]! + (best === y ? 1 : 0)
  }
  const n = probs.length
  let ece = 0
  for (let b = 0; b < bins; b++) if (binN[b]! > 0) ece += (binN[b]! / n) * Math.abs(binAcc[b]! / binN[b]! - binConf[b]! / binN[b]!)
  const perClass: ClassMetrics[] = INTENTS.map((intent, c) => {
    const tp = confusion[c]![c]!
    const support = confusion[c]!.reduce((a, b) => a + b, 0)
    const predicted = confusion.reduce((a, row) => a + row[c]!, 0)
    const precision = predicted > 0 ? tp / predicted : 0
    const recall = support > 0 ? tp / support : 0
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0
    return { intent, precision, recall, f1, support }
  })
  const present = perClass.filter((m) => m.support > 0)
  const macroF1 = present.length > 0 ? present.reduce((a, m) => a + m.f1, 0) / present.length : 0
  return { n, accuracy: n > 0 ? correct / n : 0, macroF1, ece, perClass, confusion }
}

const SHORT = ['CODE', 'REAS', 'CREA', 'SECU', 'MATH', 'MULT', 'GENE']

export function formatReport(r: EvalReport, title: string): string {
  const pct = (x: number): string => (x * 100).toFixed(1).padStart(5)
  const lines = [
    `${title}: ${r.n} prompts`,
    `accuracy ${r.accuracy.toFixed(3)}   macro-F1 ${r.macroF1.toFixed(3)}   ECE(10 bins) ${r.ece.toFixed(3)}`,
    '',
    'intent                precision  recall     F1  support'
  ]
  for (const m of r.perClass) lines.push(`${m.intent.padEnd(20)}    ${pct(m.precision)}   ${pct(m.recall)}  ${pct(m.f1)}  ${String(m.support).padStart(7)}`)
  lines.push('', 'confusion (rows: true, columns: predicted)', `${''.padEnd(20)} ${SHORT.map((s) => s.padStart(5)).join('')}`)
  r.confusion.forEach((row, i) => lines.push(`${INTENTS[i]!.padEnd(20)} ${row.map((x) => String(x).padStart(5)).join('')}`))
  return lines.join('\n')
}
