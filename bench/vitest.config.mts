import { defineConfig } from 'vitest/config'

/** `npm run bench`: benchmarks as plain vitest files that write bench/results.json. */
export default defineConfig({
  test: {
    include: ['bench/**/*.bench.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 300_000
  }
})
