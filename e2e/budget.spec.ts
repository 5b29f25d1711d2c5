/**
 * What a reader pays in bytes, enforced: JavaScript (gzip) a chapter loads before any interaction, Monaco
 * nothing until the editor opens, and no Monaco stylesheet linked up front. Times are not tested here:
 * `npm run bench:site` measures and prints them.
 */
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, CHAPTER_PAGES, SNAT_CHAPTER } from './fixtures';

/** Budget in gzip KB for a chapter before interaction, Starlight's own scripts included, its idle-loaded search UI not. */
const CHAPTER_BUDGET_KB = 45;
/** Ceiling in gzip KB for what opening the editor fetches (Monaco, its JSON mode and workers). */
const EDITOR_CEILING_KB = 1300;
/** Starlight loads Pagefind's search UI when the browser is idle; the issue reports it separately. */
const PAGEFIND_UI = /\/ui-core\.[^/]*\.js$|\/pagefind\//;
/** Anything of Monaco: the editor chunks, its workers, its language modes. */
const MONACO = /monaco|editor\.worker|json\.worker|jsonMode|editor\.api|open-editor/i;

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
const sum = (entries: Array<[string, number]>) => entries.reduce((a, [, b]) => a + b, 0);
const list = (entries: Array<[string, number]>) =>
  entries.map(([url, size]) => `${new URL(url).pathname.split('/').pop()} ${kb(size)}`).join(', ');

/** Loads a page and waits until Starlight's idle-time search UI has arrived, so it is always counted (apart). */
async function loadUntilIdle(page: Page, sizes: Map<string, number>, path: string): Promise<void> {
  await page.goto(path, { waitUntil: 'networkidle' });
  await expect.poll(() => [...sizes.keys()].some((url) => PAGEFIND_UI.test(url)), { timeout: 20_000 }).toBe(true);
  await page.waitForLoadState('networkidle');
}

test.describe('What a chapter costs a reader before any interaction', () => {
  for (const { path } of CHAPTER_PAGES) {
    test(`${path}: at most ${CHAPTER_BUDGET_KB} KB gzip of JavaScript, no Monaco script or stylesheet`, async ({
      page,
      context,
    }, testInfo) => {
      const sizes = recordScripts(context);
      await loadUntilIdle(page, sizes, path);
      const all = [...sizes];
      const search = all.filter(([url]) => PAGEFIND_UI.test(url));
      const own = all.filter(([url]) => !PAGEFIND_UI.test(url));
      const summary = `${path} before interaction: ${kb(sum(own))} KB gzip JS (${list(own)}); Pagefind UI on idle: ${kb(sum(search))} KB`;
      testInfo.annotations.push({ type: 'js-bytes', description: summary });
      console.log(summary);
      expect(
        all.filter(([url]) => MONACO.test(url)).map(([url]) => url),
        'Monaco before the editor opens',
      ).toEqual([]);
      expect(kb(sum(own)), summary).toBeLessThanOrEqual(CHAPTER_BUDGET_KB);
      // Astro links the CSS of lazily imported chunks on every page unless it is inlined into them.
      const stylesheets = await page
        .locator('link[rel="stylesheet"]')
        .evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
      for (const href of stylesheets) {
        const css = await (await page.request.get(href)).text();
        expect(css, `${href} holds Monaco's styles`).not.toContain('.monaco-editor');
      }
    });
  }
});

test('opening the editor is what loads Monaco, and its cost is reported', async ({ page, context }, testInfo) => {
  const sizes = recordScripts(context);
  await loadUntilIdle(page, sizes, SNAT_CHAPTER);
  const before = new Set(sizes.keys());
  // Focusing the sandbox loads the simulator (wait until it has arrived), never the editor.
  await page.getByLabel('Shared SNAT address', { exact: true }).focus();
  await expect.poll(() => sizes.size, { timeout: 20_000 }).toBeGreaterThan(before.size);
  await page.waitForTimeout(500);
  expect([...sizes.keys()].filter((url) => MONACO.test(url))).toEqual([]);
  const warmed = new Set(sizes.keys());
  await page.getByRole('button', { name: 'Open the full editor' }).click();
  await expect(page.locator('.monaco-editor').first()).toBeVisible({ timeout: 30_000 });
  // The JSON worker starts last, once the editor validates the scenario: count it too.
  await expect.poll(() => [...sizes.keys()].some((url) => /json\.worker/.test(url)), { timeout: 30_000 }).toBe(true);
  const added = [...sizes].filter(([url]) => !warmed.has(url));
  const monaco = added.filter(([url]) => MONACO.test(url));
  const summary = `opening the editor: +${kb(sum(added))} KB gzip JS, of which Monaco ${kb(sum(monaco))} KB`;
  testInfo.annotations.push({ type: 'editor-bytes', description: summary });
  console.log(summary);
  expect(monaco.length, 'Monaco arrived when the editor opened').toBeGreaterThan(0);
  // Not a goal, a tripwire: measured ≈ 1,180 KB with workers; a jump means a language or feature slipped in.
  expect(kb(sum(added)), summary).toBeLessThanOrEqual(EDITOR_CEILING_KB);
});
