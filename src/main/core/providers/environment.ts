/**
 * Providers configured by the environment variables their SDKs already know, so
 * `OPENAI_API_KEY=... nexus chat --model openai/gpt-4o-mini "hi"` works with no setup.
 * Used by the headless host and the CLI; never persisted.
 */
import { lastFour } from '../secrets/helpers'
import type { ProviderConfig } from './config'


const STARTED = new Date(0).toISOString()

/** The key itself is read through the SecretStore's environment accounts (provider:<id>:env). */
function provider(id: ProviderConfig['kind'], name: string, baseUrl: string | undefined, key?: { name: string; value: string }): ProviderConfig {
  return {
    id,
    kind: id,
    name,
    preset: null,
    baseUrl: baseUrl || null,
    enabled: true,
    source: 'environment',
    createdAt: STARTED,
    keys: key ? [{ id: 'env', label: key.name, lastFour: lastFour(key.value), createdAt: STARTED }] : []
  }
}

export function environmentProviders(env: NodeJS.ProcessEnv): ProviderConfig[] {
  const found: ProviderConfig[] = []
  if (env.OPENAI_API_KEY) {
    found.push(provider('openai', 'OpenAI', env.OPENAI_BASE_URL, { name: 'OPENAI_API_KEY', value: env.OPENAI_API_KEY }))
  }
  if (env.ANTHROPIC_API_KEY) {
    found.push(
      provider('anthropic', 'Anthropic', env.ANTHROPIC_BASE_URL, { name: 'ANTHROPIC_API_KEY', value: env.ANTHROPIC_API_KEY })
    )
  }
  if (env.OLLAMA_HOST) found.push(provider('ollama', 'Ollama', ollamaUrl(env.OLLAMA_HOST)))
  return found
}

/** OLLAMA_HOST may be "host:port", "0.0.0.0", or a URL; the client needs a URL. */
export function ollamaUrl(host: string): string {
  const withScheme = /^https?:\/\//.test(host) ? host : `http://${host}`
  const url = new URL(withScheme)
  if (url.hostname === '0.0.0.0') url.hostname = '127.0.0.1'
  if (!url.port && !/^https?:\/\/[^/]+:\d+/.test(withScheme)) url.port = url.protocol === 'https:' ? '443' : '11434'
  return url.toString().replace(/\/$/, '')
}
