/** Unit tests for the site's own TypeScript (the logic beside components and islands); the simulator has its own config. */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Import `@dvr-lab/sandbox-core` from its TypeScript source, as the site's build does.
  resolve: { conditions: ['source', 'module', 'node', 'development|production'] },
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'] } },
  test: {
    include: ['src/**/*.test.ts'],
    exclude: ['sandbox-core/**', 'e2e/**', 'node_modules/**', 'dist/**'],
    // The site may have no unit tests of its own yet; that is not a failure.
    passWithNoTests: true,
  },
});
