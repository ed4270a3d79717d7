import { defineConfig } from 'vitest/config';

// Unit and integration tests (pure domain, git on real temporary repositories, the store, the
// transports). Browser tests run under Playwright: see playwright.config.ts.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Tests that clone the history bundle are IO-bound; two workers suit a 2-core machine.
    pool: 'forks',
    maxWorkers: 2,
  },
});
