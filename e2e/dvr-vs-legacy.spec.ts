/** Chapter 6 as a reader uses it: DVR and legacy compared for a traffic mix, the public-address budget running out, and the fix. */
import type { Page } from '@playwright/test';
import { test, expect, openSandbox } from './fixtures';

const CHAPTER = 'dvr-vs-legacy/';

/** Opens the chapter once its sandbox has run (the form shows the example's Web network). */
const openChapter = (page: Page) => openSandbox(page, CHAPTER, 'Web network', '10.0.1.0/24');

/** A number of the comparison table, by its row (0-based walk, or "total"), mode and metric. */
function cell(
  page: Page,
  row: number | 'total',
  mode: 'dvr' | 'legacy',
  metric: 'routers' | 'tunnels' | 'hosts' | 'steps' | 'networkNodeSteps',
) {
  return page.locator(`[data-cell="${row}-${mode}-${metric}"] .dvr-compare-num`);
}

test.describe('The DVR vs legacy chapter', () => {
  test('compares DVR and legacy per packet, and re-weights the totals as the reader types', async ({ page }) => {
    const s = await openChapter(page);
    await expect(s.traceTable).toContainText('app2');
    await expect(s.diagram).toBeVisible();
    const table = page.getByTestId('compare-table');
    await expect(table).toBeVisible();
    // Web to App on one host: DVR stays on compute2, legacy goes through the network node.
    await expect(cell(page, 1, 'dvr', 'tunnels')).toHaveText('0');
    await expect(cell(page, 1, 'dvr', 'networkNodeSteps')).toHaveText('0');
    await expect(cell(page, 1, 'dvr', 'routers')).toHaveText('2');
    await expect(cell(page, 1, 'legacy', 'tunnels')).toHaveText('4');

    for (const [i, weight] of ['0', '10', '0', '0'].entries())
      await table
        .getByLabel(/^Weight of/)
        .nth(i)
        .fill(weight);
    await expect(cell(page, 'total', 'dvr', 'networkNodeSteps')).toHaveText('0');
    await expect(cell(page, 'total', 'legacy', 'tunnels')).toHaveText('40');
    await expect(page.getByTestId('compare-summary')).toContainText('handles 0 weighted steps under DVR');

    await table
      .getByLabel(/^Weight of/)
      .first()
      .fill('-1');
    await expect(table.getByLabel(/^Weight of/).first()).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('A weight is a number from 0 up')).toBeVisible();
  });

  test('follows a new Web network typed in the form: trace, diagram and comparison', async ({ page }) => {
    const s = await openChapter(page);
    await s.field('Web network').fill('10.0.10.0/24');
    await expect(s.errors).toBeHidden();
    await expect(s.traceTable).toContainText('10.0.10.4');
    await expect(s.staleDiagram).toHaveCount(0);
    await expect(s.diagram).toContainText('10.0.10.4');
    await expect(page.getByTestId('compare').locator('[data-stale="true"]')).toHaveCount(0);
    await expect(cell(page, 0, 'dvr', 'tunnels')).toHaveText('2');
  });

  test('runs the /28 out with the solution, sees the budget say so, fixes it, and keeps the progress across a reload', async ({
    page,
  }) => {
    const s = await openChapter(page);
    const runOut = page.locator('dvr-exercise[data-id="ch6-run-out"]');
    await runOut.getByRole('button', { name: 'Show solution' }).click();
    await expect(runOut.getByTestId('exercise-status')).toHaveText('Solved ✓');
    await expect(s.errors).toContainText('IpAddressGenerationFailure');
    await expect(s.staleTrace).toHaveCount(1);
    // The budget still counts: it is the one view that explains the refusal.
    await expect(page.getByTestId('budget-status')).toContainText(
      'The /28 has run out: this scenario needs 15 addresses',
    );
    await expect(page.getByTestId('budget-free')).toHaveText('-1');
    // The what-if stays apart and hidden until asked for: Newton's service subnet would give the fg- ports' addresses back.
    const whatIf = page.getByTestId('budget-whatif');
    await expect(whatIf).toBeHidden();
    await page.getByLabel('What if: fg- ports on a service subnet (Newton and later)').check();
    await expect(whatIf).toHaveText(
      'What if (Newton and later, not Juno): With fg- ports on a service subnet, the 3 fg- ports take no public address: 3 public addresses saved, 2 free instead of -1, and the scenario would fit.',
    );

    const fix = page.locator('dvr-exercise[data-id="ch6-fix-it"]');
    await fix.getByRole('button', { name: 'Show solution' }).click();
    await expect(fix.getByTestId('exercise-status')).toHaveText('Solved ✓');
    await expect(s.errors).toBeHidden();
    await expect(page.getByTestId('budget-status')).toHaveText('15 of the 30 usable addresses of the /27 are free.');
    await expect(page.getByText('Exercises on this page: 2 of 5 solved')).toBeVisible();

    await page.reload();
    await expect(page.getByText('Exercises on this page: 2 of 5 solved')).toBeVisible();
    await expect(page.getByTestId('budget-status')).toHaveText('15 of the 30 usable addresses of the /27 are free.');
  });
});
