import { describe, expect, it } from 'vitest';
import { formatIpv4, tracePacket, type Trace } from '../../src/index.js';
import { exampleModel, modelOf } from '../helpers.js';
import { names } from '../../src/model/names.js';
import { renderIpRoute } from '../../src/views/render-views.js';

const hostsOf = (t: Trace) => new Set(t.hops.map((h) => h.host).filter(Boolean));
const last = (t: Trace) => t.hops[t.hops.length - 1]!;

describe('tracePacket', () => {
  it("trace(seedSnat, VM3 -> 8.8.8.8) leaves through qg- with source 10.100.100.162, after the seed article's four steps", () => {
    const { trace } = tracePacket(exampleModel('snat-seed'), { from: 'VM3', to: '8.8.8.8' });
    expect(trace!.verdict).toBe('delivered');
    const hops = trace!.hops;
    const i1 = hops.findIndex(
      (h) =>
        h.host === 'compute1' &&
        h.where.startsWith('qrouter-') &&
        h.rule === '3232286721:\tfrom 192.168.200.1/24 lookup 3232286721',
    );
    const i2 = hops.findIndex(
      (h) =>
        h.host === 'compute1' &&
        h.where === 'br-tun' &&
        h.changed.includes('ethSrc') &&
        h.packet.ethSrc.startsWith('fa:16:3f'),
    );
    const i3 = hops.findIndex((h) => h.host === 'compute1' && h.where === 'br-tun' && h.packet.tunnelId === 1001);
    const i4 = hops.findIndex(
      (h) => h.host === 'network' && h.where.startsWith('snat-') && h.stage.name === 'iptables nat POSTROUTING',
    );
    expect([i1, i2, i3, i4].every((i) => i >= 0)).toBe(true);
    expect(i1 < i2 && i2 < i3 && i3 < i4).toBe(true);
    expect(hops[i4]!.device).toMatch(/^qg-/);
    expect(hops[i4]!.packet.ipSrc).toBe('10.100.100.162');
    expect(last(trace!).where).toBe('internet');
  });

  it("the SNAT reply goes from sg- straight to VM3 and never passes compute1's qrouter (asymmetric)", () => {
    const { trace } = tracePacket(exampleModel('snat-seed'), { from: 'VM3', to: '8.8.8.8' });
    const reply = trace!.reply!;
    expect(reply.verdict).toBe('delivered');
    expect(reply.hops.some((h) => h.host === 'compute1' && h.where.startsWith('qrouter-'))).toBe(false);
    expect(
      reply.hops.some(
        (h) => h.where.startsWith('snat-') && h.stage.name === 'conntrack' && h.packet.ipDst === '192.168.200.6',
      ),
    ).toBe(true);
    expect(last(reply)).toMatchObject({ where: 'VM3', stage: { name: 'deliver' } });
  });

  it("DVR east-west across hosts never touches the network node and is routed by the source host's qrouter only", () => {
    const { trace } = tracePacket(exampleModel('east-west'), { from: 'VM1', to: 'VM2' });
    expect(trace!.verdict).toBe('delivered');
    expect(hostsOf(trace!).has('network')).toBe(false);
    expect(trace!.hops.some((h) => h.host === 'compute2' && h.where.startsWith('qrouter-'))).toBe(false);
    expect(trace!.reply!.hops.some((h) => h.host === 'compute2' && h.where.startsWith('qrouter-'))).toBe(true);
  });

  it('DVR east-west on one host never reaches br-tun', () => {
    const { trace } = tracePacket(exampleModel('east-west'), { from: 'VM1', to: 'VM4' });
    expect(trace!.verdict).toBe('delivered');
    expect(trace!.hops.some((h) => h.where === 'br-tun' || h.where === 'tunnel')).toBe(false);
  });

  it("legacy east-west hairpins through the network node's qrouter", () => {
    const { trace } = tracePacket(exampleModel('legacy-router'), { from: 'VM1', to: 'VM2' });
    expect(trace!.verdict).toBe('delivered');
    expect(trace!.hops.some((h) => h.host === 'network' && h.where.startsWith('qrouter-'))).toBe(true);
    expect(trace!.hops.filter((h) => h.where === 'tunnel')).toHaveLength(2);
  });

  it("a floating IP's outbound traffic leaves compute1 through fg- with the floating IP as source, skipping the network node", () => {
    const { trace } = tracePacket(exampleModel('floating-ip'), { from: 'VM1', to: '8.8.8.8' });
    expect(trace!.verdict).toBe('delivered');
    expect(hostsOf(trace!)).toEqual(new Set(['compute1']));
    expect(trace!.hops.some((h) => h.rule === '32768:\tfrom 192.168.200.5 lookup 16')).toBe(true);
    const fg = trace!.hops.find(
      (h) => h.where.startsWith('fip-') && h.device?.startsWith('fg-') && h.stage.name === 'arp',
    )!;
    expect(fg.packet.ipSrc).toBe('203.0.113.10');
  });

  it("inbound to a floating IP is answered by compute1's fg- (proxy ARP) and DNATed in the qrouter", () => {
    const { trace } = tracePacket(exampleModel('floating-ip'), { from: '8.8.8.8', to: '203.0.113.10' });
    expect(trace!.verdict).toBe('delivered');
    expect(trace!.hops.find((h) => h.stage.name === 'arp')!.note).toContain('proxy ARP');
    expect(
      trace!.hops.some(
        (h) =>
          h.stage.name === 'iptables nat PREROUTING' &&
          h.rule === '-A neutron-l3-agent-PREROUTING -d 203.0.113.10/32 -j DNAT --to-destination 192.168.200.5',
      ),
    ).toBe(true);
    expect(last(trace!).where).toBe('VM1');
    expect(last(trace!.reply!).packet.ipSrc).toBe('203.0.113.10');
  });

  it('drops with a reason: no external gateway, no router, an address nobody holds, a tenant address from outside', () => {
    const m = exampleModel('no-gateway');
    expect(tracePacket(m, { from: 'VM3', to: '8.8.8.8' }).trace).toMatchObject({ verdict: 'dropped', reply: null });
    expect(tracePacket(m, { from: 'VM3', to: '8.8.8.8' }).trace!.reason).toContain('no external gateway');
    expect(tracePacket(m, { from: 'VM9', to: 'VM3' }).trace!.reason).toContain('not attached to any router');
    expect(tracePacket(m, { from: 'VM3', to: '192.168.200.99' }).trace!.reason).toContain('192.168.200.99');
    expect(tracePacket(exampleModel('snat-seed'), { from: '8.8.8.8', to: '192.168.200.6' }).trace!.reason).toContain(
      'floating IP',
    );
  });

  it('reports request problems as errors rather than throwing', () => {
    const m = exampleModel('snat-seed');
    expect(tracePacket(m, { from: 'VM7', to: '8.8.8.8' }).errors[0]!.path).toBe('/request/from');
    expect(tracePacket(m, { from: 'VM3', to: 'nowhere' }).errors[0]!.path).toBe('/request/to');
    expect(tracePacket(m, { from: 'VM3', to: '8.8.8.8', proto: 'sctp' as never }).errors[0]!.path).toBe(
      '/request/proto',
    );
  });

  it('marks exactly the header fields each hop changed', () => {
    const { trace } = tracePacket(exampleModel('snat-seed'), { from: 'VM3', to: '8.8.8.8' });
    const snat = trace!.hops.find((h) => h.stage.name === 'iptables nat POSTROUTING')!;
    expect(snat.changed).toEqual(['ipSrc']);
    expect(trace!.hops[0]!.changed).toEqual([]);
  });

  it('every hop of trace(seedSnat, VM3 -> 8.8.8.8) names the command that shows its state, with the table it decided in', () => {
    const { trace } = tracePacket(exampleModel('snat-seed'), { from: 'VM3', to: '8.8.8.8' });
    const hops = [...trace!.hops, ...trace!.reply!.hops];
    const snat = hops.find((h) => h.stage.name === 'iptables nat POSTROUTING')!;
    expect(snat.stage).toEqual({
      name: 'iptables nat POSTROUTING',
      command: `ip netns exec ${snat.where} iptables -t nat -S`,
      table: 'nat',
    });
    const dvrProcess = hops.find((h) => h.where === 'br-tun' && h.changed.includes('ethSrc'))!;
    expect(dvrProcess.stage).toEqual({ name: 'table 1', command: 'ovs-ofctl dump-flows br-tun table=1', table: '1' });
    const redirect = hops.find((h) => h.stage.name === 'ip route' && h.host === 'compute1')!;
    expect(redirect.stage).toEqual({
      name: 'ip route',
      command: `ip netns exec ${redirect.where} ip route show table 3232286721`,
      table: '3232286721',
    });
    expect(hops[0]!.stage).toEqual({ name: 'send', command: null, table: null });
    for (const h of hops) if (h.rule !== null) expect(h.stage.command, `step ${h.step} ${h.stage.name}`).not.toBeNull();
  });

  describe('two isolated networks with the same CIDR', () => {
    const isolated = modelOf({
      version: 1,
      hosts: [
        { name: 'network', agentMode: 'dvr_snat' },
        { name: 'compute1', agentMode: 'dvr' },
        { name: 'compute2', agentMode: 'dvr' },
      ],
      networks: [
        { name: 'A', subnet: { cidr: '10.0.0.0/24' } },
        { name: 'B', subnet: { cidr: '10.0.0.0/24' } },
      ],
      routers: [],
      vms: [
        { name: 'VM1', host: 'compute1', network: 'A', ip: '10.0.0.5' },
        { name: 'VM2', host: 'compute2', network: 'B', ip: '10.0.0.5' },
        { name: 'VM3', host: 'compute2', network: 'B', ip: '10.0.0.6' },
        { name: 'VM4', host: 'compute2', network: 'A', ip: '10.0.0.7' },
        { name: 'VM5', host: 'compute2', network: 'B', ip: '10.0.0.7' },
      ],
    });
    it.each([
      ['VM1 -> VM2 (same address): VM1 keeps the packet, as Linux does for its own address', 'VM2', /own address/],
      [
        'VM1 -> VM3: ARP on A goes unanswered; it never crosses to B',
        'VM3',
        /ARP request goes unanswered.*never crosses networks/,
      ],
      [
        'VM1 -> VM5: the address belongs to VM4 on A, which receives it; VM5 is never reached',
        'VM5',
        /VM4 holds 10.0.0.7.*VM5 on network "B" is never reached/,
      ],
    ])('trace(%s)', (_, to, reason) => {
      const { trace } = tracePacket(isolated, { from: 'VM1', to });
      expect(trace!.verdict).toBe('dropped');
      expect(trace!.reason).toMatch(reason);
      for (const h of trace!.hops)
        expect(h.note).not.toContain(`ARP gave ${isolated.scenario.vms.find((v) => v.name === to)!.port.mac}`);
      expect(trace!.hops.some((h) => h.where === to)).toBe(false);
    });
  });

  it('trace(seedSnat, VM3 -> its DHCP port) is answered: qdhcp sends its reply by its connected route, and has a default route to the gateway', () => {
    const model = exampleModel('snat-seed');
    const dhcp = model.scenario.dhcpPorts.get('App')!;
    const { trace } = tracePacket(model, { from: 'VM3', to: formatIpv4(dhcp.ip) });
    expect(trace!.verdict).toBe('delivered');
    expect(trace!.reply!.verdict).toBe('delivered');
    expect(last(trace!.reply!).where).toBe('VM3');
    const qdhcp = model.host('network')!.namespaces.find((n) => n.kind === 'qdhcp')!;
    expect(renderIpRoute(qdhcp).split('\n')[0]).toBe(`default via 192.168.200.1 dev ${names.tap(dhcp)}`);
  });
});
