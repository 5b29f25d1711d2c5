import { describe, expect, it } from 'vitest';
import { builtExample } from './example-data';
import { allHops, headerCells, hopBoxId, shortWhere, TRACE_COLUMNS, traceTables } from './trace-rows';

describe('trace rows (on the simulated SNAT example)', () => {
  const { trace } = builtExample('snat-seed');
  const snatIndex = trace.hops.findIndex((hop) => hop.changed.includes('ipSrc'));
  const snat = trace.hops[snatIndex];

  it('traceTables numbers forward then reply hops with one shared index', () => {
    const tables = traceTables(trace, 'detailed');
    const forward = trace.hops.length;
    const reply = trace.reply?.hops.length ?? 0;
    expect(reply).toBeGreaterThan(0);
    expect(tables.forward.map((r) => r.index)).toEqual([...Array(forward).keys()]);
    expect(tables.reply.map((r) => r.index)).toEqual([...Array(reply).keys()].map((i) => forward + i));
    expect(allHops(trace)).toHaveLength(forward + reply);
    expect(tables.verdict).toBe('The packet is delivered.');
    expect(tables.replyVerdict).toBe('The reply is delivered.');
  });

  it('every detail level keeps every hop, so a hop index names the same row at every level', () => {
    for (const detail of ['detailed', 'summary', 'minimal'] as const) {
      expect(traceTables(trace, detail).forward).toHaveLength(trace.hops.length);
    }
    expect(TRACE_COLUMNS.minimal.length).toBeLessThan(TRACE_COLUMNS.summary.length);
  });

  it('headerCells flags the source the SNAT hop rewrote, and only that', () => {
    const cells = headerCells(snat, 'detailed');
    expect(cells.find((c) => c.field === 'ipSrc')).toMatchObject({ value: '10.100.100.162', changed: true });
    expect(cells.find((c) => c.field === 'ipDst')).toMatchObject({ changed: false });
    expect(headerCells(snat, 'minimal').map((c) => c.field)).toEqual(['ipSrc']);
  });

  it('headerCells hides unchanged MACs in summary and shows changed ones', () => {
    expect(headerCells(trace.hops[0], 'summary').map((c) => c.field)).toEqual(['ipSrc', 'ipDst', 'proto']);
    const macHop = trace.hops.find((hop) => hop.changed.includes('ethDst'))!;
    expect(headerCells(macHop, 'summary').map((c) => c.field)).toContain('ethDst');
  });

  it('headerCells shows vlan and tunnel id only while the frame carries them', () => {
    const tagged = trace.hops.find((hop) => hop.packet.vlan !== undefined)!;
    expect(headerCells(tagged, 'detailed').some((c) => c.field === 'vlan')).toBe(true);
    expect(headerCells(trace.hops[0], 'detailed').some((c) => c.field === 'vlan')).toBe(false);
  });

  it('shortWhere cuts namespace uuids and leaves other names alone', () => {
    expect(shortWhere('qrouter-ba18115a-e4a2-5ac6-bb18-7366f014b4b2')).toBe('qrouter-ba18115a…');
    expect(shortWhere('br-int')).toBe('br-int');
    expect(shortWhere('VM3')).toBe('VM3');
  });

  it('hopBoxId names the diagram box of a hop', () => {
    expect(hopBoxId(snat)).toBe(`network/${snat.where}`);
    expect(hopBoxId(trace.hops.find((hop) => hop.where === 'tunnel')!)).toBe('tunnel');
  });

  it('a dropped trace says why', () => {
    const dropped = { ...trace, verdict: 'dropped' as const, reason: 'no route', reply: null };
    expect(traceTables(dropped, 'summary')).toMatchObject({
      verdict: 'The packet is dropped: no route',
      replyVerdict: null,
      reply: [],
    });
  });
});
