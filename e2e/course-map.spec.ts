/** The landing page's course map: it reflects work solved in the chapters, and progress moves between browsers as a file. */
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';

test.describe('The course map', () => {
  test('shows a question solved in chapter 1, and its progress round-trips through an exported file', async ({
    page,
    browser,
    baseURL,
  }, testInfo) => {
    test.slow();
    await page.goto('legacy/');
    const question = page.locator('dvr-exercise[data-id="ch1-which-router"]');
    await question.getByLabel('network').check();
    await question.getByRole('button', { name: 'Check' }).click();
    await expect(question.getByTestId('exercise-status')).toHaveText('Solved ✓');

    await page.goto('./');
    const map = page.getByTestId('course-map');
    await expect(map.locator('li[data-id="ch1-which-router"]')).toHaveAttribute('data-state', 'solved');
    await expect(map.locator('li[data-id="ch1-which-router"]')).toContainText('solved ✓');
    await expect(map.locator('li[data-id="ch3-renumber-db"]')).toHaveAttribute('data-state', 'unsolved');
    await expect(map.getByText(/You have solved 1 of \d+ exercises/)).toBeVisible();
    // Every chapter is on the map, in order, and every practising chapter ends with its challenge.
    await expect(map.locator('.dvr-course-map-chapter')).toHaveCount(8);
    await expect(map.locator('li[data-kind="challenge"]')).toHaveCount(7);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      map.getByRole('button', { name: 'Export progress…' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('dvr-lab-progress.json');
    const file = testInfo.outputPath('dvr-lab-progress.json');
    await download.saveAs(file);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      format: 'dvr-lab-progress',
      version: 1,
      solved: ['ch1-which-router'],
    });

    // Another browser: nothing solved until the file is imported.
    const other = await browser.newContext({ baseURL });
    const fresh = await other.newPage();
    await fresh.goto('./');
    const freshMap = fresh.getByTestId('course-map');
    await expect(freshMap.locator('li[data-id="ch1-which-router"]')).toHaveAttribute('data-state', 'unsolved');
    await freshMap.getByLabel('Import progress from a file').setInputFiles(file);
    await expect(freshMap.getByText('Imported 1 solved exercise.')).toBeVisible();
    await expect(freshMap.locator('li[data-id="ch1-which-router"]')).toHaveAttribute('data-state', 'solved');
    await fresh.goto('legacy/');
    await expect(
      fresh.locator('dvr-exercise[data-id="ch1-which-router"]').getByTestId('exercise-status'),
    ).toContainText('Solved');
    await other.close();
  });

  test('refuses a file that is not DVR Lab progress, and says why', async ({ page }) => {
    await page.goto('./');
    const map = page.getByTestId('course-map');
    await map.getByLabel('Import progress from a file').setInputFiles({
      name: 'package.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"name":"something else"}'),
    });
    await expect(map.getByText(/not a DVR Lab progress file/)).toBeVisible();
    await expect(map.locator('li[data-state="solved"]')).toHaveCount(0);
  });
});
