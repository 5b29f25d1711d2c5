/** The host console as a reader uses it: by keyboard, with history, Tab completion, and answers that follow the sandbox. */
import type { Page } from '@playwright/test';
import { test, expect, openSandbox, axeViolations } from './fixtures';

const SNAT = 'snat/';

/** The chapter's console, its input and its log. */
function consoleOf(page: Page) {
  const root = page.getByTestId('console');
  return {
    root,
    host: root.getByLabel('Host'),
    input: root.getByRole('textbox', { name: /Command to run on/ }),
    log: root.getByRole('log'),
    entries: root.locator('.dvr-console-entry'),
  };
}

/** Types a line and presses Enter, as a reader does. */
async function run(page: Page, line: string): Promise<void> {
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

test.describe('The host console', () => {
  test('answers ip netns and help typed by keyboard, and recalls lines with the arrow keys', async ({ page }) => {
    // Two whole-page axe sweeps: on a loaded 2-core machine they can outlast the default timeout.
    test.slow();
    await page.goto(SNAT);
    const c = consoleOf(page);
    await c.host.focus();
    // The host, the output log (scrollable, so focusable), then the command line.
    await page.keyboard.press('Tab');
    await expect(c.log).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(c.input).toBeFocused();
    await expect(c.input).toHaveAccessibleName('Command to run on compute1');
    await run(page, 'ip netns');
    await expect(c.entries.last()).toContainText(/root@compute1:~# ip netns\s*qrouter-[0-9a-f-]{36}/);
    await run(page, 'ipp route');
    await expect(c.entries.last()).toContainText('Did you mean "ip"?');
    await page.keyboard.press('ArrowUp');
    await expect(c.input).toHaveValue('ipp route');
    await page.keyboard.press('ArrowUp');
    await expect(c.input).toHaveValue('ip netns');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(c.input).toHaveValue('');
    // With answers in the log, in both themes, the page still passes axe.
    expect(await axeViolations(page)).toEqual([]);
    await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
    expect(await axeViolations(page)).toEqual([]);
  });

  test('Tab typed before the simulator has loaded completes once it has, and keeps the focus', async ({ page }) => {
    await page.goto(SNAT);
    await page.waitForLoadState('load');
    // Every script loaded from now on (the simulator, on the first focus) arrives a second late.
    await page.route('**/_astro/*.js', async (route) => {
      await new Promise((done) => setTimeout(done, 1000));
      await route.continue();
    });
    const c = consoleOf(page);
    await c.input.focus();
    await page.keyboard.type('ip netns exec q');
    await page.keyboard.press('Tab');
    await expect(c.input).toBeFocused();
    await expect(c.input).toHaveValue(/^ip netns exec qrouter-[0-9a-f-]{36} $/);
  });

  test('completes a namespace and a device with Tab, and Tab on an empty line moves focus on', async ({ page }) => {
    await page.goto(SNAT);
    const c = consoleOf(page);
    await c.input.focus();
    await page.keyboard.type('ip netns exec q');
    await page.keyboard.press('Tab');
    await expect(c.input).toHaveValue(/^ip netns exec qrouter-[0-9a-f-]{36} $/);
    await page.keyboard.type('ip route get 8.8.8.8 from 192.168.200.6 iif q');
    await page.keyboard.press('Tab');
    await expect(c.input).toHaveValue(/iif qr-30672f2c-e6 $/);
    await page.keyboard.press('Enter');
    await expect(c.entries.last().locator('pre')).toHaveText(
      /^8\.8\.8\.8 from 192\.168\.200\.6 via 192\.168\.200\.3 dev qr-30672f2c-e6 table 3232286721/,
    );
    await page.keyboard.type('ovs-');
    await page.keyboard.press('Tab');
    await expect(c.entries.last()).toContainText('ovs-appctl  ovs-ofctl  ovs-vsctl');
    await c.input.fill('');
    await page.keyboard.press('Tab');
    await expect(c.input).not.toBeFocused();
  });

  test('answers from the edited scenario: a new shared SNAT address shows in the snat namespace', async ({ page }) => {
    const s = await openSandbox(page, SNAT, 'Shared SNAT address');
    const c = consoleOf(page);
    await c.host.selectOption('network');
    await expect(c.input).toHaveAccessibleName('Command to run on network');
    await c.input.focus();
    await page.keyboard.type('ip netns exec sn');
    await page.keyboard.press('Tab');
    await run(page, 'iptables -t nat -S');
    await expect(c.entries.last()).toContainText('-j SNAT --to-source 10.100.100.162');
    await s.field('Shared SNAT address').fill('10.100.100.170');
    await expect(s.traceTable).toContainText('10.100.100.170');
    await c.input.focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect(c.entries.last()).toContainText('-j SNAT --to-source 10.100.100.170');
    await expect(c.entries.last()).not.toContainText('10.100.100.162');
  });

  test('keeps long output inside its own box on a 390 px phone', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(SNAT);
    const c = consoleOf(page);
    await c.input.focus();
    await run(page, 'neutron agent-list');
    await expect(c.entries.last()).toContainText('neutron-openvswitch-agent');
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      view: document.documentElement.clientWidth,
    }));
    expect(widths.page).toBeLessThanOrEqual(widths.view);
    const log = await c.log.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(log.scroll).toBeGreaterThan(log.client);
  });
});
