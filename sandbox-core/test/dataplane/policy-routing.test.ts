import { describe, expect, it } from 'vitest';
import { formatIpv4, parseIpv4 } from '../../src/index.js';
import { localRoute, prefixContains, routeLookup } from '../../src/dataplane/policy-routing.js';
import { formatIpRule, formatRoute } from '../../src/views/format-lines.js';
import { exampleModel } from '../helpers.js';

const ip = (text: string) => parseIpv4(text)!;
const qrouter = (example: string, host: string) =>
  exampleModel(example)
    .host(host)!
    .namespaces.find((n) => n.kind === 'qrouter')!;

describe('policy routing', () => {
  it.each([
    [
      'a VM without floating IP to the internet: the SNAT redirect rule of its subnet',
      'snat-seed',
      '192.168.200.6',
      '8.8.8.8',
      '3232286721:\tfrom 192.168.200.1/24 lookup 3232286721',
      'default via 192.168.200.3 dev qr-',
    ],
    [
      'a VM with a floating IP to the internet: its rule 32768 and table 16, ahead of the SNAT rule',
      'floating-ip',
      '192.168.200.5',
      '8.8.8.8',
      '32768:\tfrom 192.168.200.5 lookup 16',
      'default via 169.254.30.1 dev rfp-',
    ],
    [
      "a packet to the router's own subnet: the main table's connected route",
      'floating-ip',
      '192.168.200.5',
      '192.168.200.7',
      '32766:\tfrom all lookup main',
      '192.168.200.0/24 dev qr-',
    ],
  ])('routeLookup: %s', (_, example, src, dst, rule, route) => {
    const d = routeLookup(qrouter(example, 'compute1'), ip(src), ip(dst))!;
    expect(formatIpRule(d.rule)).toBe(rule);
    expect(formatRoute(d.route)).toContain(route);
  });

  it('routeLookup: a router without a gateway has no route to the internet', () => {
    expect(routeLookup(qrouter('no-gateway', 'compute1'), ip('192.168.200.6'), ip('8.8.8.8'))).toBeNull();
  });

  it.each([
    ['the floating IP on rfp- is local', '203.0.113.10', true],
    ['the qr- address is local', '192.168.200.1', true],
    ['a VM address is not', '192.168.200.5', false],
  ])('localRoute: %s', (_, addr, local) => {
    const r = localRoute(qrouter('floating-ip', 'compute1'), ip(addr));
    expect(r !== null).toBe(local);
    if (r) expect(formatIpv4(r.dst.network)).toBe(addr);
  });

  it.each([
    [{ ip: ip('192.168.200.1'), prefixLen: 24 }, '192.168.200.77', true],
    [{ ip: ip('192.168.200.1'), prefixLen: 24 }, '192.168.201.1', false],
    [{ ip: ip('192.168.200.5'), prefixLen: 32 }, '192.168.200.5', true],
    [{ ip: 0, prefixLen: 0 }, '8.8.8.8', true],
  ])('prefixContains(%o, %s) is %s', (prefix, addr, expected) => {
    expect(prefixContains(prefix, ip(addr))).toBe(expected);
  });
});
