import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../../src/index.js';
import { Conntrack, type Connection } from '../../src/dataplane/conntrack.js';
import type { Packet } from '../../src/dataplane/packet.js';

const ip = (text: string) => parseIpv4(text)!;
const packet = (src: string, dst: string): Packet => ({
  ethSrc: '',
  ethDst: '',
  ipSrc: ip(src),
  ipDst: ip(dst),
  proto: 'icmp',
  dport: null,
  vlan: null,
  tunnelId: null,
});
// VM3 192.168.200.6 -> 8.8.8.8, SNATed to 10.100.100.162 in the snat namespace.
const snat: Connection = {
  origSrc: ip('192.168.200.6'),
  origDst: ip('8.8.8.8'),
  replySrc: ip('8.8.8.8'),
  replyDst: ip('10.100.100.162'),
  nat: 'snat',
  rule: '-A neutron-l3-agent-snat -s 192.168.200.0/24 -j SNAT --to-source 10.100.100.162',
};
// 8.8.8.8 -> floating IP 203.0.113.10, DNATed to 192.168.200.5 in a qrouter namespace.
const dnat: Connection = {
  origSrc: ip('8.8.8.8'),
  origDst: ip('203.0.113.10'),
  replySrc: ip('192.168.200.5'),
  replyDst: ip('8.8.8.8'),
  nat: 'dnat',
  rule: '-A neutron-l3-agent-PREROUTING -d 203.0.113.10/32 -j DNAT --to-destination 192.168.200.5',
};

describe('Conntrack', () => {
  const ct = new Conntrack();
  ct.add('network/snat-r', snat);
  ct.add('compute1/qrouter-r', dnat);

  it.each([
    [
      'the reply of the SNAT connection, in its namespace',
      'network/snat-r',
      packet('8.8.8.8', '10.100.100.162'),
      undefined,
      snat,
    ],
    [
      'the same packet in another namespace is not tracked there',
      'compute1/qrouter-r',
      packet('8.8.8.8', '10.100.100.162'),
      undefined,
      null,
    ],
    ['the forward direction is no reply', 'network/snat-r', packet('192.168.200.6', '8.8.8.8'), undefined, null],
    ['the reply of the DNAT connection', 'compute1/qrouter-r', packet('192.168.200.5', '8.8.8.8'), 'dnat', dnat],
    [
      'asked for a SNAT reply, a DNAT one does not answer',
      'compute1/qrouter-r',
      packet('192.168.200.5', '8.8.8.8'),
      'snat',
      null,
    ],
  ] as const)('replyOf: %s', (_, place, p, nat, expected) => {
    expect(ct.replyOf(place, p, nat)).toEqual(expected);
  });

  it.each([
    ['after the DNAT, the original direction is DNATed', packet('8.8.8.8', '192.168.200.5'), true],
    ['another source is not', packet('8.8.4.4', '192.168.200.5'), false],
  ])('isDnatted: %s', (_, p, expected) => {
    expect(ct.isDnatted('compute1/qrouter-r', p)).toBe(expected);
  });
});
