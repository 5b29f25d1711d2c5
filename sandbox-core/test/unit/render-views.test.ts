import { describe, expect, it } from 'vitest';
import { parseCidr } from '../../src/index.js';
import type { Namespace, Route } from '../../src/index.js';
import { renderIpRoute, renderOfctlShow } from '../../src/views/render-views.js';
import { exampleModel } from '../helpers.js';
import { formatIptablesRule } from '../../src/views/format-lines.js';
import type { IptablesRule } from '../../src/model/state-types.js';

const route = (table: Route['table'], dst: string, dev = 'qr-a', type: Route['type'] = 'unicast'): Route => ({
  table,
  type,
  dst: dst === 'default' ? { network: 0, prefixLen: 0 } : parseCidr(dst.includes('/') ? dst : `${dst}/32`)!,
  via: null,
  dev,
  kernelSrc: null,
  scope: null,
});

const ns = (routes: Route[]): Namespace => ({
  name: 'qrouter-x',
  kind: 'qrouter',
  router: null,
  network: null,
  devices: [],
  rules: [],
  routes,
  neighbours: [],
  natChains: [],
  natRules: [],
  filter: { chains: [], rules: [] },
  raw: { chains: [], rules: [] },
  sysctls: [],
});

// Orders observed on Linux 6.18 (test/kernel replays them): tables by id mod 256, the most recently
// created first within a bucket (main and local exist first), routes by address, longer prefix first.
describe('renderIpRoute', () => {
  it.each([
    [
      'numbered tables come by hash bucket, so 3232286721 (bucket 1) before 16',
      [route(16, 'default'), route(3232286721, 'default')],
      ['default dev qr-a table 3232286721', 'default dev qr-a table 16'],
    ],
    [
      'within a bucket the table created last comes first',
      [route(257, 'default'), route(1, 'default')],
      ['default dev qr-a table 1', 'default dev qr-a table 257'],
    ],
    [
      'a table in bucket 254 comes before main, created earlier',
      [route('main', '10.0.0.0/24'), route(167838206, 'default')],
      ['default dev qr-a table 167838206', '10.0.0.0/24 dev qr-a'],
    ],
    [
      'routes of a table by address, the longer prefix first',
      [route('main', '10.0.0.0/8'), route('main', 'default'), route('main', '10.0.0.0/24'), route('main', '9.0.0.0/8')],
      ['default dev qr-a', '9.0.0.0/8 dev qr-a', '10.0.0.0/24 dev qr-a', '10.0.0.0/8 dev qr-a'],
    ],
    [
      'local after main; one address keeps the order the kernel added it (local, then the /32 brd broadcast)',
      [
        route('local', '1.2.3.4', 'rfp-a', 'local'),
        route('local', '1.2.3.4', 'rfp-a', 'broadcast'),
        route('main', 'default'),
      ],
      ['default dev qr-a', 'local 1.2.3.4 dev rfp-a table local', 'broadcast 1.2.3.4 dev rfp-a table local'],
    ],
  ])('renderIpRoute: %s', (_, routes, expected) => {
    expect(renderIpRoute(ns(routes)).split('\n')).toEqual(expected);
  });
});

describe('formatIptablesRule', () => {
  const ip = (text: string) => parseCidr(`${text}/32`)!.network;
  it.each([
    [
      { chain: 'PREROUTING', match: {}, target: { kind: 'jump', chain: 'neutron-l3-agent-PREROUTING' } },
      '-A PREROUTING -j neutron-l3-agent-PREROUTING',
    ],
    [
      {
        chain: 'neutron-l3-agent-PREROUTING',
        match: { dst: { ip: ip('169.254.169.254'), prefixLen: 32 }, tcpDport: 80 },
        target: { kind: 'redirect', port: 9697 },
      },
      '-A neutron-l3-agent-PREROUTING -d 169.254.169.254/32 -p tcp -m tcp --dport 80 -j REDIRECT --to-ports 9697',
    ],
    [
      {
        chain: 'neutron-l3-agent-POSTROUTING',
        match: { notInOutDev: 'qg-1', notCtstateDnat: true },
        target: { kind: 'accept' },
      },
      '-A neutron-l3-agent-POSTROUTING ! -i qg-1 ! -o qg-1 -m conntrack ! --ctstate DNAT -j ACCEPT',
    ],
    [
      {
        chain: 'neutron-l3-agent-snat',
        match: { src: { ip: ip('192.168.200.0'), prefixLen: 24 } },
        target: { kind: 'snat', to: ip('10.100.100.162') },
      },
      '-A neutron-l3-agent-snat -s 192.168.200.0/24 -j SNAT --to-source 10.100.100.162',
    ],
    [
      {
        chain: 'neutron-l3-agent-OUTPUT',
        match: { dst: { ip: ip('203.0.113.10'), prefixLen: 32 } },
        target: { kind: 'dnat', to: ip('192.168.200.5') },
      },
      '-A neutron-l3-agent-OUTPUT -d 203.0.113.10/32 -j DNAT --to-destination 192.168.200.5',
    ],
  ] as [IptablesRule, string][])('prints %j as %s', (rule, line) => {
    expect(formatIptablesRule(rule)).toBe(line);
  });
});

describe('renderOfctlShow', () => {
  it('maps every OpenFlow port number of br-int to its name, as dump-flows output needs', () => {
    const state = exampleModel('snat-seed').host('compute1')!;
    const br = state.bridges.find((b) => b.name === 'br-int')!;
    const text = renderOfctlShow(br, 'compute1', state.vifs);
    const ports = [...text.matchAll(/^ (\d+|LOCAL)\(([^)]+)\): addr:(\S+)$/gm)].map((m) => `${m[1]}(${m[2]})`);
    expect(ports).toEqual([...br.ports.map((p) => `${p.ofport}(${p.name})`), 'LOCAL(br-int)']);
    // A VM's port on br-int is its qvo, a veth end with a MAC of its own (hybrid plugging).
    const vm = br.ports.find((p) => p.kind === 'vm')!;
    expect(vm.name).toMatch(/^qvo/);
    expect(text).toContain(` ${vm.ofport}(${vm.name}): addr:${state.vifs[0]!.qvoMac}`);
    expect(text.split('\n')[0]).toMatch(/^OFPT_FEATURES_REPLY \(xid=0x2\): dpid:[0-9a-f]{16}$/);
    expect(renderOfctlShow(br, 'compute1', state.vifs)).toBe(text);
  });
});
