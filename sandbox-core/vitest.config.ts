import { defineConfig } from 'vitest/config';

// The core's tests: unit, golden, corpus, property and CLI tests, all in Node (no DOM).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
