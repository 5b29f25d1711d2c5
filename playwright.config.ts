/** End-to-end tests: Debian's Chromium against `astro preview` of the production build (search only works there). */
import { mkdirSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

/** The preview server's fixed address; tests fail on any request that leaves it. */
const port = Number(process.env.E2E_PORT ?? 4399);
const base = (process.env.BASE_PATH ?? '/').replace(/\/?$/, '/');
const origin = `http://127.0.0.1:${port}`;

/**
 * The self-hosting check: the site built for a sub-path (`npm run build:self-hosted`) inside a web root,
 * served by a plain static server, exactly as the README's recipe says.
 */
const SELF_HOSTED = {
  base: '/training/dvr/',
  webRoot: '.self-hosted/www',
  port: Number(process.env.E2E_SELF_HOSTED_PORT ?? port + 1),
};
const selfHostedOrigin = `http://127.0.0.1:${SELF_HOSTED.port}`;
// Without `npm run build:self-hosted` the server still starts (so other specs run), and the self-hosted spec fails on 404s.
mkdirSync(SELF_HOSTED.webRoot, { recursive: true });

export default defineConfig({
  testDir: './e2e',
  // Separate folders let several runs share one checkout (E2E_OUTPUT_DIR); each run empties its own.
  outputDir: process.env.E2E_OUTPUT_DIR ?? 'test-results',
  // Each test gets a fresh browser context (fresh localStorage); two workers fit the 2-core CI.
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: origin + base,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      // `npx playwright install` cannot download here; Debian's package is the browser.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    },
  },
  projects: [
    { name: 'chromium', testIgnore: /self-hosted\.spec\.ts$/, use: { ...devices['Desktop Chrome'] } },
    {
      name: 'self-hosted',
      testMatch: /self-hosted\.spec\.ts$/,
      use: { ...devices['Desktop Chrome'], baseURL: selfHostedOrigin + SELF_HOSTED.base },
    },
  ],
  webServer: [
    {
      // astro itself, not through npx, so stopping it stops the server (through npx a child process survives).
      command: `node_modules/.bin/astro preview --host 127.0.0.1 --port ${port}`,
      url: origin + base,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      env: { ASTRO_TELEMETRY_DISABLED: '1', ASTRO_DISABLE_UPDATE_CHECK: 'true' },
    },
    {
      // A plain static server that knows nothing about Astro: no rewrites, no base-path option.
      command: `node_modules/.bin/http-server ${SELF_HOSTED.webRoot} -a 127.0.0.1 -p ${SELF_HOSTED.port} -c-1 --silent`,
      url: `${selfHostedOrigin}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
});
