/**
 * Notebook behaviours (issue 12): a form edit shows at once, a result line says what the run did, the prose
 * follows the scenario, and a typo in the editor loses nothing and is reported once.
 */
import { deflateRawSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { largeScenario } from '../scripts/large-scenario.mjs';
import { test, expect, axeViolations, openSnatChapter, sandbox } from './fixtures';

const resultLine = (page: Page) => page.getByTestId('result-line');
/** A value the prose binds, by what it binds (the first on the page). */
const val = (page: Page, of: string) => page.locator(`dvr-val[data-of="${of}"]`).first();

test('a form edit is in the trace table, the diagram and the result line before the next animation frame plus one', async ({
  page,
}) => {
  const s = await openSnatChapter(page);
  // The first edit loads the simulator and the drawing code; the edit measured is the next one.
  await s.field('Shared SNAT address').fill('10.100.100.165');
  await expect(s.traceTable).toContainText('10.100.100.165');
  const seen = await page.evaluate(() => {
    const input = [...document.querySelectorAll<HTMLInputElement>('dvr-sandbox input[data-pointer]')].find(
      (i) => i.dataset.pointer === '/routers/0/externalGateway/ip',
    )!;
    input.value = '10.100.100.171';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    const look = () => ({
      trace: document.querySelector('table[data-testid="trace-table"]')?.textContent?.includes('10.100.100.171'),
      diagram: document.querySelector('dvr-diagram')?.textContent?.includes('10.100.100.171'),
      line: document.querySelector('[data-testid="result-line"]')?.textContent?.includes('10.100.100.171'),
    });
    return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(look()))));
  });
  expect(seen).toEqual({ trace: true, diagram: true, line: true });
});

test('the result line says what the run did and what changed, or where the packet was dropped', async ({ page }) => {
  const s = await openSnatChapter(page);
  await expect(resultLine(page)).toHaveText('Delivered. VM3 → 8.8.8.8 leaves network with source 10.100.100.162.');
  await expect(resultLine(page)).toHaveAttribute('aria-live', 'polite');
  await s.field('Shared SNAT address').fill('10.100.100.170');
  await expect(resultLine(page)).toHaveText(
    'Delivered. VM3 → 8.8.8.8 leaves network with source 10.100.100.170 (was 10.100.100.162).',
  );
  await page.getByLabel('To (VM name or address)').fill('192.168.200.99');
  await expect(resultLine(page)).toContainText('Dropped. VM3 → 192.168.200.99 stops at hop');
});

test('values quoted in the prose follow an edit, marked as the reader’s, and go back on reset', async ({ page }) => {
  const s = await openSnatChapter(page);
  const snatIp = val(page, '/routers/0/externalGateway/ip');
  const table = val(page, 'ruleTable');
  const rule = val(page, 'natRule');
  await expect(snatIp).toHaveText('10.100.100.162');
  await expect(snatIp).not.toHaveAttribute('data-differs');

  await s.field('App network').fill('192.168.210.0/24');
  await s.field('VM3 address').fill('192.168.210.6');
  await s.field('Shared SNAT address').fill('10.100.100.170');
  await expect(table).toHaveText(/^3232289281 \(your scenario; the example has 3232286721\)$/);
  await expect(table).toHaveAttribute('data-differs', 'true');
  await expect(rule).toContainText('-A neutron-l3-agent-snat -s 192.168.210.0/24 -j SNAT --to-source 10.100.100.170');
  await expect(snatIp.locator('[data-role="value"]')).toHaveText('10.100.100.170');
  // A sentence the reader's scenario no longer bears out says so beside it.
  const claim = page.locator('dvr-claim', { hasText: 'matches every source address in App' });
  await expect(claim).toHaveAttribute('data-holds', 'false');
  await expect(claim).toContainText('not so in your scenario');
  expect(await axeViolations(page)).toEqual([]);

  await s.reset.click();
  await expect(table).toHaveText('3232286721');
  await expect(table).not.toHaveAttribute('data-differs');
  await expect(snatIp).toHaveText('10.100.100.162');
  await expect(claim).toHaveAttribute('data-holds', 'true');
  await expect(claim.locator('[data-role="note"]')).toBeHidden();
});

