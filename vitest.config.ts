import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'test/e2e/**/*.spec.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
