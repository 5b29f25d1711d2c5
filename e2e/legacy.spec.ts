/** Chapter 1 as a reader uses it: the legacy router's detour through the network node, a form edit, the prepared packets and an exercise. */
import type { Page } from '@playwright/test';
import { test, expect, sandbox, openSandbox } from './fixtures';

const CHAPTER = 'legacy/';

/** Opens the chapter once its sandbox has run (the form shows the example's Router gateway address). */
const openChapter = (page: Page) => openSandbox(page, CHAPTER, 'Router gateway address', '10.100.100.162');

test.describe('The legacy router chapter', () => {
  test('shows VM1’s packet to VM2 routed in the network node’s qrouter, across two tunnels', async ({ page }) => {
    const s = await openChapter(page);
    await expect(s.traceTable).toContainText('qrouter-');
    await expect(sandbox(page).tunnelRows).toHaveCount(2);
    // The one router namespace holds both qr- ports and the qg- port.
    const ipAddr = page.locator('pre[data-testid="host-view"]').filter({ hasText: 'qg-' }).first();
    await expect(ipAddr).toContainText('inet 10.0.1.1/24');
    await expect(ipAddr).toContainText('inet 10.100.100.162/28');
    await expect(s.diagram).toBeVisible();
    await expect(page.getByText('Exercises on this page: 0 of 3 solved')).toBeVisible();
  });

  test('follows a prepared SNAT packet and a new router gateway address typed in the form', async ({ page }) => {
    const s = await openChapter(page);
    await page.getByLabel('Packets this chapter follows').selectOption({ label: 'SNAT on the network node' });
    await expect(s.traceTable).toContainText('8.8.8.8');
    await expect(s.traceTable).toContainText('10.100.100.162');
    await expect(sandbox(page).tunnelRows).toHaveCount(1);

    await s.field('Router gateway address').fill('10.100.100.163');
    await expect(s.traceTable).toContainText('10.100.100.163');
    await expect(s.traceTable).not.toContainText('10.100.100.162');
    await expect(s.iptables).toContainText('--to-source 10.100.100.163');

    await s.field('Public network').fill('10.100.100.160/27');
    await expect(s.errors).toBeHidden();
    await expect(s.staleDiagram).toHaveCount(0);
    await expect(s.diagram).toContainText('10.100.100.160/27');
  });

  test('answers “Who routes?” and keeps the progress across a reload', async ({ page }) => {
    // A journey with a reload: on a loaded 2-core machine it can outlast the default timeout.
    test.slow();
    await openChapter(page);
    const exercise = page.locator('dvr-exercise[data-id="ch1-which-router"]');
    await exercise.getByLabel('compute1').check();
    await exercise.getByRole('button', { name: 'Check' }).click();
    await expect(exercise.getByTestId('exercise-status')).toHaveText('Not solved yet.');
    await expect(exercise).toContainText('Not compute1');

    await exercise.getByLabel('network').check();
    await exercise.getByRole('button', { name: 'Check' }).click();
    await expect(exercise.getByTestId('exercise-status')).toHaveText('Solved ✓');
    await expect(page.getByText('Exercises on this page: 1 of 3 solved')).toBeVisible();

    await page.reload();
    await expect(page.locator('dvr-exercise[data-id="ch1-which-router"]').getByTestId('exercise-status')).toContainText(
      'Solved',
    );
    await expect(page.getByText('Exercises on this page: 1 of 3 solved')).toBeVisible();
  });

  test('solves “Route on the compute node” with its solution: the packet no longer touches the network node', async ({
    page,
  }) => {
    // A journey with a reload: on a loaded 2-core machine it can outlast the default timeout.
    test.slow();
    const s = await openChapter(page);
    const exercise = page.locator('dvr-exercise[data-id="ch1-go-distributed"]');
    await exercise.getByRole('button', { name: 'Show solution' }).click();
    await expect(exercise.getByTestId('exercise-status')).toHaveText('Solved ✓');
    await expect(sandbox(page).tunnelRows).toHaveCount(1);
    await expect(s.traceTable.locator('td.col-host', { hasText: /^network$/ })).toHaveCount(0);
    await expect(s.traceTable).toContainText('mod_dl_src:fa:16:3f');

    await page.reload();
    await expect(
      page.locator('dvr-exercise[data-id="ch1-go-distributed"]').getByTestId('exercise-status'),
    ).toContainText('Solved');
    await expect(page.getByText('Exercises on this page: 1 of 3 solved')).toBeVisible();
  });
});
