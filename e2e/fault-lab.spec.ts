/** A fault-finding lab as a reader meets it: load the broken cloud, read a hint, fix it from the keyboard, see it count. */
import type { Locator, Page } from '@playwright/test';
import { test, expect, openSandbox, tabUntil } from './fixtures';

const LAB = 'ch7-lab-local-ip';

/** Presses Shift+Tab until the target has focus (for a control above the one focused). */
async function shiftTabUntil(page: Page, target: Locator, limit = 400): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Shift+Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`not reached within ${limit} Shift+Tab presses`);
}

test.describe('A fault-finding lab', () => {
  test('loads the broken cloud, reveals a hint, is investigated in the host console and fixed in the form from the keyboard, and counts on the course map', async ({
    page,
  }) => {
    test.slow();
    const s = await openSandbox(page, 'configuration/', 'compute1 tunnel address', '172.16.0.21');
    const lab = page.locator(`dvr-fault-lab[data-id="${LAB}"]`);
    const status = lab.getByTestId('lab-status');
    await expect(status).toHaveText('Not loaded.');

    await tabUntil(page, lab.getByRole('button', { name: 'Load the lab' }));
    await page.keyboard.press('Enter');
    await expect(status).toContainText('Loaded');
    await expect(lab.locator('[data-role="detail"]')).toContainText('The symptom is still there: VM3 → 8.8.8.8');
    // The sandbox follows the lab: the trace ends on the tunnel, and the configuration shows the wrong local_ip.
    await expect(s.tunnelRows).toHaveCount(1);
    await expect(page.getByTestId('config-files').locator('section[data-host]:visible')).toContainText(
      'local_ip = 172.16.0.12',
    );

    const firstHint = lab.locator('[data-hint="0"]');
    await expect(firstHint).toBeHidden();
    await tabUntil(page, lab.getByRole('button', { name: 'Show hint 1 of 3' }));
    await page.keyboard.press('Enter');
    await expect(firstHint).toBeVisible();
    await expect(firstHint).toBeFocused();
    await expect(lab.locator('[data-hint="1"]')).toBeHidden();
    await expect(lab.locator('[data-role="fault"]')).toBeHidden();

    // Investigate from the host console, by keyboard: compute1's agent builds its tunnels from local_ip 172.16.0.12.
    const consoleInput = page.getByTestId('console').getByRole('textbox', { name: 'Command to run on compute1' });
    await shiftTabUntil(page, consoleInput);
    await page.keyboard.type('ovs-vsctl show');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('console').locator('.dvr-console-entry').last()).toContainText(
      'local_ip="172.16.0.12"',
    );

    // The fix without "show the fault": give compute1 the address its agent is configured with.
    const field = s.field('compute1 tunnel address');
    await shiftTabUntil(page, field);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('172.16.0.12');
    await expect(status).toHaveText('Solved ✓ The fault is fixed.');
    await expect(lab.locator('[data-role="detail"]')).toContainText('still work');
    await expect(page.getByTestId('exercise-progress')).toContainText('1 of');

    await page.goto('./');
    const entry = page.getByTestId('course-map').locator(`li[data-id="${LAB}"]`);
    await expect(entry).toHaveAttribute('data-kind', 'lab');
    await expect(entry).toHaveAttribute('data-state', 'solved');
    await expect(entry).toContainText('Fault lab');
  });

  test('does not count the healthy example as solved, and a reset abandons the lab', async ({ page }) => {
    await openSandbox(page, 'snat/', 'Shared SNAT address');
    const lab = page.locator('dvr-fault-lab[data-id="ch5-lab-snat-unscheduled"]');
    const status = lab.getByTestId('lab-status');
    await expect(lab).toHaveAttribute('data-ready', 'true');
    await expect(status).toHaveText('Not loaded.');
    await lab.getByRole('button', { name: 'Load the lab' }).click();
    await expect(lab.locator('[data-role="detail"]')).toContainText('VM3 → 8.8.8.8');
    await expect(status).toContainText('Loaded');
    await lab.getByRole('button', { name: 'Show the fault' }).click();
    await expect(lab.locator('[data-role="fault"]')).toBeFocused();
    await expect(lab.locator('[data-role="fault"]')).toContainText('remove /routers/0/snatScheduled');
    await lab.getByRole('button', { name: 'Reset the sandbox' }).click();
    await expect(status).toHaveText('Not loaded.');
  });
});
