/** The free lab: every tool on any scenario, started from a chapter's example, the empty cloud, a file or a share link. */
import { test, expect, sandbox } from './fixtures';

const LAB = 'lab/';

test.describe('The free lab', () => {
  test('starts from another chapter’s example and from the empty cloud, with their packets, and traces them', async ({
    page,
  }) => {
    await page.goto(LAB);
    const s = sandbox(page);
    const from = page.getByLabel('From (VM name or address)');
    await expect(from).toHaveValue('VM3');
    // The free lab has no quick form of one example's addresses: any scenario may be loaded.
    await expect(page.getByText('Addresses in this scenario')).toHaveCount(0);
    const load = page.getByRole('button', { name: 'Load into the lab' });
    await expect(load).toBeEnabled();

    await page.getByLabel('Start from').selectOption('east-west');
    await load.click();
    await expect(from).toHaveValue('VM1');
    await expect(page.getByLabel('To (VM name or address)')).toHaveValue('VM2');
    await expect(page.getByTestId('lab-starter')).toContainText('tracing VM1 → VM2');
    await expect(s.traceTable).toContainText('compute2');
    await expect(s.staleTrace).toHaveCount(0);
    await expect(s.diagram).toContainText('VM2');
    // The console answers on the loaded scenario: east-west's three hosts.
    const consoleInput = page.getByTestId('console').getByRole('textbox', { name: /Command to run on/ });
    await consoleInput.focus();
    await page.keyboard.type('neutron agent-list');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('console').locator('.dvr-console-entry').last()).toContainText('compute2');

    await page.getByLabel('Start from').selectOption('empty-cloud');
    await load.click();
    await expect(from).toHaveValue('vm1');
    await expect(s.traceTable).toContainText('vm1');
    await expect(page.getByTestId('trace-container').locator('[data-role="verdict"]')).toHaveText(
      'The packet is delivered.',
    );
  });

  test('imports a scenario file, and its share link opens the lab with that scenario', async ({ page, context }) => {
    await page.goto(LAB);
    const s = sandbox(page);
    await expect(page.getByRole('button', { name: 'Load into the lab' })).toBeEnabled();
    const scenario = {
      version: 1,
      title: 'An instructor’s case',
      hosts: [
        { name: 'net-a', agentMode: 'dvr_snat' },
        { name: 'cn-7', agentMode: 'dvr' },
      ],
      networks: [
        { name: 'ext', external: true, subnet: { cidr: '198.51.100.0/28' } },
        { name: 'lab-net', subnet: { cidr: '10.9.0.0/24' } },
      ],
      routers: [{ name: 'r9', distributed: true, externalGateway: { network: 'ext' }, interfaces: ['lab-net'] }],
      vms: [{ name: 'VM3', host: 'cn-7', network: 'lab-net' }],
    };
    await page.getByLabel('Scenario file to import').setInputFiles({
      name: 'case.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(scenario)),
    });
    await expect(s.traceTable).toContainText('cn-7');
    await expect(s.traceTable).toContainText('net-a');

    await s.share.click();
    const link = await s.shareLink.inputValue();
    expect(new URL(link).pathname).toMatch(/\/lab\/$/);
    const other = await context.newPage();
    await other.goto(link);
    await expect(sandbox(other).traceTable).toContainText('cn-7');
    await other.close();
  });
});
