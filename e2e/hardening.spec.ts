/** Hostile input and a hostile browser: the Content-Security-Policy, share links nobody should trust, storage that is full, refused or holding garbage. */
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { test, expect, openSandbox, openSnatChapter, sandbox, COURSE_PAGES, SNAT_CHAPTER } from './fixtures';

/** The SNAT chapter's example scenario, as the reader would type it. */
const SEED_TEXT = readFileSync(new URL('../sandbox-core/src/examples/snat-seed.json', import.meta.url), 'utf8');

/** A share link hash built the way the site builds them (deflate-raw, base64url), from any JSON value. */
function shareHash(value: unknown, version = '1'): string {
  return `#s=${version}.${deflateRawSync(Buffer.from(JSON.stringify(value))).toString('base64url')}`;
}

test.describe('The Content-Security-Policy', () => {
  for (const { path } of COURSE_PAGES) {
    test(`governs ${path === './' ? 'the landing page' : path} from the top of <head>, with no inline or eval scripts allowed`, async ({
      page,
    }) => {
      await page.goto(path);
      const { policy, firstInHead } = await page.evaluate(() => {
        const meta = document.querySelector('meta[http-equiv="content-security-policy"]');
        const first = document.head.querySelector(
          'script, link[rel="stylesheet"], style, meta[http-equiv="content-security-policy"]',
        );
        return { policy: meta?.getAttribute('content') ?? '', firstInHead: first === meta };
      });
      const directives = new Map(
        policy
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .map(([name, ...values]) => [name, values]),
      );
      expect(firstInHead, 'the policy comes before any script or stylesheet').toBe(true);
      // Exactly: this site, WebAssembly compilation (Pagefind), and inline scripts by hash. Nothing else.
      const scriptSrc = directives.get('script-src') ?? [];
      expect(scriptSrc.slice(0, 2)).toEqual(["'self'", "'wasm-unsafe-eval'"]);
      for (const source of scriptSrc.slice(2)) expect(source).toMatch(/^'sha256-[A-Za-z0-9+/]{43}='$/);
      expect(directives.get('object-src')).toEqual(["'none'"]);
      expect(directives.get('default-src')).toEqual(["'self'"]);
    });
  }

  test('stops script the page did not ship: an inline handler injected at run time does not run', async ({
    page,
    guards,
  }) => {
    await page.goto(SNAT_CHAPTER);
    const blocked = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          // Listen first, then inject: the policy's report is the proof the handler was refused.
          document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
          setTimeout(() => resolve('no violation reported within 5 s'), 5_000);
          const img = document.createElement('img');
          img.setAttribute('onerror', 'window.__pwned = 1');
          img.src = 'data:,not-an-image';
          document.body.append(img);
        }),
    );
    expect(blocked).toMatch(/^script-src/);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    // The refusal is this test's doing: every console error so far must be it, and only then is it forgiven.
    expect(guards.consoleErrors.length).toBeGreaterThan(0);
    for (const error of guards.consoleErrors) expect(error).toMatch(/script-src|inline event handler|CSP violation/);
    guards.consoleErrors.length = 0;
    test.info().annotations.push({ type: 'csp', description: `inline handler refused by ${blocked}` });
  });
});

