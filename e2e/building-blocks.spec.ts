/** Chapter 2 as a reader uses it: the namespaces and bridges of a small DVR cloud, a form edit and the fip-namespace exercise. */
import type { Page } from '@playwright/test';
import { test, expect, sandbox, openSandbox } from './fixtures';

const CHAPTER = 'building-blocks/';

/** Opens the chapter once its sandbox has run (the form shows the example's Blue network). */
const openChapter = (page: Page) => openSandbox(page, CHAPTER, 'Blue network', '172.20.1.0/24');

test.describe('The building blocks chapter', () => {
  test('shows VM2’s packet through compute2’s router, a tunnel with id 0x7d1 and the network node’s snat namespace', async ({
    page,
  }) => {
    const s = await openChapter(page);
    await expect(s.traceTable).toContainText('snat-');
    await expect(s.traceTable).toContainText('set_tunnel:0x7d1');
    await expect(s.traceTable).toContainText('mod_dl_src:fa:16:3f:ed:6c:d5');
    await expect(s.traceTable).toContainText('198.51.100.2');
    await expect(s.brTun).toContainText('tun_id=0x7d1');
    await expect(s.diagram).toContainText('fip-');
    await expect(page.getByText('Exercises on this page: 0 of 4 solved')).toBeVisible();
  });

  test('follows a new Blue network typed in the form: addresses, trace, diagram and host views', async ({ page }) => {
    const s = await openChapter(page);
    await s.field('Blue network').fill('172.20.9.0/24');
    await expect(s.errors).toBeHidden();
    await expect(s.traceTable).toContainText('172.20.9.5');
    await expect(s.traceTable).not.toContainText('172.20.1.5');
    await expect(s.staleDiagram).toHaveCount(0);
    await expect(s.diagram).toContainText('VM2 172.20.9.5');
    // compute2's qrouter: the Blue router interface follows the subnet's new gateway.
    await expect(page.locator('pre[data-testid="host-view"]').filter({ hasText: 'qr-' }).first()).toContainText(
      '172.20.9.1/24',
    );
  });

  test('follows VM1’s prepared packet out of its own fip namespace', async ({ page }) => {
    const s = await openChapter(page);
    await page.getByLabel('Packets this chapter follows').selectOption({ label: 'VM1 out through its fip namespace' });
    await expect(s.traceTable).toContainText('fip-');
    await expect(s.traceTable).toContainText('198.51.100.3');
    await expect(s.traceTable).not.toContainText('snat-');
  });

  test('solves “A fip namespace for compute2” with its solution and keeps the progress across a reload', async ({
    page,
  }) => {
    // A journey with a reload: on a loaded 2-core machine it can outlast the default timeout.
    test.slow();
    const s = await openChapter(page);
    const exercise = page.locator('dvr-exercise[data-id="ch2-fip-vm2"]');
    await expect(exercise.getByTestId('exercise-status')).toHaveText('Not solved yet.');
    await exercise.getByRole('button', { name: 'Show solution' }).click();
    await expect(exercise.getByTestId('exercise-status')).toHaveText('Solved ✓');
    await expect(s.traceTable).toContainText('fip-');
    await expect(s.traceTable).not.toContainText('snat-');
    await expect(page.getByText('Exercises on this page: 1 of 4 solved')).toBeVisible();

    await page.reload();
    await expect(page.locator('dvr-exercise[data-id="ch2-fip-vm2"]').getByTestId('exercise-status')).toContainText(
      'Solved',
    );
    await expect(page.getByText('Exercises on this page: 1 of 4 solved')).toBeVisible();

    // Resetting the sandbox brings back the chapter's example; the exercise stays solved.
    await page
      .locator('dvr-exercise[data-id="ch2-fip-vm2"]')
      .getByRole('button', { name: 'Reset the sandbox' })
      .click();
    await expect(sandbox(page).traceTable).toContainText('snat-');
    await expect(page.locator('dvr-exercise[data-id="ch2-fip-vm2"]').getByTestId('exercise-status')).toContainText(
      'Solved earlier',
    );
  });

  test('answers the tunnel id question', async ({ page }) => {
    await openChapter(page);
    const exercise = page.locator('dvr-exercise[data-id="ch2-tunnel-id"]');
    await exercise.getByLabel('0x1', { exact: true }).check();
    await exercise.getByRole('button', { name: 'Check' }).click();
    await expect(exercise).toContainText('Not 0x1');
    await exercise.getByLabel('0x7d1').check();
    await exercise.getByRole('button', { name: 'Check' }).click();
    await expect(exercise.getByTestId('exercise-status')).toHaveText('Solved ✓');
  });
});
