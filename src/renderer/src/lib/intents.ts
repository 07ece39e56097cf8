import { INTENTS, type Intent } from '../../../shared/schemas/routing'

export { INTENTS }
export type { Intent }

/** Intents in words a person uses. */
export const INTENT_LABELS: Record<Intent, string> = {
  CODE_GENERATION: 'Code',
  REASONING_LOGIC: 'Reasoning',
  CREATIVE_TASKS: 'Creative writing',
  SECURITY_ANALYSIS: 'Security analysis',
  MATHEMATICAL_PROOFS: 'Mathematics',
  MULTI_MODAL: 'Images and audio',
  GENERAL: 'General'
}

export function intentLabel(intent: string): string {
  return (INTENT_LABELS as Record<string, string>)[intent] ?? intent
}

export function percent(probability: number): string {
  return `${Math.round(probability * 100)}%`
}