test('a typo in the editor keeps the form’s values in sight, stale, and reports the problem once with its line', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const s = await openSnatChapter(page);
  await s.field('Shared SNAT address').fill('10.100.100.170');
  await expect(s.traceTable).toContainText('10.100.100.170');
  await s.openEditor.click();
  const editor = page.getByRole('textbox', { name: /^Scenario JSON/ });
  await expect(editor).toBeFocused({ timeout: 60_000 });
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('x');

  const field = s.field('Shared SNAT address');
  await expect(s.errors).toBeVisible();
  await expect(field).toHaveValue('10.100.100.170');
  await expect(field).toHaveAttribute('data-stale', 'true');
  await expect(s.field('App network')).toHaveValue('192.168.200.0/24');
  await expect(page.locator('[data-role="form-note"]')).toBeVisible();
  const items = s.errors.locator('li');
  await expect(items).toHaveCount(1);
  await expect(items.first()).toHaveText(/^Line 1, column 1: Not valid JSON: /);
  await expect(page.locator('dvr-sandbox')).not.toContainText('JSON syntax error at line');
  await expect(resultLine(page)).toHaveText(/^Not run: the scenario has a problem/);

  // The stale field is still editable: its value is written once in the text, so the edit lands there.
  await field.fill('10.100.100.172');
  await expect(field).toHaveValue('10.100.100.172');
  await page.keyboard.press('Tab');
  await editor.focus();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Delete');
  await expect(s.errors).toBeHidden();
  await expect(field).not.toHaveAttribute('data-stale');
  await expect(s.traceTable).toContainText('10.100.100.172');
});

test('a form field’s problem is listed once, by the field’s label and without a JSON pointer; the field points to it', async ({
  page,
}) => {
  const s = await openSnatChapter(page);
  const field = s.field('Shared SNAT address');
  await field.fill('10.100.100.300');
  const items = s.errors.locator('li');
  await expect(items).toHaveCount(1);
  await expect(items.first()).toHaveText(/^Shared SNAT address: "10\.100\.100\.300" is not an IPv4 address/);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAttribute('aria-describedby', (await items.first().getAttribute('id')) ?? 'an id');
  const sandboxText = await page.locator('dvr-sandbox').first().innerText();
  expect(sandboxText.split('is not an IPv4 address').length - 1).toBe(1);
  expect(sandboxText).not.toContain('/routers/0');
  await expect(page.getByTestId('result-line')).toHaveText(/^Not run: the scenario has a problem/);
  expect(await axeViolations(page)).toEqual([]);
});

test('a shared 200-host cloud opens with its stages in the result line, then draws and follows an edit', async ({
  page,
}) => {
  test.slow();
  const { text, request } = largeScenario();
  const hash = `#s=1.${deflateRawSync(Buffer.from(JSON.stringify({ example: 'snat-seed', text, request }))).toString('base64url')}`;
  // Every text the result line shows, in order, however briefly.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __lines: string[] }).__lines = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="result-line"]')?.textContent ?? '';
      if (seen.at(-1) !== text) seen.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto(`snat/${hash}`);
  await expect(resultLine(page)).toHaveText(
    /^Delivered\. VM3 → 8\.8\.8\.8 leaves network with source 10\.100\.100\.162\./,
    {
      timeout: 30_000,
    },
  );
  await expect(resultLine(page)).not.toHaveAttribute('aria-busy');
  const lines = await page.evaluate(() => (window as unknown as { __lines: string[] }).__lines);
  const stages = lines.filter((l) => l.startsWith('Opening the shared scenario'));
  expect(stages).toEqual([
    'Opening the shared scenario: loading the simulator…',
    'Opening the shared scenario: reading it…',
    'Opening the shared scenario: building the hosts and tracing the packet…',
    'Opening the shared scenario: drawing…',
  ]);
  // The drawing is focused on the packet's hosts, and an edit of the cloud reaches the trace.
  await expect(page.locator('dvr-diagram details[data-role="omitted"]')).toBeVisible();
  await sandbox(page).field('Shared SNAT address').fill('10.100.100.170');
  await expect(resultLine(page)).toHaveText(
    'Delivered. VM3 → 8.8.8.8 leaves network with source 10.100.100.170 (was 10.100.100.162).',
    { timeout: 15_000 },
  );
});
