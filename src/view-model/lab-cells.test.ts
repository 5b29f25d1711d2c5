import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasLabCells } from './lab-cells';

describe('hasLabCells', () => {
  it('finds a lab cell component in MDX, not a word in prose or a longer component name', () => {
    expect(hasLabCells('text\n<Sandbox example="snat-seed" />\n')).toBe(true);
    expect(hasLabCells('<Trace\n  example="x"\n/>')).toBe(true);
    expect(hasLabCells('<Compare example="x"/>')).toBe(true);
    expect(hasLabCells('The Sandbox below and the <TraceRow> are not cells.')).toBe(false);
  });

  it('marks every chapter that has a sandbox, and the free lab', () => {
    const marked = readdirSync('content')
      .filter((f) => f.endsWith('.mdx'))
      .filter((f) => hasLabCells(readFileSync(`content/${f}`, 'utf8')));
    expect(marked).toEqual(expect.arrayContaining(['snat.mdx', 'dvr-vs-legacy.mdx', 'lab.mdx']));
    expect(marked).not.toContain('index.mdx');
  });
});
