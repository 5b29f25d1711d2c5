/** Host views mark what the trace used and what an edit changed; long outputs fold with the part that matters open. */
import { test, expect, openSnatChapter, openSandbox, axeViolations } from './fixtures';

test.describe('Host views', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`mark the SNAT rule the trace used, then the line an edit changed (${scheme})`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.emulateMedia({ colorScheme: scheme });
      const s = await openSnatChapter(page);
      const used = s.iptables.locator('.dvr-view-line[data-used="true"]');
      await expect(used).toHaveCount(1);
      await expect(used).toContainText('-j SNAT --to-source 10.100.100.162');
      await expect(used).toContainText('(used by the trace)');
      await expect(s.iptables.locator('.dvr-view-line[data-changed="true"]')).toHaveCount(0);
      // The mark is a visible bar, not colour alone.
      expect(await used.evaluate((el) => parseFloat(getComputedStyle(el).borderLeftWidth))).toBeGreaterThanOrEqual(3);

      await s.field('Shared SNAT address').fill('10.100.100.170');
      await expect(s.errors).toBeHidden();
      const changed = s.iptables.locator('.dvr-view-line[data-changed="true"]');
      await expect(changed).toHaveCount(1);
      await expect(changed).toContainText('-j SNAT --to-source 10.100.100.170');
      await expect(changed).toContainText('(used by the trace, changed)');
      // Lines the edit left alone stay unmarked, and the box still scrolls on its own.
      await expect(s.iptables.locator('.dvr-view-line[data-changed="false"]').first()).toBeVisible();
      expect(await s.iptables.evaluate((el) => getComputedStyle(el).overflowX)).toBe('auto');
      expect(await axeViolations(page)).toEqual([]);
    });
  }
});

test.describe('Long outputs fold', () => {
  test('the troubleshooting walk is folded to its command lines, with the line to look for visible, and opens with the keyboard', async ({
    page,
  }) => {
    await openSandbox(page, 'configuration/', 'compute1 tunnel address', '172.16.0.21');
    const walk = page.getByTestId('troubleshoot');
    const folds = walk.locator('details.dvr-ts-fold');
    expect(await folds.count()).toBeGreaterThan(3);
    await expect(walk.locator('details.dvr-ts-fold[open]')).toHaveCount(0);
    await expect(walk.locator('.dvr-ts-look', { hasText: '-j SNAT --to-source 10.100.100.162' }).first()).toBeVisible();
    const snatStep = walk.locator('li.dvr-ts-step', { hasText: '-j SNAT --to-source 10.100.100.162' }).first();
    const mark = snatStep.locator('mark.dvr-ts-match');
    await expect(mark).toBeHidden();

    const summary = snatStep.locator('summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    await expect(snatStep.locator('details')).toHaveAttribute('open', '');
    await expect(mark).toBeVisible();

    const files = page.getByTestId('config-files').locator('section[data-host]:visible details');
    await expect(files).toHaveCount(4);
    await expect(files.first()).toHaveAttribute('open', '');
    await expect(files.nth(1)).not.toHaveAttribute('open', '');
    await files.nth(2).locator('summary').focus();
    await page.keyboard.press('Space');
    await expect(files.nth(2)).toContainText('agent_mode = dvr');
    await expect(files.nth(2).locator('pre')).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });
});