test.describe('A share link nobody should trust', () => {
  const seed = JSON.parse(SEED_TEXT);
  const request = { from: 'VM3', to: '8.8.8.8', proto: 'icmp' };
  const cases: ReadonlyArray<readonly [string, string, RegExp]> = [
    ['oversized', `#s=1.${'A'.repeat(70_000)}`, /too long/],
    ['corrupt', '#s=1.bm90LWRlZmxhdGU', /corrupt or truncated/],
    ['truncated', shareHash({ text: SEED_TEXT, request }).slice(0, 60), /corrupt or truncated|not valid base64url/],
    ['of another format version', shareHash({ text: SEED_TEXT, request }, '9'), /format version "9"/],
    ['valid JSON of the wrong shape', shareHash({ scenario: seed, packet: 'VM3' }), /does not hold a scenario text/],
    [
      'a deflate bomb',
      `#s=1.${deflateRawSync(Buffer.alloc(5_000_000, 32)).toString('base64url')}`,
      /more than 1000000 bytes/,
    ],
  ];
  for (const [name, hash, message] of cases) {
    test(`${name}: says why and shows the chapter's example`, async ({ page }) => {
      const s = await openSnatChapter(page, SNAT_CHAPTER + hash);
      await expect(page.getByTestId('sandbox-status')).toContainText(message);
      await expect(page.getByTestId('sandbox-status')).toContainText('The sandbox is as it was before the link');
      await expect(s.field('Shared SNAT address')).toHaveValue('10.100.100.162');
      await expect(s.traceTable).toContainText('10.100.100.162');
    });
  }

  test('names full of markup are shown as text everywhere, never run or parsed as HTML', async ({ page }) => {
    const evil = '<img src=x onerror="window.__pwned=1"><b>VM3</b>';
    const scenario = {
      ...seed,
      vms: [{ ...seed.vms[0], name: evil }],
      hosts: seed.hosts.map((h: { name: string }) =>
        h.name === 'compute1' ? { ...h, name: '<script>window.__pwned=2</script>' } : h,
      ),
    };
    scenario.vms[0].host = '<script>window.__pwned=2</script>';
    const s = await openSnatChapter(
      page,
      SNAT_CHAPTER + shareHash({ text: JSON.stringify(scenario, null, 2), request: { ...request, from: evil } }),
    );
    await expect(s.traceTable).toContainText(evil);
    await expect(s.diagram).toContainText('<b>VM3</b>');
    expect(await page.locator('img[src="x"], b:text-is("VM3")').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  });
});

test.describe('Storage that does not cooperate', () => {
  /** Makes the browser's storage refuse the course's keys (Starlight's theme and sidebar keys are its own and left alone). */
  async function refuseCourseStorage(page: Page, error: 'QuotaExceededError' | 'SecurityError') {
    await page.addInitScript((name) => {
      // The real methods, called below with the storage object as `this`.
      // eslint-disable-next-line @typescript-eslint/unbound-method
      const { getItem, setItem } = Storage.prototype;
      Storage.prototype.setItem = function (key: string, value: string) {
        if (key.startsWith('dvr-lab:')) throw new DOMException('refused by the test', name);
        setItem.call(this, key, value);
      };
      Storage.prototype.getItem = function (key: string) {
        if (key.startsWith('dvr-lab:') && name === 'SecurityError') throw new DOMException('refused by the test', name);
        return getItem.call(this, key);
      };
    }, error);
  }

  test('full: the sandbox keeps working and says the edit could not be saved', async ({ page }) => {
    await refuseCourseStorage(page, 'QuotaExceededError');
    const s = await openSnatChapter(page);
    await s.field('Shared SNAT address').fill('10.100.100.170');
    await expect(s.traceTable).toContainText('10.100.100.170');
    await expect(page.getByTestId('sandbox-status')).toContainText('storage for this site is full');
  });

  test('disabled: the sandbox keeps working and says the edit will not outlast the page', async ({ page }) => {
    await refuseCourseStorage(page, 'SecurityError');
    const s = await openSnatChapter(page);
    await expect(page.getByTestId('sandbox-status')).toContainText('could not be read (storage is not available)');
    await s.field('Shared SNAT address').fill('10.100.100.171');
    await expect(s.traceTable).toContainText('10.100.100.171');
    await expect(page.getByTestId('sandbox-status')).toContainText('could not be saved (storage is not available)');
  });

  test('blocked altogether (reading localStorage throws): the page and the sandbox work, and it says nothing is saved', async ({
    page,
  }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        configurable: true,
        get() {
          throw new DOMException('Access is denied for this document.', 'SecurityError');
        },
      });
    });
    const s = await openSnatChapter(page);
    await s.field('Shared SNAT address').fill('10.100.100.169');
    await expect(s.traceTable).toContainText('10.100.100.169');
    await expect(page.getByTestId('sandbox-status')).toContainText('does not allow saving here');
    // Starlight's theme switch still works, without storage.
    await page.getByRole('combobox', { name: 'Select theme' }).first().selectOption('dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  });

  test('holding garbage: says the saved edit was damaged, shows the example, and saves over it', async ({ page }) => {
    await page.addInitScript(() => {
      if (sessionStorage.getItem('garbage-planted')) return;
      sessionStorage.setItem('garbage-planted', '1');
      localStorage.clear();
      localStorage.setItem('dvr-lab:sandbox:v1:/snat/:snat-seed', '{"text": 42, "request": "<b>');
      localStorage.setItem('dvr-lab:exercise:ch5-move-snat-address', '\u0000<img src=x onerror=alert(1)>');
    });
    const s = await openSnatChapter(page);
    await expect(page.getByTestId('sandbox-status')).toContainText('the stored data is damaged');
    await expect(s.field('Shared SNAT address')).toHaveValue('10.100.100.162');
    await expect(page.getByText('Exercises on this page: 0 of 4 solved')).toBeVisible();
    await s.field('Shared SNAT address').fill('10.100.100.172');
    await expect(s.traceTable).toContainText('10.100.100.172');
    await page.reload();
    await expect(s.field('Shared SNAT address')).toHaveValue('10.100.100.172');
  });
});

test.describe('Errors with a location, never an internal error', () => {
  test('a lone surrogate in a host name is refused at its pointer and line, not as an internal error at line 1', async ({
    page,
  }) => {
    // `"\ud800"` is valid JSON: an escape for half a character.
    const text = SEED_TEXT.replace('{ "name": "network",', '{ "name": "net\\ud800",');
    const s = await openSandbox(
      page,
      SNAT_CHAPTER + shareHash({ example: 'snat-seed', text, request: { from: 'VM3', to: '8.8.8.8' } }),
      'Shared SNAT address',
    );
    // Located once, by line and column (the host name has no form field), without the JSON pointer.
    await expect(s.errors).toContainText(/Line 5, column \d+:/);
    await expect(s.errors).not.toContainText('/hosts/0');
    await expect(s.errors).toContainText('contains a lone surrogate (U+D800) at character 4');
    await expect(s.errors).not.toContainText('internal');
  });

  test('a syntax error in text with CR-only line endings is reported on the line the editor shows', async ({
    page,
  }) => {
    const lines = SEED_TEXT.split('\n');
    lines[5] = lines[5].replace('}', '} ,,'); // line 6: a stray comma
    const text = lines.join('\r');
    await page.goto(SNAT_CHAPTER + shareHash({ example: 'snat-seed', text, request: { from: 'VM3', to: '8.8.8.8' } }));
    const s = sandbox(page);
    await expect(s.errors).toContainText(/Line 6, column \d+: Not valid JSON: /);
    await expect(s.errors).not.toContainText(/line 1, column/i);
  });
});
