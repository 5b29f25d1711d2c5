/** The `test` every spec uses: it fails a test on any console error, page error, Content-Security-Policy violation, or request that leaves the preview origin. */
import { test as base, expect, type Page, type Locator } from '@playwright/test';

/** What a page did that a reader should never see: console errors, uncaught exceptions, requests to other servers. */
export interface PageGuards {
	consoleErrors: string[];
	externalRequests: string[];
}

/** Schemes that never touch the network, so they do not count as leaving the origin. */
const LOCAL_SCHEMES = ['data:', 'blob:', 'about:'];

export const test = base.extend<{ guards: PageGuards }>({
	guards: [
		async ({ context, baseURL }, use) => {
			const origin = new URL(baseURL ?? 'http://127.0.0.1/').origin;
			const guards: PageGuards = { consoleErrors: [], externalRequests: [] };
			// Every request from every page of the context goes through here; anything not for the
			// preview server is recorded and refused, so the site can never phone home, even by accident.
			await context.route('**/*', (route) => {
				const url = route.request().url();
				if (new URL(url).origin === origin || LOCAL_SCHEMES.some((s) => url.startsWith(s))) return route.continue();
				guards.externalRequests.push(url);
				return route.abort('blockedbyclient');
			});
			// Chromium logs most policy violations itself; this makes every one in a page a console error.
			await context.addInitScript(() => {
				document.addEventListener('securitypolicyviolation', (event) =>
					console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`),
				);
			});
			for (const page of context.pages()) watchPage(page, guards);
			context.on('page', (page) => watchPage(page, guards));
			await use(guards);
			expect(guards.externalRequests, 'requests that left the origin').toEqual([]);
			expect(guards.consoleErrors, 'console errors and uncaught exceptions').toEqual([]);
		},
		{ auto: true },
	],
});

function watchPage(page: Page, guards: PageGuards): void {
	page.on('console', (message) => {
		if (message.type() === 'error') guards.consoleErrors.push(`${message.text()} (${message.location().url})`);
	});
	page.on('pageerror', (error) => guards.consoleErrors.push(`uncaught: ${error.message}`));
}

export { expect };

/** The chapter's DOM hooks, agreed with the components (see src/components and src/islands). */
export function sandbox(page: Page) {
	const traceTable = page.locator('table[data-testid="trace-table"]').first();
	const hostViews = page.locator('pre[data-testid="host-view"]');
	return {
		traceTable,
		/** The trace table, whether it or its container carries the out-of-date marker. */
		staleTrace: page.locator('[data-stale="true"] table[data-testid="trace-table"], table[data-testid="trace-table"][data-stale="true"]'),
		diagram: page.locator('svg[data-testid="diagram"]').first(),
		staleDiagram: page.locator('[data-stale="true"] svg[data-testid="diagram"], svg[data-testid="diagram"][data-stale="true"]'),
		errors: page.locator('[data-testid="sandbox-errors"]').first(),
		/** `ip rule` in compute1's qrouter namespace. */
		ipRule: hostViews.filter({ hasText: 'lookup' }).first(),
		/** `iptables -t nat -S` in the network node's snat namespace. */
		iptables: hostViews.filter({ hasText: '-j SNAT' }).first(),
		/** `ovs-ofctl dump-flows br-tun` on compute1. */
		brTun: hostViews.filter({ hasText: 'set_tunnel' }).first(),
		field: (label: string): Locator => page.getByLabel(label, { exact: true }),
		openEditor: page.getByRole('button', { name: 'Open the full editor' }),
		share: page.getByRole('button', { name: 'Share' }),
		reset: page.getByRole('button', { name: /^Reset to the chapter[’']s example$/ }),
		/** The link "Share" made, also shown in a read-only field for readers without clipboard access. */
		shareLink: page.getByLabel('Link to this scenario'),
	};
}

/** The chapter under test, relative to the site's base path. */
export const SNAT_CHAPTER = 'snat/';

/** Opens the SNAT chapter and waits until the sandbox has run the simulator in the browser (the form is filled in). */
export async function openSnatChapter(page: Page, path = SNAT_CHAPTER): Promise<ReturnType<typeof sandbox>> {
	await page.goto(path);
	const s = sandbox(page);
	await expect(s.field('Shared SNAT address')).toBeEditable();
	await expect(s.field('Shared SNAT address')).not.toHaveValue('');
	return s;
}

/** 192.168.200.1 -> 3232286721: the table id the L3 agent derives from a qr- port's address (dvr-reference §4.1). */
export function ipToInt(ip: string): number {
	return ip.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
}
