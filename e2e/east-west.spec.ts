/** Chapter 3 as a reader uses it: east-west routing on the compute nodes, a form edit, the prepared packets and the exercises. */
import type { Page } from '@playwright/test';
import { test, expect, sandbox, openSandbox } from './fixtures';

const CHAPTER = 'east-west/';

/** Opens the chapter once its sandbox has run (the form shows the example's VM2 address). */
const openChapter = (page: Page) => openSandbox(page, CHAPTER, 'VM2 address', '10.0.2.7');

test.describe('The east-west chapter', () => {
  test('shows VM1’s packet routed on compute1, rewritten to compute1’s DVR MAC and tunnelled straight to compute2', async ({
    page,
  }) => {
    const s = await openChapter(page);
    await expect(s.traceTable).toContainText('PERMANENT');
    await expect(s.traceTable).toContainText('mod_dl_src:fa:16:3f:00:a0:7a');
    await expect(sandbox(page).tunnelRows).toHaveCount(1);
    await expect(s.traceTable.locator('td.col-host', { hasText: /^network$/ })).toHaveCount(0);
    const reply = page.locator('table[data-testid="reply-table"]').first();
    await expect(reply.locator('tbody tr', { hasText: 'qrouter-' }).first()).toContainText('compute2');
    await expect(s.diagram).toBeVisible();
    await expect(page.getByText('Exercises on this page: 0 of 6 solved')).toBeVisible();
  });

  test('follows a new VM2 address typed in the form: trace, permanent ARP entry and diagram', async ({ page }) => {
    const s = await openChapter(page);
    await s.field('VM2 address').fill('10.0.2.20');
    await expect(s.errors).toBeHidden();
    await expect(s.traceTable).toContainText('10.0.2.20');
    await expect(s.traceTable).not.toContainText('10.0.2.7');
    const neigh = page.locator('pre[data-testid="host-view"]').filter({ hasText: 'PERMANENT' }).first();
    await expect(neigh).toContainText('10.0.2.20 dev qr-');
    await expect(s.staleDiagram).toHaveCount(0);
    await expect(s.diagram).toContainText('VM2 10.0.2.20');
  });

  test('follows the prepared same-network packet: plain layer 2, no router', async ({ page }) => {
    const s = await openChapter(page);
    await page
      .getByLabel('Packets this chapter follows')
      .selectOption({ label: 'Same network, different hosts (plain L2)' });
    await expect(s.traceTable).toContainText('VM4');
    await expect(s.traceTable).not.toContainText('qrouter-');
    await expect(sandbox(page).tunnelRows).toHaveCount(1);
  });

  test('solves “Keep it on one host” with its solution and keeps the progress across a reload', async ({ page }) => {
    // A journey with a reload: on a loaded 2-core machine it can outlast the default timeout.
    test.slow();
    const s = await openChapter(page);
    const exercise = page.locator('dvr-exercise[data-id="ch3-same-host"]');
    await exercise.getByRole('button', { name: 'Show solution' }).click();
    await expect(exercise.getByTestId('exercise-status')).toHaveText('Solved ✓');
    await expect(sandbox(page).tunnelRows).toHaveCount(0);
    await expect(s.traceTable).not.toContainText('br-tun');

    const reply = page.locator('dvr-exercise[data-id="ch3-reply-router"]');
    await reply.getByLabel('compute2').check();
    await reply.getByRole('button', { name: 'Check' }).click();
    // VM2 now lives on compute1, so compute2 no longer routes the reply.
    await expect(reply).toContainText('Not compute2');
    await reply.getByRole('button', { name: 'Reset the sandbox' }).click();
    await expect(sandbox(page).tunnelRows).toHaveCount(1);
    await reply.getByRole('button', { name: 'Check' }).click();
    await expect(reply.getByTestId('exercise-status')).toHaveText('Solved ✓');
    await expect(page.getByText('Exercises on this page: 2 of 6 solved')).toBeVisible();

    await page.reload();
    await expect(page.getByText('Exercises on this page: 2 of 6 solved')).toBeVisible();
    await expect(page.locator('dvr-exercise[data-id="ch3-same-host"]').getByTestId('exercise-status')).toContainText(
      'Solved earlier',
    );
  });
});
