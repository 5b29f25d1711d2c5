import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../../src/index.js';
import { flowMatches, normalSwitch, ovsTable } from '../../src/dataplane/ovs-pipeline.js';
import type { Packet } from '../../src/dataplane/packet.js';
import type { Bridge, Flow } from '../../src/model/state-types.js';
import { exampleModel } from '../helpers.js';

const model = exampleModel('snat-seed');
const compute1 = model.host('compute1')!;
const network = model.host('network')!;
const bridge = (state: typeof compute1, name: Bridge['name']) => state.bridges.find((b) => b.name === name)!;
const qr = compute1.namespaces.find((n) => n.kind === 'qrouter')!.devices.find((d) => d.kind === 'qr')!;
const vm3 = model.scenario.vms.find((v) => v.name === 'VM3')!;
const sg = model.scenario.routers[0]!.interfaces[0]!.sg!;

const frame = (p: Partial<Packet>): Packet => ({
  ethSrc: vm3.port.mac,
  ethDst: qr.mac,
  ipSrc: parseIpv4('192.168.200.6')!,
  ipDst: parseIpv4('8.8.8.8')!,
  proto: 'icmp',
  dport: null,
  vlan: null,
  tunnelId: null,
  ...p,
});

describe('OVS pipeline', () => {
  it.each([
    [
      "br-tun DVR_PROCESS: a routed frame from the qr- MAC gets the host's DVR MAC and goes on to table 2",
      1,
      frame({ ethSrc: qr.mac, ethDst: sg.mac, vlan: 1 }),
      { next: 2, drop: false, ethSrc: compute1.host.dvrMac },
    ],
    [
      'br-tun DVR_PROCESS: a frame to the qr- MAC never leaves the host',
      1,
      frame({ ethDst: qr.mac, vlan: 1 }),
      { next: null, drop: true, ethSrc: vm3.port.mac },
    ],
    [
      'br-tun PATCH_LV_TO_TUN: unicast goes to UCAST_TO_TUN',
      2,
      frame({ ethDst: sg.mac, vlan: 1 }),
      { next: 20, drop: false, ethSrc: vm3.port.mac },
    ],
    [
      'br-tun PATCH_LV_TO_TUN: broadcast goes to FLOOD_TO_TUN',
      2,
      frame({ ethDst: 'ff:ff:ff:ff:ff:ff', vlan: 1 }),
      { next: 22, drop: false, ethSrc: vm3.port.mac },
    ],
  ])('ovsTable: %s', (_, table, p, expected) => {
    const d = ovsTable(bridge(compute1, 'br-tun'), table, p, 'patch-int')!;
    expect({ next: d.next, drop: d.drop, ethSrc: d.packet.ethSrc }).toEqual(expected);
    expect(d.rule).toMatch(new RegExp(`^ cookie=0x0, table=${table},`));
  });

  it('ovsTable: UCAST_TO_TUN strips the VLAN, sets the tunnel id and outputs to the sg- port host, without touching its input', () => {
    const p = frame({ ethSrc: compute1.host.dvrMac!, ethDst: sg.mac, vlan: 1 });
    const d = ovsTable(bridge(compute1, 'br-tun'), 20, p, 'patch-int')!;
    expect(d.packet).toMatchObject({ vlan: null, tunnelId: 1001 });
    expect(d.outputs).toEqual(['vxlan-ac10000b']);
    expect(p.vlan).toBe(1);
  });

  it('ovsTable: a table without flows decides nothing', () => {
    expect(ovsTable(bridge(compute1, 'br-tun'), 99, frame({}), 'patch-int')).toBeNull();
  });

  it.each([
    ['in_port must match', { inPort: 'patch-tun' }, 'patch-int', false],
    ['dl_vlan must match', { dlVlan: 2 }, 'x', false],
    ['an ARP-only flow never matches an IP packet', { arp: true }, 'x', false],
    ['a multicast match refuses a unicast frame', { dlDstKind: 'multicast' as const }, 'x', false],
    ['an empty match takes anything', {}, 'x', true],
  ])('flowMatches: %s', (_, match, inPort, expected) => {
    const flow: Flow = { table: 0, priority: 1, match, actions: [] };
    expect(flowMatches(flow, frame({ vlan: 1 }), inPort)).toBe(expected);
  });

  it.each([
    [
      'br-int: a local port with the MAC on the same VLAN',
      compute1,
      'br-int',
      frame({ ethDst: vm3.port.mac }),
      1,
      'patch-tun',
      vm3.port.mac,
    ],
    [
      'br-int: an unknown MAC goes to patch-tun',
      compute1,
      'br-int',
      frame({ ethDst: 'fa:16:3e:ff:ff:ff' }),
      1,
      'tapx',
      null,
    ],
    [
      'br-int: from patch-tun, an unknown MAC has nowhere to go',
      compute1,
      'br-int',
      frame({ ethDst: 'fa:16:3e:ff:ff:ff' }),
      1,
      'patch-tun',
      undefined,
    ],
    [
      'br-ex: a frame for the upstream gateway leaves by the external NIC',
      network,
      'br-ex',
      frame({ ethDst: '52:54:00:00:00:01' }),
      null,
      'qg-x',
      null,
    ],
  ] as const)('normalSwitch: %s', (_, state, br, p, vlan, inPort, mac) => {
    const out = normalSwitch(bridge(state, br), p, vlan, inPort);
    if (mac === undefined) expect(out).toBeNull();
    else if (mac === null) expect(out!.kind === 'patch' || out!.kind === 'phy').toBe(true);
    else expect(out!.mac).toBe(mac);
  });
});
