import { defineConfig } from 'vitest/config';

// The core's tests: unit, golden, corpus, property and CLI tests, all in Node (no DOM).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The kernel suite needs root and network namespaces: `npm run test:kernel` (vitest.kernel.config.ts).
    exclude: ['test/kernel/**', '**/node_modules/**'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
