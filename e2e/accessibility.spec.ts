/**
 * Accessibility beyond the per-page axe sweep (site spec): contrast in dark mode, the sandbox in an error
 * state, a keyboard-only journey through the sandbox, the editor and the diagram, and the diagram's text equivalent.
 */
import type { Page } from '@playwright/test';
import { test, expect, sandbox, axeViolations, tabUntil, COURSE_PAGES, SNAT_CHAPTER } from './fixtures';

/** Whether the focused element shows a focus indicator (an outline or a ring). */
async function focusIsVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return false;
    const style = getComputedStyle(el);
    return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
  });
}

test.describe('Colours in dark mode', () => {
  for (const { path } of COURSE_PAGES) {
    test(`${path === './' ? 'the landing page' : path} passes the contrast check`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.goto(path, { waitUntil: 'networkidle' });
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
      expect(await axeViolations(page, ['color-contrast', 'link-in-text-block'])).toEqual([]);
    });
  }
});

test.describe('The sandbox showing an error', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`has no accessibility violations in ${scheme} mode`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(SNAT_CHAPTER);
      const s = sandbox(page);
      await expect(s.field('Shared SNAT address')).not.toHaveValue('');
      await s.field('Shared SNAT address').fill('10.100.200.1');
      await expect(s.errors).toBeVisible();
      await expect(s.staleTrace).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);
    });
  }
});

test('a keyboard-only reader edits the scenario, leaves the editor with Ctrl+M and steps the diagram', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto(SNAT_CHAPTER);
  const s = sandbox(page);
  await expect(s.field('Shared SNAT address')).not.toHaveValue('');

  // Into the form: every stop on the way shows where focus is.
  await tabUntil(page, s.field('VM3 address'));
  expect(await focusIsVisible(page)).toBe(true);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('192.168.200.77');
  await expect(s.traceTable).toContainText('192.168.200.77');

  // The full editor: its textarea says how to get out, and Ctrl+M then Tab does.
  await tabUntil(page, s.openEditor);
  expect(await focusIsVisible(page)).toBe(true);
  await page.keyboard.press('Enter');
  // Monaco's input is a textbox (a native edit context in Chromium, a textarea elsewhere).
  const input = page.getByRole('textbox', { name: /^Scenario JSON/ });
  await expect(input).toBeFocused({ timeout: 60_000 });
  await expect(input).toHaveAccessibleName(/Ctrl\+M/);
  await expect(page.getByText('so that Tab moves focus out of it').first()).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(input).toBeFocused(); // Tab is still the editor's: it inserted spaces
  await page.keyboard.press('Control+M');
  await page.keyboard.press('Tab');
  await expect(input).not.toBeFocused();
  expect(await page.evaluate(() => !!document.activeElement?.closest('.monaco-editor'))).toBe(false);
  expect(await focusIsVisible(page)).toBe(true);

  // The diagram: its canvas takes focus and the arrow keys step the packet.
  await tabUntil(page, page.locator('dvr-diagram [data-role="canvas"]').first());
  expect(await focusIsVisible(page)).toBe(true);
  const status = page.locator('.dvr-hop-status').first();
  await page.keyboard.press('ArrowRight');
  await expect(status).toContainText(/hop 1 of \d+/);
  await page.keyboard.press('End');
  await expect(status).toContainText(/hop \d+ of \d+/);
  const last = (await status.innerText()).match(/hop (\d+) of (\d+)/)!;
  expect(Number(last[2])).toBeGreaterThan(1);
  expect(last[1]).toBe(last[2]);
});

test('the diagram has a text equivalent: a title naming the packet, described by the trace table', async ({ page }) => {
  await page.goto(SNAT_CHAPTER);
  const diagram = sandbox(page).diagram;
  await expect(diagram).toHaveAttribute('role', 'img');
  await expect(diagram).toHaveAccessibleName(/packet from VM3 to 8\.8\.8\.8/);
  const describedBy = await diagram.getAttribute('aria-describedby');
  expect(describedBy).toBeTruthy();
  const table = page.locator(`[id="${describedBy}"]`);
  await expect(table).toHaveCount(1);
  await expect(table).toContainText('10.100.100.162');
  // Every host the diagram draws is named in the table too.
  const hosts = await diagram.locator('[data-host]').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-host')!));
  for (const host of hosts) await expect(table).toContainText(host);
});

test('on a 390px phone the form is usable and the diagram is stacked to fit its box', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(SNAT_CHAPTER);
  const s = sandbox(page);
  const field = s.field('VM3 address');
  await expect(field).not.toHaveValue('');
  await field.scrollIntoViewIfNeeded();
  // The field fits the screen, and a tap and typing edit the scenario.
  const box = (await field.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await field.click();
  await field.fill('192.168.200.55');
  await expect(s.traceTable).toContainText('192.168.200.55');
  await expect(s.diagram).toContainText('192.168.200.55');
  // The drawing stacks its hosts for the phone and fits its box: neither the box nor the page scrolls sideways.
  await expect(s.diagram).toHaveAttribute('data-arrangement', 'stacked');
  const canvas = page.locator('dvr-diagram [data-role="canvas"]').first();
  await canvas.scrollIntoViewIfNeeded();
  const fit = await canvas.evaluate((el) => ({
    width: el.clientWidth,
    content: el.scrollWidth,
    svg: el.querySelector('svg')!.getBoundingClientRect().width,
  }));
  expect(fit.width).toBeLessThanOrEqual(390);
  expect(fit.content).toBeLessThanOrEqual(fit.width);
  expect(fit.svg).toBeLessThanOrEqual(fit.width);
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
  ).toBeLessThanOrEqual(0);
  await page.screenshot({ path: testInfo.outputPath('snat-sandbox-390.png') });
});
