import { describe, expect, it } from 'vitest';
import { builtExample } from './example-data';
import { hopCommand, inspectHop, packetLine } from './hop-inspector';

describe('hop inspector (on simulated course examples)', () => {
  const { trace } = builtExample('snat-seed');
  const at = (predicate: (hop: (typeof trace.hops)[number]) => boolean) => trace.hops.findIndex(predicate);

  it('inspectHop at the SNAT hop: the rule in full, the source before → after marked SNAT, why, and the command', () => {
    const i = at((hop) => hop.changed.includes('ipSrc'));
    const inspection = inspectHop(trace, i)!;
    expect(inspection.host).toBe('network');
    expect(inspection.where).toMatch(/^snat-[0-9a-f-]{36}$/);
    expect(inspection.rule).toBe('-A neutron-l3-agent-snat -s 192.168.200.0/24 -j SNAT --to-source 10.100.100.162');
    expect(inspection.changes).toEqual(['ip src 192.168.200.6 → 10.100.100.162 (SNAT)']);
    expect(inspection.headers.find((h) => h.field === 'ipSrc')).toMatchObject({
      before: '192.168.200.6',
      value: '10.100.100.162',
      changed: true,
      reason: 'SNAT',
    });
    expect(inspection.why).toMatch(/^SNAT: source 192\.168\.200\.6 becomes 10\.100\.100\.162.*\.$/);
    expect(inspection.command).toEqual({
      host: 'network',
      line: `ip netns exec ${inspection.where} iptables -t nat -S`,
    });
    expect(packetLine(inspection)).toBe(
      '10.100.100.162 → 8.8.8.8 · changed here: ip src 192.168.200.6 → 10.100.100.162 (SNAT)',
    );
  });

  it('inspectHop counts the reply after the request and names conntrack as what reverses the SNAT', () => {
    const i = trace.hops.length + (trace.reply?.hops.findIndex((hop) => hop.stage.name === 'conntrack') ?? -1);
    const inspection = inspectHop(trace, i)!;
    expect(inspection.reply).toBe(true);
    expect(inspection.position).toMatch(/^Reply hop \d+ \(\d+ of \d+\)$/);
    expect(inspection.changes).toEqual(['ip dst 10.100.100.162 → 192.168.200.6 (conntrack reverses the NAT)']);
  });

  it('the first hop of each walk has no "before", and a hop past the end is none', () => {
    expect(inspectHop(trace, 0)?.changes).toEqual([]);
    expect(inspectHop(trace, trace.hops.length)?.headers.every((h) => h.before === null)).toBe(true);
    expect(inspectHop(trace, 10_000)).toBeNull();
    expect(inspectHop(trace, -1)).toBeNull();
  });

  it('hopCommand gives the simulator’s command for each hop: ovs-ofctl on a bridge, ip netns exec in a namespace, none off the hosts', () => {
    for (const id of ['snat-seed', 'floating-ip', 'east-west', 'legacy-router']) {
      const hops = [...builtExample(id).trace.hops, ...(builtExample(id).trace.reply?.hops ?? [])];
      for (const hop of hops) {
        const command = hopCommand(hop);
        const what = `${id} ${hop.host ?? '-'} ${hop.where} ${hop.stage.name}`;
        if (hop.host === null) expect(command, what).toBeNull();
        else if (/^br-/.test(hop.where) && hop.rule) expect(command, what).toMatch(`ovs-ofctl dump-flows ${hop.where}`);
        else if (/^(qrouter|snat|fip)-/.test(hop.where) && hop.rule)
          expect(command, what).toMatch(`ip netns exec ${hop.where} `);
      }
    }
  });
});
