/** Every internal link of the course resolves, and a reader can go through the course with the keyboard alone. */
import { test, expect, tabUntil } from './fixtures';

test.describe('Links and keyboard', () => {
  test('every internal link and anchor on every page resolves', async ({ page, baseURL }) => {
    test.slow();
    const origin = new URL(baseURL!).origin;
    const start = new URL(baseURL!).href;
    const queue = [start];
    const visited = new Set<string>();
    const broken: string[] = [];
    while (queue.length) {
      const url = queue.shift()!;
      if (visited.has(url)) continue;
      visited.add(url);
      const samePage = page.url().split('#')[0] === url.split('#')[0];
      const response = await page.goto(url);
      // Going to another anchor of the page already open is a same-document navigation: no response, and no request.
      const sameDocument = !response && samePage && new URL(url).hash.length > 1;
      if (!sameDocument && (!response || response.status() !== 200)) {
        broken.push(`${url} -> ${response?.status() ?? 'no response'}`);
        continue;
      }
      const links = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
      for (const href of links) {
        const target = new URL(href);
        if (target.origin !== origin) continue;
        if (/\.(svg|png|json|xml|txt)$/.test(target.pathname)) continue;
        const pageUrl = target.origin + target.pathname;
        if (target.hash && target.hash.length > 1 && !target.hash.startsWith('#s=')) {
          const id = decodeURIComponent(target.hash.slice(1));
          if (pageUrl === page.url().split('#')[0]) {
            const found = await page.evaluate((i) => document.getElementById(i) !== null, id);
            if (!found) broken.push(`${page.url()}: anchor #${id} is missing`);
          } else if (!visited.has(pageUrl)) {
            // Checked when that page is visited: record it with its anchor.
            queue.push(href);
          }
        }
        if (!visited.has(pageUrl) && !queue.includes(pageUrl)) queue.push(pageUrl);
      }
      if (new URL(url).hash.length > 1) {
        const id = decodeURIComponent(new URL(url).hash.slice(1));
        if (!(await page.evaluate((i) => document.getElementById(i) !== null, id)))
          broken.push(`${url}: anchor is missing`);
      }
    }
    expect(broken).toEqual([]);
    // The landing page, the eight chapters, the reference page and Starlight's 404 route at least.
    expect(visited.size).toBeGreaterThanOrEqual(11);
  });

  test('a reader can go from the landing page to the last chapter with the keyboard alone', async ({ page }) => {
    // Thousands of Tab presses through ten pages with their labs: minutes on a busy 2-core machine.
    test.setTimeout(420_000);
    await page.goto('./');
    // Tab to "Start the course" and follow it.
    await tabUntil(page, page.getByRole('link', { name: 'Start the course' }), 60);
    await page.keyboard.press('Enter');
    await expect(page.locator('h1')).toBeVisible();
    const titles: string[] = [await page.locator('h1').innerText()];
    // From chapter to chapter through Starlight's "Next" link, by keyboard only.
    for (let i = 0; i < 10; i++) {
      const next = page.locator('a[rel="next"]');
      if ((await next.count()) === 0) break;
      // Tab through the whole chapter (sandbox, diagram, tables) until Starlight's "Next" link has focus.
      await tabUntil(page, next);
      await expect(next).toBeFocused();
      // Enter starts the navigation asynchronously: wait for the new page, not the old one's load state.
      const target = new URL((await next.getAttribute('href'))!, page.url()).pathname;
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname === target);
      await page.waitForLoadState('domcontentloaded');
      titles.push(await page.locator('h1').innerText());
    }
    // Eight chapters, then the reference page and the free lab, which the sidebar lists after them.
    expect(titles.length).toBeGreaterThanOrEqual(10);
    expect(titles).toContain('After Juno: what became of its limits');
    expect(titles).toContain('Reference: devices and flow tables');
    expect(titles[titles.length - 1]).toBe('Free lab');
  });
});
