/** A reader works through the SNAT chapter's exercise: solved by "Show solution" or by typing, and still solved after a reload. */
import { expect, openSnatChapter, test } from './fixtures';
import type { Page } from '@playwright/test';

const GOAL_ADDRESS = '10.100.100.170';

function exercise(page: Page) {
  const region = page.getByRole('region', { name: /Move the shared SNAT address/ });
  return {
    region,
    status: region.getByTestId('exercise-status'),
    showSolution: region.getByRole('button', { name: 'Show solution' }),
    reset: region.getByRole('button', { name: 'Reset the sandbox' }),
    hint: region.getByText('Show hint'),
    progress: page.getByTestId('exercise-progress'),
  };
}

test.describe('SNAT chapter exercise', () => {
  test('a reader solves it with “Show solution”, and it stays solved after a reload', async ({ page }) => {
    test.slow(); // three reloads, each rerunning the simulator: slow on a loaded 2-core machine
    const s = await openSnatChapter(page);
    const ex = exercise(page);
    await expect(ex.progress).toHaveText('Exercises on this page: 0 of 4 solved');
    await expect(ex.status).toHaveText('Not solved yet.');

    await ex.showSolution.click();
    await expect(s.field('Shared SNAT address')).toHaveValue(GOAL_ADDRESS);
    await expect(ex.status).toHaveText('Solved ✓');
    await expect(ex.progress).toHaveText('Exercises on this page: 1 of 4 solved');
    await expect(ex.region.getByText(`set /routers/0/externalGateway/ip to "${GOAL_ADDRESS}"`)).toBeVisible();
    // The rest of the chapter follows the solution: the nat rule now uses the new shared address.
    await expect(s.iptables).toContainText(`--to-source ${GOAL_ADDRESS}`);

    await page.reload();
    await expect(s.field('Shared SNAT address')).toHaveValue(GOAL_ADDRESS);
    await expect(ex.status).toHaveText('Solved ✓');
    await expect(ex.progress).toHaveText('Exercises on this page: 1 of 4 solved');

    // Back to the chapter's example: the exercise was solved earlier, and the progress keeps it.
    await ex.reset.click();
    await expect(s.field('Shared SNAT address')).toHaveValue('10.100.100.162');
    await expect(ex.status).toHaveText(/^Solved earlier ✓/);
    await page.reload();
    await expect(s.field('Shared SNAT address')).toHaveValue('10.100.100.162');
    await expect(ex.status).toHaveText(/^Solved earlier ✓/);
    await expect(ex.progress).toHaveText('Exercises on this page: 1 of 4 solved');
  });

  test('a reader solves it by typing the new address in the form, after a wrong try', async ({ page }) => {
    test.slow(); // two simulator runs and a reload
    const s = await openSnatChapter(page);
    const ex = exercise(page);
    const field = s.field('Shared SNAT address');

    await field.fill('10.100.100.171');
    await expect(ex.region).toContainText('Not yet: the last hop has source 10.100.100.171, not 10.100.100.170.');
    await expect(ex.status).toHaveText('Not solved yet.');

    await field.fill(GOAL_ADDRESS);
    await expect(ex.status).toHaveText('Solved ✓');
    await expect(ex.progress).toHaveText('Exercises on this page: 1 of 4 solved');
    await page.reload();
    await expect(ex.status).toHaveText('Solved ✓');
  });

  test('the hint opens from the keyboard, and the buttons are reachable with Tab', async ({ page }) => {
    await openSnatChapter(page);
    const ex = exercise(page);
    const hintText = ex.region.getByText('The shared address is the router’s external gateway IP');
    await expect(hintText).toBeHidden();
    await ex.hint.focus();
    await page.keyboard.press('Enter');
    await expect(hintText).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(ex.showSolution).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(ex.status).toHaveText('Solved ✓');
    await page.keyboard.press('Tab');
    await expect(ex.reset).toBeFocused();
  });

  test('a browser that refuses storage can still solve it, without errors', async ({ page }) => {
    // Only the course's own keys: Starlight's theme switch does not guard its own localStorage writes.
    await page.addInitScript(() => {
      // The real method, called below with the storage object as `this`.
      // eslint-disable-next-line @typescript-eslint/unbound-method
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key: string, value: string) {
        if (key.startsWith('dvr-lab:')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        setItem.call(this, key, value);
      };
    });
    await openSnatChapter(page);
    const ex = exercise(page);
    await ex.showSolution.click();
    await expect(ex.status).toHaveText('Solved ✓');
    await expect(ex.progress).toHaveText('Exercises on this page: 1 of 4 solved');
    // Nothing could be kept, so a reload starts over, and says nothing broke.
    await page.reload();
    await expect(ex.status).toHaveText('Not solved yet.');
  });
});

test('a claim in the SNAT chapter is marked as checked by the simulator', async ({ page }) => {
  await page.goto('snat/');
  const claim = page.locator('.dvr-claim', { hasText: 'namespace never sees the reply' });
  await expect(claim).toHaveAttribute('title', 'Checked by the simulator on this chapter’s example');
});
