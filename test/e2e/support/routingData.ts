/** Canned core answers for the routing UI specs: a day of metrics, breakers, a routed answer. */
const HOUR = 3_600_000
const now = Date.parse('2026-11-25T12:00:00Z')

const MODELS = [
  { ref: 'fast/gpt-4o-mini', providerId: 'fast', model: 'gpt-4o-mini', breaker: 'closed', health: 0.97, calls: 240, errorRate: 0.01 },
  { ref: 'flaky/claude-sonnet', providerId: 'flaky', model: 'claude-sonnet', breaker: 'open', health: 0.31, calls: 60, errorRate: 0.45 },
  { ref: 'local/llama3.1:8b', providerId: 'local', model: 'llama3.1:8b', breaker: 'half-open', health: 0.62, calls: 18, errorRate: 0.11 }
] as const

export const SNAPSHOT = {
  windowMinutes: 1440,
  models: MODELS.map((m, i) => ({
    ...m,
    ttftP50: 180 + i * 90,
    ttftP95: 420 + i * 200,
    totalP50: 900 + i * 400,
    totalP95: 2100 + i * 900,
    tokensPerSecond: 85 - i * 20,
    costUsd: i === 2 ? 0 : 0.0123 * (i + 1)
  })),
  series: MODELS.map((m, i) => ({
    ref: m.ref,
    points: Array.from({ length: 12 }, (_, k) => ({
      t: new Date(now - (11 - k) * 2 * HOUR).toISOString(),
      calls: 5 + ((k * (i + 3)) % 9),
      errors: i === 1 ? k % 3 : 0,
      totalP95: k % 5 === 4 && i === 2 ? null : 1500 + i * 700 + ((k * 137) % 600),
      costUsd: i === 2 ? 0 : 0.0004 * (k + 1)
    }))
  }))
}

export const BREAKERS = [
  { key: 'fast/gpt-4o-mini', state: 'closed', retryAt: null, failureRate: 0.01 },
  { key: 'flaky/claude-sonnet', state: 'open', retryAt: new Date(Date.now() + 30_000).toISOString(), failureRate: 0.5 },
  { key: 'local/llama3.1:8b', state: 'half-open', retryAt: null, failureRate: 0.2 }
]

export const MODEL_LIST = {
  models: [
    { ref: 'fast/gpt-4o-mini', providerId: 'fast', providerName: 'Fast', model: 'gpt-4o-mini', name: 'gpt-4o-mini', contextLength: 128000, capabilities: { vision: true, tools: true, json: true, reasoning: false }, inputPerMTok: 0.15, outputPerMTok: 0.6 },
    { ref: 'flaky/claude-sonnet', providerId: 'flaky', providerName: 'Flaky', model: 'claude-sonnet', name: 'claude-sonnet', contextLength: 200000, capabilities: { vision: true, tools: true, json: true, reasoning: true }, inputPerMTok: 3, outputPerMTok: 15 }
  ],
  failures: []
}

export const CONVERSATION_ID = 'conv-routing-stub'
const routing = {
  traceId: 'trace-7f3a9c2e',
  intent: 'CODE_GENERATION',
  confidence: 0.91,
  preference: 'balanced',
  reason: 'best code quality among healthy models at a moderate price',
  fallbacks: [
    { ref: 'flaky/claude-sonnet', code: 'PROVIDER_ERROR', message: 'The provider answered 500: boom' },
    { ref: 'flaky/claude-haiku', code: 'BREAKER_OPEN', message: 'Circuit breaker open until 12:01:30' }
  ]
}
const base = { conversationId: CONVERSATION_ID, error: null, costUsd: null, ttftMs: null, totalMs: null, inputTokens: null, outputTokens: null, createdAt: new Date(now).toISOString() }

export const CONVERSATION = {
  id: CONVERSATION_ID,
  title: 'Parse a CSV line',
  model: 'auto',
  systemPrompt: '',
  createdAt: new Date(now).toISOString(),
  updatedAt: new Date(now).toISOString(),
  messageCount: 2,
  messages: [
    { ...base, id: 'm-user', role: 'user', content: [{ type: 'text', text: 'Write a Rust function that parses a CSV line' }], model: null, status: 'complete', routing: null, rating: 0 },
    {
      ...base,
      id: 'm-answer',
      role: 'assistant',
      content: [{ type: 'text', text: 'Here is a parser:\n\n```rust\nfn parse(line: &str) -> Vec<&str> { line.split(\',\').collect() }\n```' }],
      model: 'fast/gpt-4o-mini',
      status: 'complete',
      inputTokens: 14,
      outputTokens: 30,
      totalMs: 840,
      ttftMs: 210,
      routing,
      rating: 0
    }
  ]
}

export const DECISION = {
  traceId: 'trace-route-1',
  intent: {
    intent: 'CODE_GENERATION',
    confidence: 0.88,
    alternatives: [
      { intent: 'CODE_GENERATION', probability: 0.88 },
      { intent: 'REASONING_LOGIC', probability: 0.07 },
      { intent: 'GENERAL', probability: 0.05 }
    ]
  },
  preference: 'balanced',
  ranked: [
    { ref: 'fast/gpt-4o-mini', providerId: 'fast', model: 'gpt-4o-mini', score: 0.82, reason: 'good at code, cheap and fast', local: false },
    { ref: 'local/llama3.1:8b', providerId: 'local', model: 'llama3.1:8b', score: 0.61, reason: 'local, free, slower', local: true }
  ],
  decidedAt: new Date(now).toISOString()
}

export const PROFILES = [
  {
    provider: 'openai',
    model: 'gpt-4o-mini',
    contextLength: 128000,
    capabilities: { vision: true, tools: true, json: true, reasoning: false },
    quality: {
      CODE_GENERATION: { score: 0.82, source: 'HumanEval 87.2% (OpenAI, 2024)' },
      GENERAL: { score: 0.8, source: 'MMLU 82.0% (OpenAI, 2024)' },
      MATHEMATICAL_PROOFS: { score: 0.6, source: 'estimate' }
    },
    inputPerMTok: 0.15,
    outputPerMTok: 0.6,
    origin: 'shipped',
    overridden: []
  },
  {
    provider: 'ollama',
    model: 'llama3.1:8b',
    contextLength: 8192,
    capabilities: { vision: false, tools: true, json: true, reasoning: false },
    quality: { CODE_GENERATION: { score: 0.55, source: 'user override' } },
    inputPerMTok: 0,
    outputPerMTok: 0,
    origin: 'ollama',
    overridden: ['contextLength']
  }
]
