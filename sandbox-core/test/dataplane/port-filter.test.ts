import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../../src/index.js';
import { portFilter } from '../../src/dataplane/port-filter.js';
import type { Packet } from '../../src/dataplane/packet.js';
import { formatIptablesRule } from '../../src/views/format-lines.js';
import { exampleScenario, modelOf } from '../helpers.js';

const ip = (text: string) => parseIpv4(text)!;

/** floating-ip with a third group: "web" lets tcp 80-90 in from 198.51.100.0/24 and ssh from members of "admin". */
function scenario() {
  const sc = exampleScenario('floating-ip');
  sc.securityGroups.push(
    {
      name: 'web',
      rules: [
        { direction: 'ingress', protocol: 'tcp', portMin: 80, portMax: 90, remoteCidr: '198.51.100.0/24' },
        { direction: 'ingress', protocol: 'tcp', portMin: 22, remoteGroup: 'admin' },
        { direction: 'egress', protocol: 'udp', portMin: 53, remoteCidr: '8.8.8.8/32' },
      ],
    },
    { name: 'admin', rules: [{ direction: 'egress' }] },
  );
  sc.vms[0].securityGroups = ['web'];
  sc.vms[1].securityGroups = ['admin'];
  sc.vms[1].host = 'compute1';
  return sc;
}

describe('portFilter (the host filter table at a VM qbr)', () => {
  const state = modelOf(scenario()).host('compute1')!;
  const vm1 = state.vifs.find((v) => v.vm.name === 'VM1')!;
  const mac = vm1.vm.port.mac;
  const into = (src: string, proto: Packet['proto'], dport: number | null, established = false) =>
    portFilter(
      state,
      {
        ethSrc: 'fa:16:3e:00:00:01',
        ethDst: mac,
        ipSrc: ip(src),
        ipDst: ip('192.168.200.5'),
        proto,
        dport,
        vlan: null,
        tunnelId: null,
      },
      { physdevIn: vm1.qvb, physdevOut: vm1.tap, established },
    );
  const outOf = (dst: string, proto: Packet['proto'], dport: number | null, src = '192.168.200.5', ethSrc = mac) =>
    portFilter(
      state,
      { ethSrc, ethDst: 'fa:16:3e:00:00:02', ipSrc: ip(src), ipDst: ip(dst), proto, dport, vlan: null, tunnelId: null },
      { physdevIn: vm1.tap, physdevOut: vm1.qvb, established: false },
    );
  const i = `neutron-openvswi-i${vm1.vm.port.id.slice(0, 10)}`;
  const o = `neutron-openvswi-o${vm1.vm.port.id.slice(0, 10)}`;
  const s = `neutron-openvswi-s${vm1.vm.port.id.slice(0, 10)}`;

  it.each([
    [
      'tcp 80 from the allowed prefix comes in',
      into('198.51.100.7', 'tcp', 80),
      'accept',
      `-A ${i} -s 198.51.100.0/24 -p tcp -m multiport --dports 80:90 -j RETURN`,
    ],
    [
      'tcp 90, the top of the range, comes in',
      into('198.51.100.7', 'tcp', 90),
      'accept',
      `-A ${i} -s 198.51.100.0/24 -p tcp -m multiport --dports 80:90 -j RETURN`,
    ],
    [
      'tcp 91 is dropped by sg-fallback',
      into('198.51.100.7', 'tcp', 91),
      'drop',
      '-A neutron-openvswi-sg-fallback -j DROP',
    ],
    [
      'tcp 80 from another prefix is dropped',
      into('203.0.113.9', 'tcp', 80),
      'drop',
      '-A neutron-openvswi-sg-fallback -j DROP',
    ],
    [
      'icmp from the internet is dropped: web has no icmp rule',
      into('8.8.8.8', 'icmp', null),
      'drop',
      '-A neutron-openvswi-sg-fallback -j DROP',
    ],
    ['ssh from a member of admin (VM2) comes in through the ipset', into('192.168.200.7', 'tcp', 22), 'accept', null],
    [
      'ssh from a non-member is dropped',
      into('192.168.200.9', 'tcp', 22),
      'drop',
      '-A neutron-openvswi-sg-fallback -j DROP',
    ],
    [
      'an answer of a tracked connection comes in whatever the rules',
      into('8.8.8.8', 'icmp', null, true),
      'accept',
      `-A ${i} -m state --state RELATED,ESTABLISHED -j RETURN`,
    ],
    [
      'udp 53 to 8.8.8.8 goes out',
      outOf('8.8.8.8', 'udp', 53),
      'accept',
      `-A ${o} -d 8.8.8.8/32 -p udp -m udp --dport 53 -j RETURN`,
    ],
    [
      'tcp 443 out is dropped: web allows only dns out',
      outOf('8.8.8.8', 'tcp', 443),
      'drop',
      '-A neutron-openvswi-sg-fallback -j DROP',
    ],
    [
      'a spoofed source address is dropped by the anti-spoofing chain',
      outOf('8.8.8.8', 'udp', 53, '192.168.200.99'),
      'drop',
      `-A ${s} -j DROP`,
    ],
    [
      'a spoofed source MAC is dropped by the anti-spoofing chain',
      outOf('8.8.8.8', 'udp', 53, '192.168.200.5', 'fa:16:3e:99:99:99'),
      'drop',
      `-A ${s} -j DROP`,
    ],
  ])('%s', (_name, d, verdict, rule) => {
    expect(d.verdict).toBe(verdict);
    if (verdict === 'drop') expect(formatIptablesRule(d.rule!)).toBe(rule);
    else if (rule !== null) expect(formatIptablesRule(d.allowedBy!)).toBe(rule);
    else
      expect(formatIptablesRule(d.allowedBy!)).toMatch(
        new RegExp(`^-A ${i} -p tcp -m tcp --dport 22 -m set --match-set IPv4\\S{20} src -j RETURN$`),
      );
  });

  it('a drop names the chains it went through, sg-fallback last', () => {
    expect(into('8.8.8.8', 'icmp', null).chains).toEqual([
      'FORWARD',
      'neutron-openvswi-FORWARD',
      'neutron-openvswi-sg-chain',
      i,
      'neutron-openvswi-sg-fallback',
    ]);
  });

  it('a frame of another bridge port (no tap of this host) meets no port chain and passes by the ACCEPT policy', () => {
    const d = portFilter(
      state,
      {
        ethSrc: mac,
        ethDst: mac,
        ipSrc: ip('10.0.0.1'),
        ipDst: ip('10.0.0.2'),
        proto: 'icmp',
        dport: null,
        vlan: null,
        tunnelId: null,
      },
      { physdevIn: 'tapnothere', physdevOut: 'qvbnothere', established: false },
    );
    expect(d).toMatchObject({ verdict: 'accept', rule: null, allowedBy: null });
  });
});
