import { defineConfig } from 'vitest/config';

// The kernel suite (test/kernel): replays scenarios in network namespaces and lets Linux referee
// the simulator's routing. Needs root; says so and skips elsewhere. Kept out of the normal run.
export default defineConfig({
  test: {
    include: ['test/kernel/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
