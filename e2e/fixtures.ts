/** The `test` every spec uses: it fails a test on any console error, page error, Content-Security-Policy violation, or request that leaves the preview origin. */
import { readdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page, type Locator } from '@playwright/test';

/** What a page did that a reader should never see: console errors, uncaught exceptions, requests to other servers. */
export interface PageGuards {
  consoleErrors: string[];
  externalRequests: string[];
}

/** Schemes that never touch the network, so they do not count as leaving the origin. */
const LOCAL_SCHEMES = ['data:', 'blob:', 'about:'];

export const test = base.extend<{ guards: PageGuards }>({
  guards: [
    async ({ context, baseURL }, use) => {
      const origin = new URL(baseURL ?? 'http://127.0.0.1/').origin;
      const guards: PageGuards = { consoleErrors: [], externalRequests: [] };
      // Every request from every page of the context goes through here; anything not for the
      // preview server is recorded and refused, so the site can never phone home, even by accident.
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (new URL(url).origin === origin || LOCAL_SCHEMES.some((s) => url.startsWith(s))) return route.continue();
        guards.externalRequests.push(url);
        return route.abort('blockedbyclient');
      });
      // Chromium logs most policy violations itself; this makes every one in a page a console error.
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) =>
          console.error(
            `CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
          ),
        );
      });
      for (const page of context.pages()) watchPage(page, guards);
      context.on('page', (page) => watchPage(page, guards));
      await use(guards);
      expect(guards.externalRequests, 'requests that left the origin').toEqual([]);
      expect(guards.consoleErrors, 'console errors and uncaught exceptions').toEqual([]);
    },
    { auto: true },
  ],
});

function watchPage(page: Page, guards: PageGuards): void {
  page.on('console', (message) => {
    if (message.type() === 'error') guards.consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => guards.consoleErrors.push(`uncaught: ${error.message}`));
}

export { expect };

/** The chapter's DOM hooks, agreed with the components (see src/components and src/islands). */
export function sandbox(page: Page) {
  const traceTable = page.locator('table[data-testid="trace-table"]').first();
  const hostViews = page.locator('pre[data-testid="host-view"]');
  return {
    traceTable,
    /** The trace table, whether it or its container carries the out-of-date marker. */
    staleTrace: page.locator(
      '[data-stale="true"] table[data-testid="trace-table"], table[data-testid="trace-table"][data-stale="true"]',
    ),
    /** The trace rows that are a tunnel crossing. */
    tunnelRows: traceTable.locator('tbody tr', { has: page.locator('td.col-where', { hasText: /^\s*tunnel\s*$/ }) }),
    diagram: page.locator('svg[data-testid="diagram"]').first(),
    staleDiagram: page.locator(
      '[data-stale="true"] svg[data-testid="diagram"], svg[data-testid="diagram"][data-stale="true"]',
    ),
    errors: page.locator('[data-testid="sandbox-errors"]').first(),
    /** `ip rule` in compute1's qrouter namespace. */
    ipRule: hostViews.filter({ hasText: 'lookup' }).first(),
    /** `iptables -t nat -S` in the network node's snat namespace. */
    iptables: hostViews.filter({ hasText: '-j SNAT' }).first(),
    /** `ovs-ofctl dump-flows br-tun` on compute1. */
    brTun: hostViews.filter({ hasText: 'set_tunnel' }).first(),
    field: (label: string): Locator => page.getByLabel(label, { exact: true }),
    openEditor: page.getByRole('button', { name: 'Open the full editor' }),
    share: page.getByRole('button', { name: 'Share', exact: true }),
    reset: page.getByRole('button', { name: /^Reset to the chapter[’']s example$/ }),
    /** The link "Share" made, also shown in a read-only field for readers without clipboard access. */
    shareLink: page.getByLabel('Link to this scenario'),
  };
}

/** The chapter under test, relative to the site's base path. */
export const SNAT_CHAPTER = 'snat/';

/**
 * Opens a chapter and waits until its sandbox has run the simulator in the browser: the form field is
 * editable and shows the example's value (or any value when none is given).
 */
export async function openSandbox(
  page: Page,
  path: string,
  field: string,
  value?: string,
): Promise<ReturnType<typeof sandbox>> {
  await page.goto(path);
  const s = sandbox(page);
  await expect(s.field(field)).toBeEditable();
  if (value === undefined) await expect(s.field(field)).not.toHaveValue('');
  else await expect(s.field(field)).toHaveValue(value);
  return s;
}

/** Opens the SNAT chapter (or a path to it, with a share link) once its sandbox has run. */
export function openSnatChapter(page: Page, path = SNAT_CHAPTER): Promise<ReturnType<typeof sandbox>> {
  return openSandbox(page, path, 'Shared SNAT address');
}

/** Every page of the course, relative to the base path: the landing page, then each chapter in `content/` by name. */
export const COURSE_PAGES: ReadonlyArray<{ name: string; path: string }> = [
  { name: 'landing page', path: './' },
  ...readdirSync(new URL('../content/', import.meta.url))
    .filter((file) => /\.mdx?$/.test(file) && !file.startsWith('index.'))
    .map((file) => file.replace(/\.mdx?$/, ''))
    .sort()
    .map((slug) => ({ name: `${slug} chapter`, path: `${slug}/` })),
];

/** The chapters alone (every course page but the landing page). */
export const CHAPTER_PAGES = COURSE_PAGES.slice(1);

/** Presses Tab until the target has focus; fails after `limit` presses. Returns how many it took. */
export async function tabUntil(page: Page, target: Locator, limit = 800): Promise<number> {
  for (let i = 1; i <= limit; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return i;
  }
  throw new Error(`not reached within ${limit} Tab presses on ${page.url()}`);
}

/** axe's findings on the page, one line each (rule, impact, count, first element), optionally for some rules only. */
export async function axeViolations(page: Page, rules?: string[]): Promise<string[]> {
  // Starlight's own search button: its accessible name "Search" omits the visible "Ctrl K" hint. Not ours to fix.
  let builder = new AxeBuilder({ page }).exclude('site-search button[data-open-modal]');
  if (rules) builder = builder.withRules(rules);
  const results = await builder.analyze();
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')}`);
}

/** 192.168.200.1 -> 3232286721: the table id the L3 agent derives from a qr- port's address (l3_agent.py `_snat_redirect_add`: the table is the qr- address as an integer). */
export function ipToInt(ip: string): number {
  return ip.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
}
