/** End-to-end tests: Debian's Chromium against `astro preview` of the production build (search only works there). */
import { defineConfig, devices } from '@playwright/test';

/** The preview server's fixed address; tests fail on any request that leaves it. */
const port = Number(process.env.E2E_PORT ?? 4399);
const base = (process.env.BASE_PATH ?? '/').replace(/\/?$/, '/');
const origin = `http://127.0.0.1:${port}`;

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
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
	webServer: {
		// astro itself, not through npx, so stopping it stops the server (stack-notes).
		command: `node_modules/.bin/astro preview --host 127.0.0.1 --port ${port}`,
		url: origin + base,
		reuseExistingServer: !process.env.CI,
		timeout: 60_000,
		env: { ASTRO_TELEMETRY_DISABLED: '1', ASTRO_DISABLE_UPDATE_CHECK: 'true' },
	},
});
