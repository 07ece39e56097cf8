import { z } from 'zod'

/**
 * Zod compiles fast parsers with `new Function` and probes whether eval works. The renderer's
 * Content-Security-Policy forbids eval, and even the caught probe is reported as a CSP
 * violation, so parse without code generation. Imported first by main.tsx, before any schema
 * (src/shared/contract.ts parses its defaults when it loads).
 */
z.config({ jitless: true })
