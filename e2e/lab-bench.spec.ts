/**
 * The lab bench as a reader sees it, on a desk (1,280 and 1,440 px) and on a phone (390 px), in both themes, on every
 * chapter with a lab: nothing in a lab cell overflows its box, no two labels of the drawing collide and no line or
 * packet marker runs over a label, a chosen trace row brings the drawing into view, and a screenshot of each is
 * attached to the test report.
 */
import type { Page, TestInfo } from '@playwright/test';
import { test, expect, CHAPTER_PAGES, SNAT_CHAPTER } from './fixtures';

const WIDTHS = [1280, 1440, 390] as const;
const THEMES = ['light', 'dark'] as const;

/** Opens a chapter at a width and theme, with reduced motion so the packet marker jumps (its position is final at once). */
async function openAt(page: Page, path: string, width: number, theme: (typeof THEMES)[number]): Promise<void> {
  await page.setViewportSize({ width, height: width < 600 ? 844 : 800 });
  await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
  await page.addInitScript((t) => {
    try {
      localStorage.setItem('starlight-theme', t);
    } catch {
      // storage blocked: the colour scheme above still picks the theme
    }
  }, theme);
  await page.goto(path);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

/** Lab cells (and the host views) whose content is wider than their box, or whose box leaves the screen. */
async function overflowingCells(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const vw = document.documentElement.clientWidth;
    const cells = document.querySelectorAll<HTMLElement>(
      '.dvr-lab-cell, .dvr-lab-cell table, .dvr-lab-cell [data-role="canvas"], .dvr-inspector, .dvr-host-view figure',
    );
    for (const el of cells) {
      const r = el.getBoundingClientRect();
      if (r.width === 0) continue;
      const name = `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`;
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'auto')
        out.push(`${name}: content ${el.scrollWidth}px in a ${el.clientWidth}px box`);
      if (r.right > vw + 0.5 || r.left < -0.5)
        out.push(`${name}: ${Math.round(r.left)}–${Math.round(r.right)} of ${vw}px`);
    }
    if (document.documentElement.scrollWidth > vw)
      out.push(`the page scrolls sideways (${document.documentElement.scrollWidth}px)`);
    return out;
  });
}

/**
 * Collisions in the drawing, for every hop the packet marker can sit on: two labels whose boxes intersect, a line
 * (wiring, request or reply path) that passes through a label, or the marker over a label. Lines are sampled
 * along their length, not by their bounding boxes, so a curve beside a label does not count as crossing it.
 */
async function diagramCollisions(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const host = document.querySelector<HTMLElement>('dvr-diagram')!;
    const svg = host.querySelector<SVGSVGElement>('svg[data-testid="diagram"]')!;
    // Measured again at each hop: what shows around the drawing may move it on the page.
    const measure = () =>
      [...svg.querySelectorAll<SVGTextElement>('text')]
        .filter((t) => (t.textContent ?? '').trim() !== '')
        .map((t) => ({ text: (t.textContent ?? '').trim(), r: t.getBoundingClientRect() }));
    const labels = measure();
    const shrink = 0.5;
    const hit = (a: DOMRect, b: DOMRect) =>
      a.left + shrink < b.right - shrink &&
      b.left + shrink < a.right - shrink &&
      a.top + shrink < b.bottom - shrink &&
      b.top + shrink < a.bottom - shrink;
    const out: string[] = [];
    labels.forEach((a, i) =>
      labels.slice(i + 1).forEach((b) => {
        if (hit(a.r, b.r)) out.push(`label "${a.text}" overlaps label "${b.text}"`);
      }),
    );
    const ctm = svg.getScreenCTM()!;
    for (const path of svg.querySelectorAll<SVGPathElement>('.dvr-link, .dvr-packet-path, .dvr-reply-path')) {
      if (!path.getAttribute('d')) continue;
      const length = path.getTotalLength();
      for (let at = 0; at <= length; at += 2) {
        const p = path.getPointAtLength(at).matrixTransform(ctm);
        const on = labels.find(
          (l) => p.x > l.r.left + 1 && p.x < l.r.right - 1 && p.y > l.r.top + 1 && p.y < l.r.bottom - 1,
        );
        if (on) {
          out.push(`${path.getAttribute('class')} ${path.dataset.link ?? ''} crosses label "${on.text}"`);
          break;
        }
      }
    }
    const jump = host.querySelector<HTMLSelectElement>('select[data-role="jump"]')!;
    const marker = svg.querySelector<SVGCircleElement>('.dvr-packet')!;
    for (let hop = 0; hop < jump.options.length - 1; hop++) {
      jump.value = String(hop);
      jump.dispatchEvent(new Event('change', { bubbles: true }));
      // The first step loads the drawing code: wait for the marker to show.
      for (let tries = 0; marker.getAttribute('visibility') !== 'visible' && tries < 100; tries++)
        await new Promise((resolve) => setTimeout(resolve, 50));
      const m = marker.getBoundingClientRect();
      const on = measure().find((l) => hit(m, l.r));
      if (on)
        out.push(
          `the packet marker at hop ${hop + 1} covers label "${on.text}" (${[m.left, m.top, on.r.left, on.r.top].map(Math.round).join(',')})`,
        );
    }
    return [...new Set(out)];
  });
}

