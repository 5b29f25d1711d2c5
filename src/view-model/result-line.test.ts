import { describe, expect, it } from 'vitest';
import { simulate } from '@dvr-lab/sandbox-core';
import { builtExample } from './example-data';
import type { TraceRequest } from './core-types';
import { lineTrace, problemLine, resultLine, type LineRun } from './result-line';

/** A run of the SNAT example with one replacement in its text, through the real simulator. */
function snatRun(from?: string, to?: string, request?: TraceRequest): LineRun {
  const built = builtExample('snat-seed');
  const text = from && to ? built.text.replace(from, to) : built.text;
  const req = request ?? built.example.request;
  const { trace } = simulate(text, req);
  if (!trace) throw new Error('no trace');
  return { request: req, trace };
}

describe('resultLine (on traces of the SNAT example)', () => {
  const seed = snatRun();

  it('says where a delivered packet leaves and with which source', () => {
    expect(resultLine(seed, null)).toBe('Delivered. VM3 → 8.8.8.8 leaves network with source 10.100.100.162.');
  });

  it('names what changed since the previous run of the same packet', () => {
    const moved = snatRun('"10.100.100.162"', '"10.100.100.170"');
    expect(resultLine(moved, seed)).toBe(
      'Delivered. VM3 → 8.8.8.8 leaves network with source 10.100.100.170 (was 10.100.100.162).',
    );
  });

  it('says when the verdict, exit and source did not change', () => {
    expect(resultLine(seed, seed)).toBe(
      'Delivered. VM3 → 8.8.8.8 leaves network with source 10.100.100.162. Same verdict, exit and source as before.',
    );
  });

  it('gives the verdict, the dropping hop and its reason for a dropped packet', () => {
    const dropped = snatRun('"interfaces": [\n        "App"\n      ]', '"interfaces": []');
    const line = resultLine(dropped, seed);
    expect(dropped.trace.verdict).toBe('dropped');
    const last = dropped.trace.hops[dropped.trace.hops.length - 1];
    expect(line).toMatch(
      new RegExp(`^Dropped \\(was delivered\\)\\. VM3 → 8\\.8\\.8\\.8 stops at hop ${last.step} \\(`),
    );
    expect(line).toContain(dropped.trace.reason ?? '');
  });

  it('reads the same from the cut-down trace the build writes into the page', () => {
    const moved = snatRun('"10.100.100.162"', '"10.100.100.170"');
    const slim = { request: seed.request, trace: lineTrace(seed.trace) };
    expect(resultLine(moved, slim)).toBe(resultLine(moved, seed));
    expect(JSON.stringify(slim.trace).length).toBeLessThan(JSON.stringify(seed.trace).length / 4);
  });

  it('does not compare runs of different packets', () => {
    const other = snatRun(undefined, undefined, { from: 'VM3', to: '1.1.1.1' });
    expect(resultLine(other, seed)).toBe('Delivered. VM3 → 1.1.1.1 leaves network with source 10.100.100.162.');
  });
});

describe('resultLine (east-west)', () => {
  it('says on which host a packet between VMs arrives', () => {
    const built = builtExample('east-west');
    expect(resultLine({ request: built.example.request, trace: built.trace }, null)).toBe(
      'Delivered. VM1 → VM2 arrives on compute2 with source 10.0.1.5.',
    );
  });
});

describe('problemLine', () => {
  it('counts the problems', () => {
    expect(problemLine(1)).toMatch(/^Not run: the scenario has a problem/);
    expect(problemLine(3)).toMatch(/^Not run: the scenario has 3 problems/);
  });
});
