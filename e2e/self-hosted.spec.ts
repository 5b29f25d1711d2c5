/**
 * The README's self-hosting recipe, followed: the site built with `BASE_PATH=/training/dvr/`, put under that
 * path in a web root, served by a plain static server (http-server). Runs in the `self-hosted` project only.
 */
import type { Page } from '@playwright/test';
import { test, expect, sandbox, COURSE_PAGES } from './fixtures';

/** Records every request the context makes, so a test can show none escaped the base path. */
function recordRequests(page: Page): URL[] {
  const urls: URL[] = [];
  page.context().on('request', (request) => urls.push(new URL(request.url())));
  return urls;
}

/** Requests that went to the server but outside the base path (they would hit another site on a shared host). */
function outsideBase(urls: URL[], baseURL: string): string[] {
  const base = new URL(baseURL);
  return urls
    .filter(
      (url) =>
        url.protocol.startsWith('http') && !(url.origin === base.origin && url.pathname.startsWith(base.pathname)),
    )
    .map(String);
}

test.describe('Self-hosted under /training/dvr/ by a plain static server', () => {
  test('every page loads, and nothing it asks for lies outside the base path', async ({ page, baseURL }) => {
    expect(new URL(baseURL!).pathname).toBe('/training/dvr/');
    const urls = recordRequests(page);
    for (const { path } of COURSE_PAGES) {
      const response = await page.goto(path, { waitUntil: 'networkidle' });
      expect(response?.status(), path).toBe(200);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      // Every internal link on the page stays under the base path.
      const hrefs = await page
        .locator('a[href]')
        .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
      expect(
        outsideBase(
          hrefs.filter((h) => h.startsWith('http')).map((h) => new URL(h)),
          baseURL!,
        ),
        `links on ${path}`,
      ).toEqual([]);
    }
    expect(outsideBase(urls, baseURL!)).toEqual([]);
  });

  test('the sandbox runs the simulator and follows an edit', async ({ page, baseURL }) => {
    const urls = recordRequests(page);
    await page.goto('snat/');
    const s = sandbox(page);
    await expect(s.field('Shared SNAT address')).not.toHaveValue('');
    await s.field('VM3 address').fill('192.168.200.74');
    await expect(s.traceTable).toContainText('192.168.200.74');
    await expect(s.diagram).toContainText('VM3 192.168.200.74');
    await s.share.click();
    await expect(s.shareLink).toHaveValue(new RegExp(`^${baseURL}snat/#s=1\\.`));
    expect(outsideBase(urls, baseURL!)).toEqual([]);
  });

  test('search finds a chapter and leads to it under the base path', async ({ page, baseURL }) => {
    const urls = recordRequests(page);
    await page.goto('./');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: 'Search' }).fill('sg- port');
    const result = page.getByRole('dialog').getByRole('link', { name: /SNAT/ }).first();
    await expect(result).toBeVisible({ timeout: 30_000 });
    await result.click();
    await expect(page).toHaveURL(new RegExp(`^${baseURL}snat/`));
    expect(outsideBase(urls, baseURL!)).toEqual([]);
  });

  test('the full editor opens with its workers', async ({ page, baseURL }) => {
    test.setTimeout(120_000);
    const urls = recordRequests(page);
    await page.goto('snat/');
    await page.getByRole('button', { name: 'Open the full editor' }).click();
    await expect(page.locator('.monaco-editor').first()).toBeVisible({ timeout: 60_000 });
    // Monaco's JSON worker is fetched from under the base path too.
    await expect.poll(() => urls.some((u) => /json\.worker/.test(u.pathname)), { timeout: 30_000 }).toBe(true);
    expect(outsideBase(urls, baseURL!)).toEqual([]);
  });
});
