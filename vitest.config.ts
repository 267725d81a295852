import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Worker threads have crashed with Temporal's native module; forks are separate processes.
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
