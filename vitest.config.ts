import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores on the build machines: more workers only adds contention for the simulators' ports and CPU.
    maxWorkers: 2,
    reporters: process.env.CI ? ['default'] : ['default'],
    server: {
      deps: {
        // shipstation-node publishes extension-less ESM imports; vitest inlines it so they resolve (issue 4).
        inline: ['shipstation-node'],
      },
    },
  },
});
