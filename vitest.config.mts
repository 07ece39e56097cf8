import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    // better-sqlite3 can crash at worker-thread teardown: run suites in child processes.
    pool: 'forks',
    testTimeout: 20_000
  }
})
