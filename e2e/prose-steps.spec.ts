/** Prose steps bound to hops: a chapter's numbered step shows the hops it explains in the lab, by mouse or keyboard. */
import { test, expect, openSnatChapter, axeViolations } from './fixtures';

test.describe('A step of the SNAT chapter', () => {
  test('shows the SNAT hop in the inspector when step 4’s control is activated', async ({ page }) => {
    await openSnatChapter(page);
    const step = page.getByRole('button', { name: 'Show in the lab: step “4. Out through the shared address”' });
    const inspector = page.locator('[data-role="inspector"]').first();
    await step.scrollIntoViewIfNeeded();
    await expect(inspector).not.toBeInViewport();
    await step.click();
    await expect(inspector).toBeInViewport({ ratio: 0.2 });
    await expect(inspector).toContainText(
      '-A neutron-l3-agent-snat -s 192.168.200.0/24 -j SNAT --to-source 10.100.100.162',
    );
    await expect(inspector.locator('li[data-changed="true"]', { hasText: 'ip src' })).toHaveText(
      'ip src 192.168.200.6 → 10.100.100.162 (SNAT)',
    );
    await expect(page.locator('dvr-step').nth(3)).toHaveAttribute('data-current', 'true');
    await expect(page.locator('dvr-step').nth(0)).toHaveAttribute('data-current', 'false');
  });

  test('is keyboard operable: Enter on step 1’s control shows compute1’s qrouter, and the page stays axe clean', async ({
    page,
  }) => {
    await openSnatChapter(page);
    const step = page.getByRole('button', { name: 'Show in the lab: step “1. Into the local router”' });
    await step.focus();
    await page.keyboard.press('Enter');
    const inspector = page.locator('[data-role="inspector"]').first();
    await expect(inspector).toBeInViewport({ ratio: 0.2 });
    await expect(inspector).toContainText(/qrouter-/);
    await expect(inspector).toContainText('ip rule');
    expect(await axeViolations(page)).toEqual([]);
  });
});
