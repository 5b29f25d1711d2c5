import type { Hop, Topology, Trace, TraceRequest } from './core-types';

/** A small trace in the shape of the seed example (VM3 -> 8.8.8.8 through the network node's SNAT), for unit tests of the UI. */
export function fakeTrace(snatIp = '10.100.100.162'): Trace {
  const pkt = {
    ethSrc: 'fa:16:3e:00:00:03',
    ethDst: 'fa:16:3e:00:00:01',
    ipSrc: '192.168.200.6',
    ipDst: '8.8.8.8',
    proto: 'icmp' as const,
  };
  const hops: Hop[] = [
    {
      step: 1,
      host: 'compute1',
      where: 'VM3',
      device: 'tap1',
      stage: { name: 'send', command: null, table: null },
      rule: null,
      packet: pkt,
      note: 'VM3 sends to its gateway.',
      changed: [],
    },
    {
      step: 2,
      host: 'compute1',
      where: 'br-int',
      device: 'qr-1',
      stage: { name: 'table 0', command: 'ovs-ofctl dump-flows br-int table=0', table: '0' },
      rule: 'NORMAL',
      packet: { ...pkt, vlan: 1 },
      note: 'tagged',
      changed: ['vlan'],
    },
    {
      step: 3,
      host: 'compute1',
      where: 'qrouter-r1',
      device: 'sg-1',
      stage: { name: 'ip rule', command: 'ip netns exec qrouter-r1 ip rule', table: null },
      rule: '3232286721: from 192.168.200.1/24 lookup 3232286721',
      packet: { ...pkt, ethSrc: 'fa:16:3e:00:00:01', ethDst: 'fa:16:3e:00:00:09' },
      note: 'to the SNAT port',
      changed: ['ethSrc', 'ethDst'],
    },
    {
      step: 4,
      host: null,
      where: 'tunnel',
      device: null,
      stage: { name: 'vxlan', command: null, table: null },
      rule: null,
      packet: { ...pkt, tunnelId: 1001 },
      note: 'over the tunnel',
      changed: ['tunnelId'],
    },
    {
      step: 5,
      host: 'network',
      where: 'snat-r1',
      device: 'qg-1',
      stage: { name: 'iptables nat POSTROUTING', command: 'ip netns exec snat-r1 iptables -t nat -S', table: 'nat' },
      rule: '-A neutron-l3-agent-snat -s 192.168.200.0/24 -j SNAT --to-source ' + snatIp,
      packet: { ...pkt, ipSrc: snatIp },
      note: 'SNAT',
      changed: ['ipSrc'],
    },
    {
      step: 6,
      host: null,
      where: 'internet',
      device: null,
      stage: { name: 'deliver', command: null, table: null },
      rule: null,
      packet: { ...pkt, ipSrc: snatIp },
      note: 'out',
      changed: [],
    },
  ];
  const reply: Trace = {
    verdict: 'delivered',
    reason: null,
    hops: [
      {
        step: 1,
        host: null,
        where: 'internet',
        device: null,
        stage: { name: 'send', command: null, table: null },
        rule: null,
        packet: { ...pkt, ipSrc: '8.8.8.8', ipDst: snatIp },
        note: 'reply',
        changed: [],
      },
    ],
    reply: null,
  };
  return { verdict: 'delivered', reason: null, hops, reply };
}

/** The topology matching fakeTrace: two hosts, their boxes and links. */
export function fakeTopology(): Topology {
  return {
    hosts: [
      {
        name: 'network',
        agentMode: 'dvr_snat',
        tunnelIp: '172.16.0.11',
        boxes: [
          { id: 'network/snat-r1', kind: 'snat', label: 'snat-r1', ports: ['sg-1', 'qg-1'] },
          { id: 'network/qrouter-r1', kind: 'qrouter', label: 'qrouter-r1', ports: [] },
          { id: 'network/br-int', kind: 'br-int', label: 'br-int', ports: [] },
          { id: 'network/br-tun', kind: 'br-tun', label: 'br-tun', ports: [] },
          { id: 'network/br-ex', kind: 'br-ex', label: 'br-ex', ports: [] },
        ],
      },
      {
        name: 'compute1',
        agentMode: 'dvr',
        tunnelIp: '172.16.0.12',
        boxes: [
          { id: 'compute1/VM3', kind: 'vm', label: 'VM3', ports: ['tap1'] },
          { id: 'compute1/qrouter-r1', kind: 'qrouter', label: 'qrouter-r1', ports: ['qr-1'] },
          { id: 'compute1/br-int', kind: 'br-int', label: 'br-int', ports: [] },
          { id: 'compute1/br-tun', kind: 'br-tun', label: 'br-tun', ports: [] },
        ],
      },
    ],
    external: { cidr: '10.100.100.160/28', gateway: '10.100.100.161' },
    links: [
      { from: 'compute1/VM3', to: 'compute1/br-int', kind: 'port' },
      { from: 'compute1/qrouter-r1', to: 'compute1/br-int', kind: 'port' },
      { from: 'compute1/br-int', to: 'compute1/br-tun', kind: 'patch' },
      { from: 'compute1/br-tun', to: 'tunnel', kind: 'tunnel' },
      { from: 'network/br-tun', to: 'tunnel', kind: 'tunnel' },
      { from: 'network/br-int', to: 'network/br-tun', kind: 'patch' },
      { from: 'network/snat-r1', to: 'network/br-int', kind: 'port' },
      { from: 'network/snat-r1', to: 'network/br-ex', kind: 'port' },
      { from: 'network/br-ex', to: 'internet', kind: 'external' },
    ],
  };
}

/** The seed-like scenario text used by form and controller tests. */
export const FAKE_SCENARIO_TEXT = `{
  "version": 1,
  "hosts": [
    { "name": "network", "agentMode": "dvr_snat" },
    { "name": "compute1", "agentMode": "dvr" }
  ],
  "networks": [
    { "name": "public", "external": true, "subnet": { "cidr": "10.100.100.160/28", "gateway": "10.100.100.161" } },
    { "name": "App", "subnet": { "cidr": "192.168.200.0/24" } }
  ],
  "routers": [
    { "name": "router1", "distributed": true, "externalGateway": { "network": "public", "ip": "10.100.100.162" }, "interfaces": ["App"] }
  ],
  "vms": [{ "name": "VM3", "host": "compute1", "network": "App", "ip": "192.168.200.6" }]
}
`;

/** The seed request. */
export const FAKE_REQUEST: TraceRequest = { from: 'VM3', to: '8.8.8.8', proto: 'icmp' as const };
