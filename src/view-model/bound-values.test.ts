import { describe, expect, it } from 'vitest';
import { simulate } from '@dvr-lab/sandbox-core';
import { builtExample } from './example-data';
import { boundValue, BOUND_VALUES, differsNote, type BindingSource } from './bound-values';

/** A binding source from the real simulator: an example with one replacement in its text. */
function source(id: string, ...edits: [string, string][]): BindingSource {
  const built = builtExample(id);
  const text = edits.reduce((t, [from, to]) => t.replace(from, to), built.text);
  const { trace } = simulate(text, built.example.request);
  return { scenario: JSON.parse(text), hops: trace?.hops ?? null };
}

describe('boundValue (on the SNAT example)', () => {
  const seed = source('snat-seed');

  it('reads the values the SNAT chapter quotes', () => {
    expect(boundValue('/routers/0/externalGateway/ip', seed)).toBe('10.100.100.162');
    expect(boundValue('redirectRule', seed)).toBe('from 192.168.200.1/24 lookup 3232286721');
    expect(boundValue('ruleTable', seed)).toBe('3232286721');
    expect(boundValue('ruleFrom', seed)).toBe('192.168.200.1/24');
    expect(boundValue('routerNextHop', seed)).toBe('192.168.200.3');
    expect(boundValue('natRule', seed)).toBe(
      '-A neutron-l3-agent-snat -s 192.168.200.0/24 -j SNAT --to-source 10.100.100.162',
    );
    expect(boundValue('dvrMac', seed)).toBe('fa:16:3f:00:a0:7a');
    expect(boundValue('segmentationId', seed)).toBe('1001');
    expect(boundValue('qgDevice', seed)).toMatch(/^qg-[\da-f]{8}-[\da-f]{2}$/);
    expect(boundValue('snatNamespace', seed)).toMatch(/^snat-/);
  });

  it('follows the reader’s renumbering of the App network', () => {
    const renumbered = source(
      'snat-seed',
      ['"192.168.200.0/24"', '"192.168.210.0/24"'],
      ['"192.168.200.6"', '"192.168.210.6"'],
    );
    expect(boundValue('ruleTable', renumbered)).toBe('3232289281');
    expect(boundValue('ruleFrom', renumbered)).toBe('192.168.210.1/24');
    expect(boundValue('natRule', renumbered)).toContain('-s 192.168.210.0/24');
  });

  it('is null where the reader’s walk has no such value, and refuses an unknown name', () => {
    expect(boundValue('fgDevice', seed)).toBeNull();
    expect(boundValue('/routers/0/nothing', seed)).toBeNull();
    expect(() => boundValue('snatAddress', seed)).toThrow(/no bound value "snatAddress"/);
  });

  it('every named value reads something on some course example', () => {
    const sources = ['snat-seed', 'floating-ip', 'east-west'].map((id) => source(id));
    for (const name of Object.keys(BOUND_VALUES))
      expect(
        sources.some((s) => boundValue(name, s) !== null),
        name,
      ).toBe(true);
  });

  it('differsNote tells a screen reader the example’s value', () => {
    expect(differsNote('10.100.100.162', '10.100.100.170')).toBe(' (your scenario; the example has 10.100.100.162)');
    expect(differsNote('fg-1', null)).toBe(' (not in your scenario; the example has fg-1)');
  });
});
