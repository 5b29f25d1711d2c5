/**
 * The reader's text is never lost (issue 14): a packet field too long to trace, a share link over saved work,
 * a share link made on another chapter, and a deflate bomb that must not freeze the page.
 */
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { test, expect, axeViolations, openSnatChapter, SNAT_CHAPTER } from './fixtures';

/** The SNAT chapter's example scenario, as the reader would type it. */
const SEED_TEXT = readFileSync(new URL('../sandbox-core/src/examples/snat-seed.json', import.meta.url), 'utf8');
/** The floating-IP chapter's example scenario. */
const FIP_TEXT = readFileSync(new URL('../sandbox-core/src/examples/floating-ip.json', import.meta.url), 'utf8');

/** A share link hash built the way the site builds them (deflate-raw, base64url), from any JSON value. */
function shareHash(value: unknown): string {
  return `#s=1.${deflateRawSync(Buffer.from(JSON.stringify(value))).toString('base64url')}`;
}

test.describe('The reader’s text is never lost', () => {
  test('a From longer than any VM name is refused under the field; the page keeps tracing, saving and linking the last valid packet', async ({
    page,
  }) => {
    const s = await openSnatChapter(page);
    const from = page.getByLabel('From (VM name or address)');
    await from.fill('V'.repeat(201));
    const error = page.getByTestId('request-from-error');
    await expect(error).toContainText('is too long (201 characters; at most 64');
    await expect(from).toHaveAttribute('aria-invalid', 'true');
    await expect(from).toHaveAttribute('aria-describedby', (await error.getAttribute('id')) ?? 'the error has an id');
    expect(await axeViolations(page)).toEqual([]);
    // Something else the reader changes is still saved with the last valid packet.
    await s.field('Shared SNAT address').fill('10.100.100.172');
    await expect(s.traceTable).toContainText('10.100.100.172');
    await page.reload();
    await expect(s.field('Shared SNAT address')).toHaveValue('10.100.100.172');
    await expect(page.getByLabel('From (VM name or address)')).toHaveValue('VM3');
    await expect(page.getByTestId('sandbox-status')).not.toContainText('damaged');
    await s.share.click();
    const link = await s.shareLink.inputValue();
    const other = await page.context().newPage();
    await other.goto(link);
    await expect(sandboxField(other)).toHaveValue('10.100.100.172');
    await expect(other.getByTestId('sandbox-status')).not.toContainText('could not');
    // A valid value clears the error (VM3 by its address).
    await page.getByLabel('From (VM name or address)').fill('192.168.200.6');
    await expect(page.getByLabel('From (VM name or address)')).not.toHaveAttribute('aria-invalid');
  });

  test('a share link over the reader’s saved edit keeps that edit and offers to restore it', async ({ page }) => {
    const s = await openSnatChapter(page);
    await s.field('Shared SNAT address').fill('10.100.100.163');
    await expect(s.traceTable).toContainText('10.100.100.163');
    const theirs = SEED_TEXT.replace('"10.100.100.162"', '"10.100.100.175"');
    await page.goto(
      SNAT_CHAPTER + shareHash({ example: 'snat-seed', text: theirs, request: { from: 'VM3', to: '8.8.8.8' } }),
    );
    await expect(s.field('Shared SNAT address')).toHaveValue('10.100.100.175');
    const offer = page.getByTestId('sandbox-offer-restore');
    await expect(offer).toContainText('A share link replaced your own edit of this sandbox. Your edit is kept');
    expect(await axeViolations(page)).toEqual([]);
    // Still offered after a reload: the edit is kept until the reader decides.
    await page.reload();
    await expect(offer).toBeVisible();
    await offer.getByRole('button', { name: 'Restore my edit' }).click();
    await expect(s.field('Shared SNAT address')).toHaveValue('10.100.100.163');
    await expect(s.traceTable).toContainText('10.100.100.163');
    await expect(offer).toHaveCount(0);
    await page.reload();
    await expect(s.field('Shared SNAT address')).toHaveValue('10.100.100.163');
  });

  test('a share link made on another chapter says what it is and opens on its own chapter', async ({
    page,
    baseURL,
  }) => {
    const fip = JSON.parse(FIP_TEXT);
    fip.title = 'Shared from the floating-IP chapter';
    const text = JSON.stringify(fip, null, 2);
    const hash = shareHash({
      example: 'floating-ip',
      page: new URL('floating-ips/', baseURL).pathname,
      text,
      request: { from: '203.0.113.50', to: 'VM1' },
    });
    await openSnatChapter(page, SNAT_CHAPTER + hash);
    const offer = page.getByTestId('sandbox-offer-elsewhere');
    await expect(offer).toContainText('another chapter’s sandbox (example “floating-ip”)');
    await expect(sandboxField(page)).toHaveValue('10.100.100.162');
    expect(await axeViolations(page)).toEqual([]);
    await offer.getByRole('link', { name: 'Open it on its chapter' }).click();
    await expect(page).toHaveURL(/\/floating-ips\/$/);
    await expect(page.getByTestId('sandbox-status')).not.toContainText('could not');
    await expect(page.locator('dvr-sandbox').first()).toHaveAttribute('data-ready', 'true');
    await expect(page.getByLabel('From (VM name or address)')).toHaveValue('203.0.113.50');
  });

  test('a deflate bomb (a 52 KB link that inflates to 40 MB) is refused without blocking the page over 100 ms', async ({
    page,
  }) => {
    const bomb = `#s=1.${deflateRawSync(Buffer.from(JSON.stringify({ text: ' '.repeat(40_000_000), request: { from: 'VM3', to: '8.8.8.8' } }))).toString('base64url')}`;
    expect(bomb.length).toBeGreaterThan(50_000);
    expect(bomb.length).toBeLessThan(64_000);
    const s = await openSnatChapter(page);
    // Starlight loads its search UI when the browser is idle: let that happen before measuring.
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1000);
    await page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[]; __since: number };
      w.__longTasks = [];
      w.__since = performance.now();
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (entry.startTime >= w.__since) w.__longTasks.push(entry.duration);
      }).observe({ type: 'longtask' });
    });
    // Pasted into the address bar of the open chapter: decoded by the page that is already running.
    await page.evaluate((hash) => (location.hash = hash), bomb);
    await expect(page.getByTestId('sandbox-status')).toContainText('expands to more than 1000000 bytes');
    await expect(s.field('Shared SNAT address')).toHaveValue('10.100.100.162');
    await page.waitForTimeout(200); // a long task is reported when it ends
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    test.info().annotations.push({ type: 'long-tasks', description: JSON.stringify(longTasks) });
    console.log(`long tasks while the bomb was refused: ${JSON.stringify(longTasks)} ms`);
    expect(Math.max(0, ...longTasks)).toBeLessThan(100);
  });
});

/** The SNAT address field of the sandbox on a page. */
function sandboxField(page: Page) {
  return page.getByLabel('Shared SNAT address', { exact: true });
}
