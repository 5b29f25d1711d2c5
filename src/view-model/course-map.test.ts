import { contentPages } from '../test-support/content-pages';
import { describe, expect, it } from 'vitest';
import { orderChapters } from '../course-order';
import { courseMap, importSummary, progressFileText, readProgressFile } from './course-map';

const pages = new Map(contentPages().map((p) => [p.slug, p.text]));
const sources = orderChapters([...pages.keys()]).map((slug) => ({ slug, title: slug, mdx: pages.get(slug)! }));
const map = courseMap(sources);
const ids = new Set(map.flatMap((c) => c.entries.map((e) => e.id)));

describe('courseMap(the course)', () => {
  it('lists the chapters in course order, the reference and the landing page left out', () => {
    expect(map.map((c) => c.slug)).toEqual([
      'legacy',
      'building-blocks',
      'east-west',
      'floating-ips',
      'snat',
      'dvr-vs-legacy',
      'configuration',
      'after-juno',
    ]);
  });

  it('keeps each chapter’s exercises in page order and ends every practising chapter with its challenge', () => {
    const legacy = map[0].entries;
    expect(legacy[0]).toEqual({ id: 'ch1-which-router', title: 'Who routes?', kind: 'question' });
    for (const chapter of map.filter((c) => c.entries.length > 0))
      expect(chapter.entries.at(-1)!.kind, chapter.slug).toBe('challenge');
    expect(map.flatMap((c) => c.entries).filter((e) => e.kind === 'challenge')).toHaveLength(7);
  });

  it('lists the fault-finding labs of chapters 3 to 7 where they stand, before each challenge', () => {
    for (const slug of ['east-west', 'floating-ips', 'snat', 'dvr-vs-legacy', 'configuration']) {
      const entries = map.find((c) => c.slug === slug)!.entries;
      const lab = entries.findIndex((e) => e.kind === 'lab');
      expect(lab, slug).toBeGreaterThanOrEqual(0);
      expect(lab, slug).toBeLessThan(entries.length - 1);
    }
    expect(map.flatMap((c) => c.entries).find((e) => e.id === 'ch5-lab-snat-unscheduled')).toEqual({
      id: 'ch5-lab-snat-unscheduled',
      title: 'SNAT that nobody hosts',
      kind: 'lab',
    });
  });

  it('shows a chapter without practice with no entries', () => {
    expect(map.find((c) => c.slug === 'after-juno')!.entries).toEqual([]);
  });
});

describe('progress files', () => {
  it('round-trip: what is exported reads back as the same solved exercises', () => {
    const text = progressFileText(['ch3-renumber-db', 'ch1-which-router', 'ch1-which-router']);
    expect(JSON.parse(text)).toEqual({
      format: 'dvr-lab-progress',
      version: 1,
      solved: ['ch1-which-router', 'ch3-renumber-db'],
    });
    expect(readProgressFile(text, ids)).toEqual({
      ok: true,
      solved: ['ch1-which-router', 'ch3-renumber-db'],
      unknown: [],
    });
  });

  it('keeps the known ids of a file and says how many unknown ones it ignored', () => {
    const read = readProgressFile(progressFileText(['ch1-which-router', 'ch9-from-another-course']), ids);
    expect(read).toEqual({ ok: true, solved: ['ch1-which-router'], unknown: ['ch9-from-another-course'] });
    expect(importSummary(read)).toBe('Imported 1 solved exercise; 1 id not in this course ignored.');
  });

  it.each([
    ['not JSON', 'hello', /not JSON/],
    ['another JSON file', '{"name":"package"}', /not a DVR Lab progress file/],
    ['a newer version', '{"format":"dvr-lab-progress","version":2,"solved":[]}', /version 2/],
    ['no list', '{"format":"dvr-lab-progress","version":1,"solved":"all"}', /no list/],
    ['a huge file', ' '.repeat(70_000), /too large/],
  ])('refuses %s with a sentence', (_, text, message) => {
    const read = readProgressFile(text, ids);
    expect(read.ok).toBe(false);
    expect(importSummary(read)).toMatch(message);
  });
});
