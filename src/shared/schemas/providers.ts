/** Schemas of providers, models and the model catalog as the UI and CLI see them. No key values. */
import { z } from 'zod'

export const ProviderKind = z.enum(['openai', 'anthropic', 'ollama', 'openai-compatible'])
export type ProviderKind = z.infer<typeof ProviderKind>

const Id = z.string().min(1).max(100)
const BaseUrl = z
  .string()
  .max(2000)
  .refine((value) => {
    try {
      const url = new URL(value)
      return url.protocol === 'http:' || url.protocol === 'https:'
    } catch {
      return false
    }
  }, 'must be an http:// or https:// URL')
/** An API key as typed by the user: trimmed, no whitespace inside, bounded. */
export const ApiKey = z
  .string()
  .trim()
  .min(1, 'the key is empty')
  .max(1000)
  .regex(/^\S+$/, 'a key has no spaces or line breaks')

export const KeyView = z.object({ id: Id, label: z.string(), lastFour: z.string(), createdAt: z.string() })

export const ProviderView = z.object({
  id: Id,
  kind: ProviderKind,
  name: z.string(),
  /** Preset of an OpenAI-compatible provider (lmstudio, groq...), or null. */
  preset: z.string().nullable(),
  baseUrl: z.string().nullable(),
  enabled: z.boolean(),
  /** 'environment': configured from OPENAI_API_KEY and friends; not editable in the app. */
  source: z.enum(['user', 'environment']),
  keys: z.array(KeyView),
  createdAt: z.string()
})
export type ProviderView = z.infer<typeof ProviderView>

export const ProviderPreset = z.object({
  kind: ProviderKind,
  preset: z.string().nullable(),
  name: z.string(),
  defaultBaseUrl: z.string().nullable(),
  needsKey: z.boolean(),
  local: z.boolean()
})

export const AddProvider = z
  .object({
    kind: ProviderKind,
    preset: z.string().max(50).optional(),
    name: z.string().trim().min(1).max(100).optional(),
    baseUrl: BaseUrl.optional(),
    apiKey: ApiKey.optional()
  })
  .strict()

export const UpdateProvider = z
  .object({
    id: Id,
    name: z.string().trim().min(1).max(100).optional(),
    baseUrl: BaseUrl.nullable().optional(),
    enabled: z.boolean().optional()
  })
  .strict()

export const ProviderRef = z.object({ id: Id }).strict()
export const AddKey = z.object({ providerId: Id, apiKey: ApiKey, label: z.string().trim().max(100).optional() }).strict()
export const RemoveKey = z.object({ providerId: Id, keyId: Id }).strict()

export const Capabilities = z.object({
  vision: z.boolean().optional(),
  tools: z.boolean().optional(),
  embedding: z.boolean().optional()
})

export const ModelView = z.object({
  /** "providerId/model": what chat requests and the CLI's --model take. */
  ref: z.string(),
  providerId: Id,
  providerName: z.string(),
  model: z.string(),
  name: z.string(),
  contextLength: z.number().int().positive().nullable(),
  capabilities: Capabilities,
  inputPerMTok: z.number().nonnegative().nullable(),
  outputPerMTok: z.number().nonnegative().nullable()
})
export type ModelView = z.infer<typeof ModelView>

export const ModelsResult = z.object({
  models: z.array(ModelView),
  /** Providers whose model list could not be fetched, with the normalized error message. */
  failures: z.array(z.object({ providerId: Id, providerName: z.string(), code: z.string(), message: z.string() }))
})

export const TestResult = z.object({
  ok: z.boolean(),
  latencyMs: z.number(),
  detail: z.string(),
  models: z.array(z.string()),
  error: z.object({ code: z.string(), message: z.string() }).nullable()
})

export const Discovered = z.object({
  kind: ProviderKind,
  preset: z.string().nullable(),
  name: z.string(),
  baseUrl: z.string(),
  modelCount: z.number().int().nonnegative(),
  /** True when a configured provider already points at this address. */
  alreadyAdded: z.boolean()
})

export const CatalogEntry = z.object({
  /** Provider kind or id the price applies to, e.g. "openai" or "groq". */
  provider: z.string().min(1).max(100),
  model: z.string().min(1).max(300),
  inputPerMTok: z.number().nonnegative().max(10_000),
  outputPerMTok: z.number().nonnegative().max(10_000),
  contextLength: z.number().int().positive().max(100_000_000).nullable().optional()
})
export type CatalogEntry = z.infer<typeof CatalogEntry>

export const OllamaModelRef = z.object({ providerId: Id, model: z.string().trim().min(1).max(300) }).strict()
export const OllamaModelDetails = z.object({
  model: z.string(),
  contextLength: z.number().int().positive().nullable(),
  capabilities: Capabilities,
  family: z.string().nullable(),
  parameterSize: z.string().nullable(),
  quantization: z.string().nullable(),
  sizeBytes: z.number().nullable()
})
