/** The course around the chapters: landing page, navigation, search, small screens, accessibility. */
import { test, expect, sandbox, axeViolations, COURSE_PAGES } from './fixtures';

test.describe('The course site', () => {
  test('landing page says what the course is and starts it', async ({ page }) => {
    await page.goto('./');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('DVR Lab');
    await expect(page.getByText('Distributed Virtual Router').first()).toBeVisible();
    // "Start the course" opens the first chapter, whichever chapters exist so far: the landing page's "Next" link.
    const firstChapter = page.locator('a[rel="next"]');
    const firstChapterPath = new URL((await firstChapter.getAttribute('href'))!, page.url()).pathname;
    await page.getByRole('link', { name: 'Start the course' }).click();
    await expect(page).toHaveURL((url) => url.pathname === firstChapterPath);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });

  test('landing page loads nothing from another server', async ({ page }) => {
    // The auto fixture fails the test on any request off the origin; wait until the page is quiet.
    await page.goto('./', { waitUntil: 'networkidle' });
    await expect(page.getByRole('link', { name: 'Open the sandbox' })).toBeVisible();
  });

  test('“Open the sandbox” jumps to the SNAT chapter’s sandbox', async ({ page }) => {
    await page.goto('./');
    await page.getByRole('link', { name: 'Open the sandbox' }).click();
    await expect(page).toHaveURL(/\/snat\/#sandbox$/);
    await expect(page.locator('#sandbox')).toBeInViewport();
    await expect(sandbox(page).field('Shared SNAT address')).toBeVisible();
  });

  test('search finds the SNAT chapter from the built index', async ({ page }) => {
    await page.goto('./');
    await page.getByRole('button', { name: 'Search' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Search' }).fill('sg- port');
    const result = dialog.getByRole('link', { name: /SNAT/ }).first();
    // Pagefind loads its index on first search; on a busy machine that takes a while.
    await expect(result).toBeVisible({ timeout: 30_000 });
    await result.click();
    await expect(page).toHaveURL(/\/snat\//);
  });

  for (const { name, path } of COURSE_PAGES) {
    test(`the ${name} fits a 390px wide phone screen`, async ({ page }, testInfo) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(path, { waitUntil: 'networkidle' });
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      await page.screenshot({ path: testInfo.outputPath(`${name.replace(/ /g, '-')}-390.png`), fullPage: true });
      expect(overflow, 'page wider than the screen (horizontal scrolling)').toBeLessThanOrEqual(0);
    });
  }

  for (const { name, path } of COURSE_PAGES) {
    test(`the ${name} has no accessibility violations`, async ({ page }) => {
      // axe walks every node of a long chapter; on a busy 2-core machine that alone can take a minute.
      test.setTimeout(120_000);
      await page.goto(path, { waitUntil: 'networkidle' });
      const summary = await axeViolations(page);
      expect(summary).toEqual([]);
    });
  }
});
