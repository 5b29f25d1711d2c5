import { describe, expect, it } from 'vitest';
import { fakeTrace } from '../islands/state/test-fixtures';
import { allHops, headerCells, hopBoxId, shortWhere, TRACE_COLUMNS, traceTables } from './trace-rows';

describe('trace rows', () => {
  const trace = fakeTrace();

  it('traceTables numbers forward then reply hops with one shared index', () => {
    const tables = traceTables(trace, 'detailed');
    expect(tables.forward.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(tables.reply.map((r) => r.index)).toEqual([6]);
    expect(allHops(trace)).toHaveLength(7);
    expect(tables.verdict).toBe('The packet is delivered.');
    expect(tables.replyVerdict).toBe('The reply is delivered.');
  });

  it('every detail level keeps every hop, so a hop index names the same row at every level', () => {
    for (const detail of ['detailed', 'summary', 'minimal'] as const) {
      expect(traceTables(trace, detail).forward).toHaveLength(trace.hops.length);
    }
    expect(TRACE_COLUMNS.minimal.length).toBeLessThan(TRACE_COLUMNS.summary.length);
  });

  it('headerCells flags the fields the hop changed', () => {
    const snat = trace.hops[4];
    const cells = headerCells(snat, 'detailed');
    expect(cells.find((c) => c.field === 'ipSrc')).toMatchObject({ value: '10.100.100.162', changed: true });
    expect(cells.find((c) => c.field === 'ipDst')).toMatchObject({ changed: false });
  });

  it('headerCells hides unchanged MACs in summary and everything unchanged in minimal', () => {
    const mac = trace.hops[2];
    expect(headerCells(mac, 'summary').map((c) => c.field)).toEqual(['ethSrc', 'ethDst', 'ipSrc', 'ipDst', 'proto']);
    expect(headerCells(trace.hops[0], 'summary').map((c) => c.field)).toEqual(['ipSrc', 'ipDst', 'proto']);
    expect(headerCells(trace.hops[4], 'minimal').map((c) => c.field)).toEqual(['ipSrc']);
  });

  it('headerCells shows vlan and tunnel id only while present', () => {
    expect(headerCells(trace.hops[1], 'detailed').some((c) => c.field === 'vlan')).toBe(true);
    expect(headerCells(trace.hops[0], 'detailed').some((c) => c.field === 'vlan')).toBe(false);
  });

  it('shortWhere cuts namespace uuids and leaves other names alone', () => {
    expect(shortWhere('qrouter-ba18115a-e4a2-5ac6-bb18-7366f014b4b2')).toBe('qrouter-ba18115a…');
    expect(shortWhere('br-int')).toBe('br-int');
    expect(shortWhere('VM3')).toBe('VM3');
  });

  it('hopBoxId names the diagram box of a hop', () => {
    expect(hopBoxId({ host: 'compute1', where: 'qrouter-r1' })).toBe('compute1/qrouter-r1');
    expect(hopBoxId({ host: null, where: 'tunnel' })).toBe('tunnel');
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
