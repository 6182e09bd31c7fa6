import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores on CI: forks keep wink's model per worker; more workers only thrash.
    pool: 'forks',
    maxWorkers: 2,
  },
});
