/** The SNAT chapter as a reader uses it: read the seed trace, change addresses, break and fix the scenario, share it. */
import { test, expect, openSnatChapter, sandbox, SNAT_CHAPTER, ipToInt } from './fixtures';

test.describe('The SNAT chapter', () => {
  test('shows VM3’s packet leaving the network node with the shared address 10.100.100.162', async ({ page }) => {
    const s = await openSnatChapter(page);
    await expect(s.traceTable).toBeVisible();
    await expect(s.traceTable).toContainText('qg-');
    await expect(s.traceTable).toContainText('10.100.100.162');
    await expect(s.traceTable).toContainText('192.168.200.6');
    await expect(s.ipRule).toContainText('from 192.168.200.1/24 lookup 3232286721');
    await expect(s.iptables).toContainText('--to-source 10.100.100.162');
    await expect(s.brTun).toContainText('set_tunnel');
    await expect(s.diagram).toBeVisible();
    await expect(s.staleTrace).toHaveCount(0);
  });

  test('shows the reply coming back from the snat namespace straight to VM3, without compute1’s router', async ({
    page,
  }) => {
    await openSnatChapter(page);
    // The chapter's claim: the SNAT path is asymmetric: the reply leaves the snat namespace by sg- straight to the VM's MAC, skipping the compute node's qrouter.
    const reply = page.locator('table[data-testid="reply-table"]').first();
    await expect(reply).toContainText('conntrack');
    await expect(reply).toContainText('sg-');
    await expect(reply).not.toContainText('qrouter-');
    await expect(reply.locator('tbody tr[data-hop]').last()).toContainText('VM3');
    await expect(page.locator('[data-role="reply-verdict"]').first()).toContainText(/delivered/i);
  });

  test('shows the seed trace and the host views without JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(SNAT_CHAPTER);
    const s = sandbox(page);
    await expect(s.traceTable).toContainText('10.100.100.162');
    await expect(s.diagram).toBeVisible();
    await expect(s.ipRule).toContainText('lookup 3232286721');
    await context.close();
  });

  test('follows a new shared SNAT address typed in the form: trace, diagram and iptables view', async ({ page }) => {
    const s = await openSnatChapter(page);
    await s.field('Shared SNAT address').fill('10.100.100.170');
    await expect(s.traceTable).toContainText('10.100.100.170');
    await expect(s.traceTable).not.toContainText('10.100.100.162');
    await expect(s.iptables).toContainText('--to-source 10.100.100.170');
    await expect(s.staleTrace).toHaveCount(0);
    await expect(s.staleDiagram).toHaveCount(0);
    await expect(s.diagram).toBeVisible();
  });

  test('follows a new App network typed in the form, reporting VM3’s address until it fits', async ({ page }) => {
    const s = await openSnatChapter(page);

    // VM3 keeps 192.168.200.6 for now, which is outside the new network: the sandbox says so and keeps the old trace.
    await s.field('App network').fill('10.20.30.0/24');
    await expect(s.errors).toBeVisible();
    await expect(s.errors).toContainText('192.168.200.6');
    await expect(s.staleTrace).toHaveCount(1);
    await expect(s.staleDiagram).toHaveCount(1);
    await expect(s.traceTable).toContainText('10.100.100.162');

    await s.field('VM3 address').fill('10.20.30.6');
    await expect(s.errors).toBeHidden();
    await expect(s.staleTrace).toHaveCount(0);
    await expect(s.traceTable).toContainText('10.20.30.6');
    await expect(s.traceTable).not.toContainText('192.168.200.6');
    // The agent's rule and table id follow the new gateway 10.20.30.1.
    await expect(s.ipRule).toContainText(`from 10.20.30.1/24 lookup ${ipToInt('10.20.30.1')}`);
    await expect(s.iptables).toContainText('-s 10.20.30.0/24');
    await expect(s.staleDiagram).toHaveCount(0);
    await expect(s.diagram).toContainText('VM3 10.20.30.6');
  });

  test('follows a new public network in the form: the diagram’s external network, the trace and iptables', async ({
    page,
  }) => {
    const s = await openSnatChapter(page);
    await s.field('Public network').fill('203.0.113.0/24');
    await s.field('External gateway').fill('203.0.113.1');
    await s.field('Shared SNAT address').fill('203.0.113.10');
    await expect(s.errors).toBeHidden();
    await expect(s.staleDiagram).toHaveCount(0);
    await expect(s.diagram).toContainText('203.0.113.0/24');
    await expect(s.diagram).toContainText('203.0.113.1');
    await expect(s.traceTable).toContainText('203.0.113.10');
    await expect(s.iptables).toContainText('--to-source 203.0.113.10');
  });

  test('locates an invalid edit in the full editor and keeps the last trace, marked out of date', async ({ page }) => {
    // Monaco is ~1 MB of gzip JS to load and parse; on a busy 2-core machine that alone can take half a minute.
    test.setTimeout(120_000);
    const s = await openSnatChapter(page);
    await s.openEditor.click();
    const editor = page.locator('.monaco-editor').first();
    await expect(editor).toBeVisible({ timeout: 20_000 });

    await replaceInMonaco(page, '10.100.100.162', '10.100.100.999');

    await expect(s.errors).toBeVisible();
    await expect(s.errors).toContainText('10.100.100.999');
    await expect(s.staleTrace).toHaveCount(1);
    await expect(s.traceTable).toContainText('10.100.100.162');
    // The marker sits on the line the reader broke.
    const badLine = editor.locator('.view-line', { hasText: '10.100.100.999' });
    await expect(editor.locator('.squiggly-error').first()).toBeVisible();
    const lineTop = await badLine.evaluate((el) => el.getBoundingClientRect().top);
    const markerTops = await editor
      .locator('.squiggly-error')
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().top));
    expect(
      markerTops.some((top) => Math.abs(top - lineTop) < 4),
      `an error marker on the edited line (line at ${lineTop}, markers at ${markerTops.join(', ')})`,
    ).toBe(true);

    // Fixing it brings the trace back up to date.
    await replaceInMonaco(page, '10.100.100.999', '10.100.100.171');
    await expect(s.staleTrace).toHaveCount(0);
    await expect(s.traceTable).toContainText('10.100.100.171');
    await expect(s.field('Shared SNAT address')).toHaveValue('10.100.100.171');
  });

  test('keeps the reader’s edit across a reload, and forgets it on “Reset to the chapter’s example”', async ({
    page,
  }) => {
    let s = await openSnatChapter(page);
    await s.field('Shared SNAT address').fill('10.100.100.172');
    await expect(s.traceTable).toContainText('10.100.100.172');

    await page.reload();
    s = sandbox(page);
    await expect(s.field('Shared SNAT address')).toHaveValue('10.100.100.172');
    await expect(s.traceTable).toContainText('10.100.100.172');

    await s.reset.click();
    await expect(s.field('Shared SNAT address')).toHaveValue('10.100.100.162');
    await expect(s.traceTable).toContainText('10.100.100.162');
    await page.reload();
    await expect(sandbox(page).field('Shared SNAT address')).toHaveValue('10.100.100.162');
  });

  test('keeps an invalid edit and its error across a reload', async ({ page }) => {
    let s = await openSnatChapter(page);
    await s.field('App network').fill('10.20.30.0/24');
    await expect(s.errors).toContainText('192.168.200.6');

    await page.reload();
    s = sandbox(page);
    await expect(s.errors).toContainText('192.168.200.6');
    await expect(s.field('App network')).toHaveValue('10.20.30.0/24');
    await expect(s.traceTable).toBeVisible();
  });

  test('shares a link that opens exactly the reader’s scenario in a fresh browser', async ({
    page,
    context,
    browser,
    baseURL,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL!).origin });
    const s = await openSnatChapter(page);
    await s.field('Shared SNAT address').fill('10.100.100.173');
    await expect(s.traceTable).toContainText('10.100.100.173');
    await s.share.click();
    await expect(s.shareLink).toHaveValue(/#/);
    const link = await s.shareLink.inputValue();
    // The same link went to the clipboard.
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    expect(new URL(link).origin).toBe(new URL(baseURL!).origin);

    // A fresh context has no saved state: what it shows comes from the link alone.
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    const errors: string[] = [];
    otherPage.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await otherPage.goto(link);
    const t = sandbox(otherPage);
    await expect(t.field('Shared SNAT address')).toHaveValue('10.100.100.173');
    await expect(t.traceTable).toContainText('10.100.100.173');
    await expect(t.iptables).toContainText('--to-source 10.100.100.173');
    expect(errors).toEqual([]);
    await other.close();
  });
});

/** Replaces text in the Monaco editor with its find widget and the keyboard, as a reader would (no access to Monaco's API). */
async function replaceInMonaco(page: import('@playwright/test').Page, from: string, to: string): Promise<void> {
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+F');
  const find = page.locator('.monaco-editor .find-widget textarea, .monaco-editor .find-widget input').first();
  await expect(find).toBeFocused();
  await page.keyboard.insertText(from);
  // Find-as-you-type selects the first match; closing the widget leaves it selected in the editor.
  await expect(page.locator('.monaco-editor .find-widget .matchesCount').first()).toHaveText(/^1 of \d+$/);
  await page.keyboard.press('Escape');
  await page.keyboard.insertText(to);
}
