/** A chapter printed as a handout: the trace table and the diagram whole and on the page, the on-screen controls gone. */
import { test, expect, sandbox, SNAT_CHAPTER } from './fixtures';

test('the SNAT chapter prints readably: trace (reply unfolded) and diagram within the page, no controls', async ({
  page,
}, testInfo) => {
  // About the printable width of an A4 page at 96 dpi.
  await page.setViewportSize({ width: 720, height: 1000 });
  await page.goto(SNAT_CHAPTER, { waitUntil: 'networkidle' });
  const s = sandbox(page);
  const controls = [
    page.getByRole('button', { name: 'Open the full editor' }),
    page.getByRole('button', { name: 'Share', exact: true }),
    page.getByRole('button', { name: 'Play' }).first(),
    page.getByRole('button', { name: 'Show solution' }).first(),
    page.getByText('Show hint').first(),
  ];
  // On screen they are there (the islands have started)...
  for (const control of controls) await expect(control).toBeVisible();
  await expect(page.getByTestId('reply-table').first()).toBeHidden();
  // ...on paper they are not.
  await page.emulateMedia({ media: 'print' });
  for (const control of controls) await expect(control).toBeHidden();
  // The scenario's values stay: they say what the trace below was computed from.
  await expect(s.field('Shared SNAT address')).toBeVisible();
  await expect(s.diagram).toBeVisible();
  await expect(s.traceTable).toBeVisible();
  // The reply, folded on screen, is printed.
  await expect(page.getByTestId('reply-table').first()).toBeVisible();

  const overflow = await page.evaluate(() =>
    [...document.querySelectorAll('table.dvr-trace-table, svg[data-testid="diagram"]')]
      .map((el) => ({ what: el.tagName, right: Math.ceil(el.getBoundingClientRect().right) }))
      .filter(({ right }) => right > document.documentElement.clientWidth),
  );
  expect(overflow, 'printed wider than the page').toEqual([]);

  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  await testInfo.attach('snat-chapter.pdf', { body: pdf, contentType: 'application/pdf' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
});
