import { describe, expect, it } from 'vitest';
import { formatIpv4, renderView } from '../../src/index.js';
import { formatFlow, formatIpRule, formatRoute } from '../../src/views/format-lines.js';
import { exampleModel, exampleScenario, modelOf } from '../helpers.js';

describe('buildHostState', () => {
  const seed = exampleModel('snat-seed');

  it('compute1 qrouter has the SNAT redirect rule numbered by the qr- address (3232286721) and its table goes via sg-', () => {
    const ns = seed.host('compute1')!.namespaces.find((n) => n.kind === 'qrouter')!;
    expect(ns.rules.map(formatIpRule)).toContain('3232286721:\tfrom 192.168.200.1/24 lookup 3232286721');
    const route = ns.routes.find((r) => r.table === 3232286721)!;
    expect(formatRoute(route)).toMatch(
      /^default via 192\.168\.200\.3 dev qr-[0-9a-f]{8}-[0-9a-f]{2} table 3232286721$/,
    );
    expect(ns.sysctls).toContain('net.ipv4.conf.all.send_redirects = 0');
  });

  it('the qrouter holds permanent ARP entries for the VM, DHCP and sg- ports but not for router interfaces', () => {
    const ns = seed.host('compute1')!.namespaces.find((n) => n.kind === 'qrouter')!;
    expect(ns.neighbours.map((n) => formatIpv4(n.ip)).sort()).toEqual([
      '192.168.200.2',
      '192.168.200.3',
      '192.168.200.6',
    ]);
  });

  it('only the dvr_snat node holds the snat namespace, with sg- and qg- and the SNAT rule', () => {
    expect(seed.host('compute1')!.namespaces.some((n) => n.kind === 'snat')).toBe(false);
    const snat = seed.host('network')!.namespaces.find((n) => n.kind === 'snat')!;
    expect(snat.devices.map((d) => d.kind)).toEqual(['lo', 'sg', 'qg']);
    const nat = renderView(seed, 'network', 'snat', 'iptables -t nat -S')!;
    expect(nat).toContain('-A neutron-l3-agent-snat -s 192.168.200.0/24 -j SNAT --to-source 10.100.100.162');
    expect(nat).toMatch(
      /-A neutron-l3-agent-POSTROUTING ! -i qg-\S+ ! -o qg-\S+ -m conntrack ! --ctstate DNAT -j ACCEPT/,
    );
    // The agent empties the snat chain and re-adds the float-snat jump only for legacy routers.
    expect(nat).not.toContain('-A neutron-l3-agent-snat -j neutron-l3-agent-float-snat');
  });

  it('a compute node without a VM of the router holds no qrouter namespace', () => {
    const s = exampleScenario('snat-seed');
    s.hosts.push({ name: 'compute2', agentMode: 'dvr' });
    const model = modelOf(s);
    expect(model.host('compute2')!.namespaces).toEqual([]);
  });

  it('a floating IP gives its host a fip namespace, an rfp-/fpr- /31 with rfp- even, table 16 and a rule from priority 32768', () => {
    const model = exampleModel('floating-ip');
    const c1 = model.host('compute1')!;
    const qrouter = c1.namespaces.find((n) => n.kind === 'qrouter')!;
    const fip = c1.namespaces.find((n) => n.kind === 'fip')!;
    const rfp = qrouter.devices.find((d) => d.kind === 'rfp')!;
    const fpr = fip.devices.find((d) => d.kind === 'fpr')!;
    expect(rfp.addrs.map((a) => `${formatIpv4(a.ip)}/${a.prefixLen}`)).toEqual(['169.254.30.0/31', '203.0.113.10/32']);
    expect(fpr.addrs.map((a) => `${formatIpv4(a.ip)}/${a.prefixLen}`)).toEqual(['169.254.30.1/31']);
    expect(rfp.name).toMatch(/^rfp-[0-9a-f]{8}-[0-9a-f]$/);
    expect(qrouter.rules.map(formatIpRule)).toContain('32768:\tfrom 192.168.200.5 lookup 16');
    expect(qrouter.routes.filter((r) => r.table === 16).map(formatRoute)).toEqual([
      `default via 169.254.30.1 dev ${rfp.name} table 16`,
    ]);
    expect(fip.routes.map(formatRoute)).toContain(`203.0.113.10 via 169.254.30.0 dev ${fpr.name}`);
    expect(fip.sysctls.some((s) => /^net\.ipv4\.conf\.fg-\S+\.proxy_arp = 1$/.test(s))).toBe(true);
    expect(model.host('compute2')!.namespaces.some((n) => n.kind === 'fip')).toBe(false);
    expect(model.host('network')!.namespaces.some((n) => n.kind === 'fip')).toBe(false);
  });

  it('br-tun on a DVR host has the three DVR_PROCESS flows per qr- port and DVR_NOT_LEARN for every other host', () => {
    const state = seed.host('compute1')!;
    const brTun = state.bridges.find((b) => b.name === 'br-tun')!;
    const t1 = brTun.flows.filter((f) => f.table === 1).map(formatFlow);
    expect(t1).toHaveLength(4);
    expect(t1[0]).toContain('priority=3,arp,dl_vlan=1,arp_tpa=192.168.200.1 actions=drop');
    expect(t1[2]).toMatch(/priority=1,dl_vlan=1,dl_src=fa:16:3e:\S+ actions=mod_dl_src:fa:16:3f:\S+,resubmit\(,2\)/);
    const t9 = brTun.flows.filter((f) => f.table === 9 && f.priority === 1);
    expect(t9.map((f) => f.match.dlSrc)).toEqual([seed.scenario.hosts[0]!.dvrMac]);
    expect(brTun.ports.map((p) => p.name)).toEqual(['patch-int', 'vxlan-ac10000b']);
  });

  it("br-int sends frames from other hosts' DVR MACs to DVR_TO_SRC_MAC, which restores the gateway MAC", () => {
    const brInt = seed.host('network')!.bridges.find((b) => b.name === 'br-int')!;
    const dvr = brInt.flows.filter((f) => f.table === 0 && f.priority === 2);
    expect(dvr.map((f) => f.match.dlSrc)).toEqual([seed.scenario.hosts[1]!.dvrMac]);
    const qrMac = seed.scenario.routers[0]!.interfaces[0]!.qr.mac;
    const sgMac = seed.scenario.routers[0]!.interfaces[0]!.sg!.mac;
    expect(brInt.flows.map(formatFlow)).toContain(
      ` cookie=0x0, table=1, priority=4,dl_vlan=1,dl_dst=${sgMac} actions=strip_vlan,mod_dl_src:${qrMac},output:${brInt.ports.find((p) => p.mac === sgMac)!.name}`,
    );
  });

  it('a legacy router keeps qr- and qg- in one qrouter on the network node, with the floating IP on qg-', () => {
    const model = exampleModel('legacy-router');
    expect(model.host('compute1')!.namespaces).toEqual([]);
    const ns = model.host('network')!.namespaces.find((n) => n.kind === 'qrouter')!;
    expect(ns.devices.map((d) => d.kind)).toEqual(['lo', 'qr', 'qr', 'qg']);
    expect(ns.devices.find((d) => d.kind === 'qg')!.addrs.map((a) => formatIpv4(a.ip))).toEqual([
      '10.100.100.162',
      '10.100.100.170',
    ]);
    const nat = renderView(model, 'network', 'qrouter', 'iptables -t nat -S')!;
    expect(nat).toContain('-A neutron-l3-agent-snat -j neutron-l3-agent-float-snat');
    expect(nat).toContain('-A neutron-l3-agent-PREROUTING -d 10.100.100.170/32 -j DNAT --to-destination 10.0.1.5');
    expect(nat).toContain('-A neutron-l3-agent-float-snat -s 10.0.1.5/32 -j SNAT --to-source 10.100.100.170');
  });
});

