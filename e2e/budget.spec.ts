/** What a reader pays: JavaScript (gzip) before interaction and when the editor opens, and the time from an edit to the redrawn diagram. */
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, openSnatChapter, SNAT_CHAPTER } from './fixtures';

/** Budgets, in gzip KB: the chapter before interaction (Starlight's ~27 KB search UI included) and the editor on demand. */
const BUDGET_KB = { chapter: 150, editor: 1100 };

/** Records every JavaScript response of the context (pages and workers) with its gzip size. */
function recordScripts(context: BrowserContext): Map<string, number> {
	const sizes = new Map<string, number>();
	context.on('response', async (response) => {
		const type = response.request().resourceType();
		const url = response.url();
		if (!(type === 'script' || url.endsWith('.js') || url.endsWith('.mjs')) || sizes.has(url)) return;
		try {
			sizes.set(url, gzipSync(await response.body()).length);
		} catch {
			// a response without a body (redirect, aborted) costs nothing
		}
	});
	return sizes;
}

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
const total = (sizes: Map<string, number>) => [...sizes.values()].reduce((a, b) => a + b, 0);

test.describe('What the SNAT chapter costs a reader', () => {
	test('loads little JavaScript before interaction, and Monaco only when the editor opens', async ({ page, context }, testInfo) => {
		const sizes = recordScripts(context);
		await page.goto(SNAT_CHAPTER, { waitUntil: 'networkidle' });
		// Starlight loads its search UI when the browser is idle: give it time, so it is always counted.
		await expect.poll(() => [...sizes.keys()].some((url) => /\/ui-core\.[^/]*\.js$/.test(url)), { timeout: 15_000 }).toBe(true);
		await page.waitForLoadState('networkidle');
		const before = total(sizes);
		const beforeList = [...sizes].map(([url, size]) => `${new URL(url).pathname} ${kb(size)} KB`);

		await page.getByRole('button', { name: 'Open the full editor' }).click();
		await expect(page.locator('.monaco-editor').first()).toBeVisible({ timeout: 30_000 });
		await page.waitForLoadState('networkidle');
		const editor = total(sizes) - before;

		const summary = `chapter before interaction: ${kb(before)} KB gzip JS (${beforeList.join(', ')}); opening the editor: +${kb(editor)} KB`;
		testInfo.annotations.push({ type: 'js-bytes', description: summary });
		console.log(summary);
		expect(kb(before), summary).toBeLessThanOrEqual(BUDGET_KB.chapter);
		expect(kb(editor), summary).toBeLessThanOrEqual(BUDGET_KB.editor);
	});

	test('redraws the diagram within two seconds of an edit in the form', async ({ page }, testInfo) => {
		await openSnatChapter(page);
		const first = await timeEditToDiagram(page, '192.168.200.9');
		const second = await timeEditToDiagram(page, '192.168.200.10');
		const summary = `edit to redrawn diagram: ${first} ms for the first edit, ${second} ms for the next (both include the form's debounce)`;
		testInfo.annotations.push({ type: 'edit-to-diagram', description: summary });
		console.log(summary);
		// Measured ≈ 650 ms on a busy 2-core machine, 150 ms of it the debounce; the bound leaves room for slow CI.
		expect(second, summary).toBeLessThan(2000);
	});
});

/** Types a new VM3 address through the form and measures, in the page, the time until the diagram shows it (next frame). */
async function timeEditToDiagram(page: Page, address: string): Promise<number> {
	return page.evaluate(
		(value) =>
			new Promise<number>((resolve, reject) => {
				const label = [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === 'VM3 address');
				const input = label?.control as HTMLInputElement | null | undefined;
				const diagram = document.querySelector<HTMLElement>('dvr-diagram');
				if (!input || !diagram) return reject(new Error('no VM3 address field or no diagram'));
				const done = () => diagram.dataset.stale === 'false' && (diagram.querySelector('svg')?.textContent ?? '').includes(`VM3 ${value}`);
				const observer = new MutationObserver(() => {
					if (!done()) return;
					observer.disconnect();
					requestAnimationFrame(() => resolve(Math.round(performance.now() - t0)));
				});
				observer.observe(diagram, { subtree: true, childList: true, characterData: true, attributes: true });
				setTimeout(() => reject(new Error(`diagram did not show VM3 ${value} within 10 s`)), 10_000);
				const t0 = performance.now();
				input.value = value;
				input.dispatchEvent(new Event('input', { bubbles: true }));
			}),
		address,
	);
}
