/** Chapter 4 as a reader uses it: a floating IP translated on the compute node, a form edit, the address budget and the exercises. */
import type { Page } from '@playwright/test';
import { test, expect, openSandbox } from './fixtures';

const CHAPTER = 'floating-ips/';

/** Opens the chapter once its sandbox has run (the form shows the example's VM1 floating IP). */
const openChapter = (page: Page) => openSandbox(page, CHAPTER, 'VM1 floating IP', '203.0.113.10');

/** A host view by the text its command prints. */
function hostView(page: Page, text: string) {
  return page.locator('pre[data-testid="host-view"]').filter({ hasText: text }).first();
}

test.describe('The floating IPs chapter', () => {
  test('shows VM1’s packet leaving compute1 through its fip namespace with 203.0.113.10, without the network node', async ({
    page,
  }) => {
    const s = await openChapter(page);
    await expect(s.traceTable).toContainText('fip-');
    await expect(s.traceTable).toContainText('rfp-');
    await expect(s.traceTable).toContainText('203.0.113.10');
    await expect(s.traceTable.locator('td.col-host', { hasText: /^network$/ })).toHaveCount(0);
    await expect(hostView(page, 'lookup 16')).toContainText('32768:\tfrom 192.168.200.5 lookup 16');
    await expect(hostView(page, 'inet 169.254.30.0/31')).toContainText('rfp-');
    await expect(s.diagram).toBeVisible();
    await expect(page.getByText('Exercises on this page: 0 of 6 solved')).toBeVisible();
    await expect(page.getByTestId('budget-status')).toHaveText('10 of the 14 usable addresses of the /28 are free.');
  });

  test('follows a new floating IP typed in the form: trace, DNAT rule, fip route and diagram', async ({ page }) => {
    const s = await openChapter(page);
    await s.field('VM1 floating IP').fill('203.0.113.12');
    await expect(s.errors).toBeHidden();
    await expect(s.traceTable).toContainText('203.0.113.12');
    await expect(s.traceTable).not.toContainText('203.0.113.10');
    await expect(hostView(page, '-j DNAT')).toContainText(
      '-A neutron-l3-agent-PREROUTING -d 203.0.113.12/32 -j DNAT --to-destination 192.168.200.5',
    );
    await expect(hostView(page, 'via 169.254.30.0 dev fpr-')).toContainText('203.0.113.12 via 169.254.30.0 dev fpr-');
    await expect(s.staleDiagram).toHaveCount(0);
    await expect(s.diagram).toBeVisible();
  });

  test('refuses a floating IP outside the /28 and keeps the last trace, marked out of date', async ({ page }) => {
    const s = await openChapter(page);
    await s.field('VM1 floating IP').fill('203.0.113.20');
    await expect(s.errors).toContainText('outside subnet 203.0.113.0/28');
    await expect(s.staleTrace).toHaveCount(1);
    await expect(s.traceTable).toContainText('203.0.113.10');
  });

  test('solves “Give VM2 a floating IP” and “Who answers ARP”, and keeps the progress across a reload', async ({
    page,
  }) => {
    const s = await openChapter(page);
    const give = page.locator('dvr-exercise[data-id="ch4-fip-vm2"]');
    await give.getByRole('button', { name: 'Show solution' }).click();
    await expect(give.getByTestId('exercise-status')).toHaveText('Solved ✓');
    // VM2's floating IP and compute2's fg- port: two more public addresses.
    await expect(page.getByTestId('budget-status')).toHaveText('8 of the 14 usable addresses of the /28 are free.');

    await page
      .getByLabel('Packets this chapter follows')
      .selectOption({ label: 'The VM without a floating IP still uses SNAT' });
    await expect(s.traceTable).toContainText('203.0.113.11');
    await expect(s.traceTable.locator('td.col-host', { hasText: /^network$/ })).toHaveCount(0);

    const arp = page.locator('dvr-exercise[data-id="ch4-fip-arp"]');
    await arp.getByRole('button', { name: 'Reset the sandbox' }).click();
    await arp.getByLabel('compute1').check();
    await arp.getByRole('button', { name: 'Check' }).click();
    await expect(arp.getByTestId('exercise-status')).toHaveText('Solved ✓');
    await expect(page.getByText('Exercises on this page: 2 of 6 solved')).toBeVisible();

    await page.reload();
    await expect(page.getByText('Exercises on this page: 2 of 6 solved')).toBeVisible();
    await expect(page.locator('dvr-exercise[data-id="ch4-fip-vm2"]').getByTestId('exercise-status')).toContainText(
      'Solved earlier',
    );
  });

  test('shows VM1’s security group chains on the host and solves “Let the internet ping VM2” with its solution', async ({
    page,
  }) => {
    const s = await openChapter(page);
    const table = hostView(page, '-A neutron-openvswi-sg-fallback -j DROP');
    await expect(table).toContainText('-p icmp -j RETURN');
    await expect(table).toContainText('--physdev-is-bridged -j neutron-openvswi-sg-chain');
    const ping = page.locator('dvr-exercise[data-id="ch4-ping-vm2"]');
    await expect(ping.getByTestId('exercise-status')).not.toHaveText('Solved ✓');
    await ping.getByRole('button', { name: 'Show solution' }).click();
    await expect(ping.getByTestId('exercise-status')).toHaveText('Solved ✓');
    await expect(s.errors).toBeHidden();
    // VM2's floating IP also meets “Give VM2 a floating IP”, checked live on the same scenario.
    await expect(page.getByText('Exercises on this page: 2 of 6 solved')).toBeVisible();
  });
});
