/** Chapter 7 as a reader uses it: configuration files per node, the troubleshooting walk, a form edit and the exercises. */
import type { Page } from '@playwright/test';
import { test, expect, openSandbox } from './fixtures';

const CHAPTER = 'configuration/';

/** Opens the chapter once its sandbox has run (the form shows the example's compute1 tunnel address). */
const openChapter = (page: Page) => openSandbox(page, CHAPTER, 'compute1 tunnel address', '172.16.0.21');

test.describe('The configuration and troubleshooting chapter', () => {
  test('shows compute1’s files and switches to the network node’s', async ({ page }) => {
    await openChapter(page);
    const files = page.getByTestId('config-files');
    const visible = files.locator('section[data-host]:visible');
    await expect(visible).toHaveCount(1);
    await expect(visible).toContainText('/etc/neutron/l3_agent.ini');
    await expect(visible).toContainText('agent_mode = dvr');
    await expect(visible).toContainText('local_ip = 172.16.0.21');
    await files.getByLabel('Node', { exact: true }).selectOption('network');
    await expect(visible).toContainText('agent_mode = dvr_snat');
    await expect(visible).toContainText('router_distributed = True');
  });

  test('walks the troubleshooting commands with the deciding line highlighted, and rewrites them for the inbound packet', async ({
    page,
  }) => {
    const s = await openChapter(page);
    const walk = page.getByTestId('troubleshoot');
    await expect(walk.locator('mark', { hasText: 'from 192.168.200.1/24 lookup 3232286721' })).toHaveCount(1);
    await expect(walk.locator('.dvr-ts-look', { hasText: '-j SNAT --to-source 10.100.100.162' }).first()).toBeVisible();
    await expect(walk).toContainText('ip netns exec qrouter-');

    await page.getByLabel('Packets this chapter follows').selectOption({ label: "Inbound to VM4's floating IP" });
    await expect(s.traceTable).toContainText('10.100.100.170');
    await expect(walk).toContainText('8.8.8.8 → 10.100.100.170');
    await expect(
      walk.locator('.dvr-ts-look', { hasText: 'DNAT --to-destination 192.168.200.8' }).first(),
    ).toBeVisible();
    await expect(walk).toContainText('ip netns exec fip-');
  });

  test('follows a new tunnel address typed in the form: local_ip, the trace and the troubleshooting walk, solving the exercise', async ({
    page,
  }) => {
    const s = await openChapter(page);
    await s.field('compute1 tunnel address').fill('172.16.0.31');
    await expect(s.errors).toBeHidden();
    await expect(s.traceTable).toContainText('vxlan-ac10001f');
    await expect(page.getByTestId('config-files').locator('section[data-host]:visible')).toContainText(
      'local_ip = 172.16.0.31',
    );
    await expect(
      page.getByTestId('troubleshoot').locator('.dvr-ts-look', { hasText: 'in_port=vxlan-ac10001f' }).first(),
    ).toBeVisible();
    await expect(s.staleDiagram).toHaveCount(0);
    await expect(s.diagram).toContainText('172.16.0.31');
    await expect(page.locator('dvr-exercise[data-id="ch7-tunnel-ip"]').getByTestId('exercise-status')).toHaveText(
      'Solved ✓',
    );

    const table = page.locator('dvr-exercise[data-id="ch7-snat-table"]');
    await table.getByLabel('3232286721').check();
    await table.getByRole('button', { name: 'Check' }).click();
    await expect(table.getByTestId('exercise-status')).toHaveText('Solved ✓');
    await expect(page.getByText('Exercises on this page: 2 of 5 solved')).toBeVisible();

    await page.reload();
    await expect(page.getByText('Exercises on this page: 2 of 5 solved')).toBeVisible();
    await expect(s.field('compute1 tunnel address')).toHaveValue('172.16.0.31');
  });

  test('shows every node’s files and the walk without JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(CHAPTER);
    const files = page.getByTestId('config-files');
    await expect(files.locator('section[data-host]')).toHaveCount(3);
    await expect(files.locator('section[data-host="network"]')).toBeVisible();
    await expect(page.getByTestId('troubleshoot').locator('.dvr-ts-look').first()).toBeVisible();
    await context.close();
  });
});
