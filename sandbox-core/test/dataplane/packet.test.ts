import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../../src/index.js';
import { changedHeaders, headersOf, isMulticast, type Packet } from '../../src/dataplane/packet.js';

const base: Packet = {
  ethSrc: 'fa:16:3e:00:00:01',
  ethDst: 'fa:16:3e:00:00:02',
  ipSrc: parseIpv4('192.168.200.6')!,
  ipDst: parseIpv4('8.8.8.8')!,
  proto: 'icmp',
  dport: null,
  vlan: null,
  tunnelId: null,
};

describe('packet', () => {
  it.each([
    ['an untagged frame shows no vlan or tunnelId', base, {}],
    ['a tagged frame shows its vlan', { ...base, vlan: 3 }, { vlan: 3 }],
    ['an encapsulated frame shows its tunnelId', { ...base, tunnelId: 1001 }, { tunnelId: 1001 }],
  ])('headersOf: %s', (_, p, extra) => {
    expect(headersOf(p)).toEqual({
      ethSrc: base.ethSrc,
      ethDst: base.ethDst,
      ipSrc: '192.168.200.6',
      ipDst: '8.8.8.8',
      proto: 'icmp',
      ...extra,
    });
  });

  it.each([
    ['the first hop changed nothing', null, base, []],
    ['a SNAT changed the source address', base, { ...base, ipSrc: parseIpv4('10.100.100.162')! }, ['ipSrc']],
    [
      'tagging and a new source MAC are both seen',
      base,
      { ...base, vlan: 1, ethSrc: 'fa:16:3f:00:00:09' },
      ['ethSrc', 'vlan'],
    ],
    ['losing a tag counts as a change', { ...base, tunnelId: 1001 }, base, ['tunnelId']],
  ] as const)('changedHeaders: %s', (_, before, after, fields) => {
    expect(changedHeaders(before ? headersOf(before) : null, headersOf(after))).toEqual(fields);
  });

  it.each([
    ['ff:ff:ff:ff:ff:ff', true],
    ['01:00:5e:00:00:01', true],
    ['fa:16:3e:00:00:01', false],
  ])('isMulticast(%s) is %s', (mac, expected) => {
    expect(isMulticast(mac)).toBe(expected);
  });
});