async function attachShot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await testInfo.attach(name, { body: await page.screenshot(), contentType: 'image/png' });
}

for (const { name, path } of CHAPTER_PAGES) {
  for (const width of WIDTHS) {
    for (const theme of THEMES) {
      test(`${name} at ${width}px, ${theme}: the lab fits its boxes and its drawing has no collisions`, async ({
        page,
      }, testInfo) => {
        await openAt(page, path, width, theme);
        const diagram = page.locator('dvr-diagram').first();
        if ((await diagram.count()) === 0) {
          expect(await overflowingCells(page)).toEqual([]);
          return;
        }
        if (width < 600)
          await expect(diagram.locator('svg[data-testid="diagram"]')).toHaveAttribute('data-arrangement', 'stacked');
        expect(await diagramCollisions(page)).toEqual([]);
        await diagram.scrollIntoViewIfNeeded();
        expect(await overflowingCells(page)).toEqual([]);
        await attachShot(page, testInfo, `${name}-${width}-${theme}-lab.png`);
        const table = page.locator('table[data-testid="trace-table"]').first();
        if ((await table.count()) > 0) {
          // Choosing a row far down the page brings the drawing and its inspector back into view, showing that hop.
          const row = table.locator('tr[data-hop]').nth(2);
          await row.scrollIntoViewIfNeeded();
          await attachShot(page, testInfo, `${name}-${width}-${theme}-trace.png`);
          await row.locator('button').click();
          await expect(diagram.locator('svg[data-testid="diagram"]')).toBeInViewport({ ratio: 0.3 });
          await expect(diagram.locator('[data-role="inspector"]')).toHaveAttribute('data-hop', '2');
          await attachShot(page, testInfo, `${name}-${width}-${theme}-chosen.png`);
        }
      });
    }
  }
}

for (const width of WIDTHS) {
  test(`at ${width}px the SNAT hop's rule and rewritten source are readable without scrolling sideways`, async ({
    page,
  }) => {
    await openAt(page, SNAT_CHAPTER, width, 'light');
    const table = page.locator('table[data-testid="trace-table"]').first();
    const row = table.locator('tr[data-hop]', { has: page.locator('mark', { hasText: '10.100.100.162' }) }).first();
    const hop = await row.getAttribute('data-hop');
    const rule = table.locator(`tr[data-under="${hop}"]`);
    await row.scrollIntoViewIfNeeded();
    const vw = width;
    for (const part of [
      row.locator('mark', { hasText: '10.100.100.162' }),
      rule.getByText('--to-source 10.100.100.162', { exact: false }),
    ]) {
      await expect(part).toBeVisible();
      const r = (await part.boundingBox())!;
      expect(r.x).toBeGreaterThanOrEqual(0);
      expect(r.x + r.width).toBeLessThanOrEqual(vw);
    }
    await expect(rule).toContainText('-A neutron-l3-agent-snat -s 192.168.200.0/24 -j SNAT --to-source 10.100.100.162');
    // The same hop in the inspector: the rule in full, the source before and after, why, and the command.
    await row.locator('button').click();
    const inspector = page.locator('[data-role="inspector"]').first();
    await expect(inspector).toBeInViewport({ ratio: 0.2 });
    await expect(inspector).toContainText(
      '-A neutron-l3-agent-snat -s 192.168.200.0/24 -j SNAT --to-source 10.100.100.162',
    );
    await expect(inspector.locator('li[data-changed="true"]', { hasText: 'ip src' })).toHaveText(
      'ip src 192.168.200.6 → 10.100.100.162 (SNAT)',
    );
    await expect(inspector).toContainText(/ip netns exec snat-[0-9a-f-]{36} iptables -t nat -S/);
    await expect(page.locator('[data-role="packet-line"]').first()).toContainText(
      'changed here: ip src 192.168.200.6 → 10.100.100.162 (SNAT)',
    );
  });
}

test('the reply’s rows say "reply" in their buttons’ names, so two "step 19" buttons are told apart', async ({
  page,
}) => {
  await page.goto(SNAT_CHAPTER);
  await expect(page.getByRole('button', { name: /^Show step 19 \(/ })).toHaveCount(1);
  await expect(page.getByRole('button', { name: /^Show reply step 19 \(/, includeHidden: true })).toHaveCount(1);
});

test('on a wide screen a chapter with a lab keeps "On this page" as a control above the text; a page without keeps its column', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(SNAT_CHAPTER);
  const toggle = page.locator('mobile-starlight-toc summary');
  await expect(toggle).toBeVisible();
  await expect(page.locator('.right-sidebar-panel')).toBeHidden();
  // The lab cells take the width the column left: wider than the prose's measure.
  const cell = await page.locator('dvr-sandbox').first().boundingBox();
  expect(cell!.width).toBeGreaterThan(800);
  await toggle.click();
  await expect(page.locator('mobile-starlight-toc .dropdown a').first()).toBeVisible();

  await page.goto('reference/');
  await expect(page.locator('.right-sidebar-panel')).toBeVisible();
  await expect(page.locator('mobile-starlight-toc summary')).toBeHidden();
});