describe('filter and raw tables', () => {
  const model = exampleModel('floating-ip');
  const view = (host: string, where: string, cmd: string) => renderView(model, host, where, cmd)!.split('\n');
  it.each([
    [
      'compute1',
      'qrouter',
      'iptables -S',
      '-A neutron-l3-agent-INPUT -d 127.0.0.1/32 -p tcp -m tcp --dport 9697 -j ACCEPT',
      true,
    ],
    [
      'network',
      'snat',
      'iptables -S',
      '-A neutron-l3-agent-INPUT -d 127.0.0.1/32 -p tcp -m tcp --dport 9697 -j ACCEPT',
      false,
    ],
    ['compute1', 'fip', 'iptables -S', '-A FORWARD -j neutron-filter-top', true],
    ['network', 'qrouter', 'iptables -S', '-A neutron-filter-top -j neutron-l3-agent-local', true],
    ['compute1', 'fip', 'iptables -t raw -S', '-A neutron-l3-agent-PREROUTING -j CT --notrack', true],
    ['compute1', 'qrouter', 'iptables -t raw -S', '-A neutron-l3-agent-PREROUTING -j CT --notrack', false],
    ['network', 'qdhcp', 'iptables -S', '-N neutron-filter-top', false],
  ])('%s %s `%s` has %s: %s', (host, where, cmd, line, present) => {
    expect(view(host, where, cmd).includes(line)).toBe(present);
  });
});
