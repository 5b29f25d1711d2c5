import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../../src/index.js';
import { ruleMatches, walkChain, type IptablesContext } from '../../src/dataplane/iptables.js';
import type { Packet } from '../../src/dataplane/packet.js';
import type { IptablesRule } from '../../src/model/state-types.js';
import { formatIptablesRule } from '../../src/views/format-lines.js';
import { exampleModel } from '../helpers.js';

const ip = (text: string) => parseIpv4(text)!;
const packet = (src: string, dst: string, proto: Packet['proto'] = 'icmp', dport: number | null = null): Packet => ({
  ethSrc: '',
  ethDst: '',
  ipSrc: ip(src),
  ipDst: ip(dst),
  proto,
  dport,
  vlan: null,
  tunnelId: null,
});
const ctx = (c: Partial<IptablesContext> = {}): IptablesContext => ({ inDev: null, outDev: null, ctDnat: false, ...c });
const nsOf = (example: string, host: string, kind: string) =>
  exampleModel(example)
    .host(host)!
    .namespaces.find((n) => n.kind === kind)!;

describe('iptables', () => {
  const snat = nsOf('snat-seed', 'network', 'snat');
  const qgDev = snat.devices.find((d) => d.kind === 'qg')!.name;
  const sgDev = snat.devices.find((d) => d.kind === 'sg')!.name;
  const fipQrouter = nsOf('floating-ip', 'compute1', 'qrouter');
  const rfp = fipQrouter.devices.find((d) => d.kind === 'rfp')!.name;

  it.each([
    [
      'snat: a tenant packet leaving by qg- is SNATed to the shared address',
      snat.natRules,
      'POSTROUTING',
      packet('192.168.200.6', '8.8.8.8'),
      ctx({ inDev: sgDev, outDev: qgDev }),
      '-A neutron-l3-agent-snat -s 192.168.200.0/24 -j SNAT --to-source 10.100.100.162',
    ],
    [
      'snat: a packet that neither enters nor leaves by qg- is accepted untranslated',
      snat.natRules,
      'POSTROUTING',
      packet('192.168.200.6', '192.168.200.9'),
      ctx({ inDev: sgDev, outDev: sgDev }),
      `-A neutron-l3-agent-POSTROUTING ! -i ${qgDev} ! -o ${qgDev} -m conntrack ! --ctstate DNAT -j ACCEPT`,
    ],
    [
      'qrouter: the floating IP is DNATed in PREROUTING',
      fipQrouter.natRules,
      'PREROUTING',
      packet('8.8.8.8', '203.0.113.10'),
      ctx({ inDev: rfp }),
      '-A neutron-l3-agent-PREROUTING -d 203.0.113.10/32 -j DNAT --to-destination 192.168.200.5',
    ],
    [
      'qrouter: the metadata address on tcp 80 is redirected to the proxy',
      fipQrouter.natRules,
      'PREROUTING',
      packet('192.168.200.5', '169.254.169.254', 'tcp', 80),
      ctx({ inDev: 'qr-x' }),
      '-A neutron-l3-agent-PREROUTING -d 169.254.169.254/32 -p tcp -m tcp --dport 80 -j REDIRECT --to-ports 9697',
    ],
    [
      'qrouter: a VM with a floating IP leaving by rfp- is SNATed to it (through the jump to float-snat)',
      fipQrouter.natRules,
      'POSTROUTING',
      packet('192.168.200.5', '8.8.8.8'),
      ctx({ inDev: 'qr-x', outDev: rfp }),
      '-A neutron-l3-agent-float-snat -s 192.168.200.5/32 -j SNAT --to-source 203.0.113.10',
    ],
    [
      'qrouter: metadata on udp is not redirected and falls off PREROUTING',
      fipQrouter.natRules,
      'PREROUTING',
      packet('192.168.200.5', '169.254.169.254', 'udp', 80),
      ctx({ inDev: 'qr-x' }),
      null,
    ],
  ])('walkChain: %s', (_, rules, chain, p, c, expected) => {
    const rule = walkChain(rules, chain, p, c);
    expect(rule === null ? null : formatIptablesRule(rule)).toBe(expected);
  });

  it('walkChain: a chain that ends without a verdict returns to its caller, whose next rule decides', () => {
    const rules: IptablesRule[] = [
      { chain: 'POSTROUTING', match: {}, target: { kind: 'jump', chain: 'a' } },
      { chain: 'POSTROUTING', match: {}, target: { kind: 'accept' } },
      { chain: 'a', match: { src: { ip: ip('10.0.0.0'), prefixLen: 8 } }, target: { kind: 'snat', to: ip('1.1.1.1') } },
    ];
    expect(walkChain(rules, 'POSTROUTING', packet('192.168.0.1', '8.8.8.8'), ctx())!.target.kind).toBe('accept');
    expect(walkChain(rules, 'POSTROUTING', packet('10.1.2.3', '8.8.8.8'), ctx())!.target.kind).toBe('snat');
  });

  it.each([
    ['a DNATed connection skips the ACCEPT rule', { notCtstateDnat: true }, ctx({ ctDnat: true }), false],
    ['a new connection meets it', { notCtstateDnat: true }, ctx(), true],
    ['entering by the device excludes it', { notInOutDev: 'qg-1' }, ctx({ inDev: 'qg-1' }), false],
    ['leaving by the device excludes it', { notInOutDev: 'qg-1' }, ctx({ outDev: 'qg-1' }), false],
    ['tcp port matches only tcp', { tcpDport: 80 }, ctx(), false],
  ])('ruleMatches: %s', (_, match, c, expected) => {
    const rule: IptablesRule = { chain: 'x', match, target: { kind: 'accept' } };
    expect(ruleMatches(rule, packet('10.0.0.1', '10.0.0.2'), c)).toBe(expected);
  });
});
