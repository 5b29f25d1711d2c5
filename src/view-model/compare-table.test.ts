import { compareModes, exampleById } from '@dvr-lab/sandbox-core';
import { describe, expect, it } from 'vitest';
import { cellText, compareSummary, compareTable, formatTotal, packetLabel, parseWeight } from './compare-table';
import { scenarioText } from './example-data';

const example = exampleById('dvr-vs-legacy')!;
const text = scenarioText(example.scenario);
const mix = example.walks.map((w) => ({ request: w.request, weight: 1 }));
const { rows: comparisons } = compareModes(text, mix);

describe('compareTable', () => {
  it('prices every walk of dvr-vs-legacy under both modes', () => {
    const table = compareTable(example.walks, comparisons, [1, 1, 1, 1]);
    expect(table.rows.map((r) => r.id)).toEqual(example.walks.map((w) => w.id));
    for (const row of table.rows) {
      expect(row.dvr).not.toBeNull();
      expect(row.legacy).not.toBeNull();
    }
  });

  it('shows east-west on one host never leaving it under DVR, and hairpinning through the network node under legacy', () => {
    const row = compareTable(example.walks, comparisons, [1, 1, 1, 1]).rows.find((r) => r.id === 'same-host')!;
    expect(row.dvr!.values).toMatchObject({ routers: 2, tunnels: 0, networkNodeSteps: 0, hosts: 1 });
    expect(row.legacy!.values.tunnels).toBeGreaterThan(0);
    expect(row.legacy!.values.networkNodeSteps).toBeGreaterThan(0);
    expect(row.legacy!.hostNames).toContain('network');
  });

  it('weights the totals: a weight of 0 drops a walk, a weight of 3 triples it', () => {
    const one = compareTable(example.walks, comparisons, [1, 0, 0, 0]);
    const three = compareTable(example.walks, comparisons, [3, 0, 0, 0]);
    expect(one.totals.legacy.steps).toBe(comparisons[0].legacy!.steps);
    expect(three.totals.legacy.steps).toBe(3 * comparisons[0].legacy!.steps);
    expect(three.totals.legacy.routers).toBe(3 * comparisons[0].legacy!.routers);
    expect(three.totals.dvr.networkNodeSteps).toBe(0);
  });

  it('counts a walk that could not be traced as nothing, and prints a dash for it', () => {
    const broken = [{ ...comparisons[0], dvr: null, legacy: null }, ...comparisons.slice(1)];
    const table = compareTable(example.walks, broken, [1, 0, 0, 0]);
    expect(table.totals.dvr.steps).toBe(0);
    expect(cellText(table.rows[0].dvr, 'routers')).toBe('—');
  });

  it('says how much the network node carries under each mode', () => {
    const table = compareTable(example.walks, comparisons, [1, 1, 1, 1]);
    expect(table.summary).toMatch(/network node handles \d+ weighted steps under DVR/);
    expect(table.summary).toMatch(/routers crossed: \d+ with DVR/);
    expect(
      compareSummary({
        dvr: { routers: 0, tunnels: 0, hosts: 0, steps: 0, networkNodeSteps: 0 },
        legacy: { routers: 0, tunnels: 0, hosts: 0, steps: 0, networkNodeSteps: 0 },
      }),
    ).toMatch(/no traffic/);
  });
});

describe('weights and labels', () => {
  it('parseWeight accepts numbers from 0 up and refuses the rest', () => {
    expect(parseWeight('2')).toBe(2);
    expect(parseWeight('0.5')).toBe(0.5);
    expect(parseWeight('0')).toBe(0);
    expect(parseWeight('')).toBeNull();
    expect(parseWeight('-1')).toBeNull();
    expect(parseWeight('abc')).toBeNull();
  });

  it('formatTotal keeps integers and at most two decimals', () => {
    expect(formatTotal(12)).toBe('12');
    expect(formatTotal(2.5)).toBe('2.5');
    expect(formatTotal(1 / 3)).toBe('0.33');
  });

  it('packetLabel names the port only for tcp and udp', () => {
    expect(packetLabel({ from: 'web1', to: 'app2', proto: 'tcp', dport: 8080 })).toBe('web1 → app2, tcp/8080');
    expect(packetLabel({ from: 'VM1', to: '8.8.8.8' })).toBe('VM1 → 8.8.8.8, icmp');
  });
});
