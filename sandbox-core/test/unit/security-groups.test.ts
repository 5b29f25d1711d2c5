import { describe, expect, it } from 'vitest';
import {
  loadScenario,
  renderBrctlShow,
  renderHostIptables,
  renderIpsetList,
  renderOvsVsctlShow,
  tracePacket,
} from '../../src/index.js';
import { exampleModel, exampleScenario, modelOf } from '../helpers.js';

const errorsOf = (sc: unknown) => loadScenario(JSON.stringify(sc)).errors.map((e) => `${e.path}: ${e.message}`);

describe('resolveSecurityGroups', () => {
  it('gives every VM without a list the default group: ingress from its members, egress anywhere', () => {
    const { scenario } = loadScenario(JSON.stringify(exampleScenario('snat-seed')));
    const vm = scenario!.vms[0]!;
    expect(vm.securityGroups.map((g) => g.name)).toEqual(['default']);
    const [ingress, egress] = vm.securityGroups[0]!.rules;
    expect(ingress).toMatchObject({ direction: 'ingress', protocol: null, remoteGroup: vm.securityGroups[0] });
    expect(egress).toMatchObject({ direction: 'egress', protocol: null, remoteGroup: null, remoteCidr: null });
  });

  it('a scenario group named "default" replaces the default rules', () => {
    const sc = exampleScenario('snat-seed');
    sc.securityGroups = [{ name: 'default', rules: [{ direction: 'egress', protocol: 'tcp', portMin: 443 }] }];
    const { scenario } = loadScenario(JSON.stringify(sc));
    expect(scenario!.securityGroups.map((g) => g.name)).toEqual(['default']);
    expect(scenario!.vms[0]!.securityGroups[0]!.rules).toEqual([
      { direction: 'egress', protocol: 'tcp', portMin: 443, portMax: 443, remoteCidr: null, remoteGroup: null },
    ]);
  });

  it.each([
    [
      'an unknown group on a VM',
      (sc: any) => (sc.vms[0].securityGroups = ['web']),
      '/vms/0/securityGroups/0: no security group named "web"; known groups: "default", "ping"',
    ],
    [
      'a group listed twice',
      (sc: any) => (sc.vms[0].securityGroups = ['ping', 'ping']),
      '/vms/0/securityGroups/1: "ping" is listed twice; name each group once',
    ],
    [
      'two groups of one name',
      (sc: any) => sc.securityGroups.push({ name: 'ping', rules: [] }),
      '/securityGroups/1/name: a security group named "ping" already exists (/securityGroups/0); security group names must be unique',
    ],
    [
      'a port range on icmp',
      (sc: any) => sc.securityGroups[0].rules.push({ direction: 'ingress', protocol: 'icmp', portMin: 8 }),
      '/securityGroups/0/rules/1/portMin: a port range needs protocol "tcp" or "udp" (this rule\'s protocol is "icmp")',
    ],
    [
      'a range upside down',
      (sc: any) => sc.securityGroups[0].rules.push({ direction: 'ingress', protocol: 'tcp', portMin: 90, portMax: 80 }),
      '/securityGroups/0/rules/1/portMax: portMax 80 is below portMin 90',
    ],
    [
      'a remote CIDR and a remote group together',
      (sc: any) =>
        sc.securityGroups[0].rules.push({ direction: 'ingress', remoteCidr: '10.0.0.0/8', remoteGroup: 'ping' }),
      '/securityGroups/0/rules/1/remoteGroup: a rule takes remoteCidr or remoteGroup, not both (Neutron: SecurityGroupRemoteGroupAndRemoteIpPrefix)',
    ],
    [
      'an unknown remote group',
      (sc: any) => sc.securityGroups[0].rules.push({ direction: 'ingress', remoteGroup: 'nosuch' }),
      '/securityGroups/0/rules/1/remoteGroup: no security group named "nosuch"; known groups: "default", "ping"',
    ],
    [
      'a direction that is neither',
      (sc: any) => sc.securityGroups[0].rules.push({ direction: 'inbound' }),
      '/securityGroups/0/rules/1/direction: "inbound" is not one of "ingress", "egress"',
    ],
  ])('refuses %s with a located error', (_name, edit, expected) => {
    const sc = exampleScenario('floating-ip');
    edit(sc);
    expect(errorsOf(sc)).toEqual([expected]);
  });
});

describe('the firewall layout and the root-namespace views', () => {
  const model = exampleModel('floating-ip');
  const state = model.host('compute1')!;
  const vif = state.vifs[0]!;

  it('plugs VM1 the hybrid way: tap, qbr, qvb and qvo named after the port, 14 characters', () => {
    const id = vif.vm.port.id;
    expect(vif).toMatchObject({
      tap: `tap${id}`.slice(0, 14),
      qbr: `qbr${id}`.slice(0, 14),
      qvb: `qvb${id}`.slice(0, 14),
      qvo: `qvo${id}`.slice(0, 14),
    });
    expect(state.bridges[0]!.ports.map((p) => p.name)).toContain(vif.qvo);
    expect(state.bridges[0]!.ports.map((p) => p.name)).not.toContain(vif.tap);
  });

  it('iptables -S on the host lays out the OVS agent chains: sg-chain ends in one ACCEPT, sg-fallback drops', () => {
    const text = renderHostIptables(state);
    const lines = text.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      '-P INPUT ACCEPT',
      '-P FORWARD ACCEPT',
      '-P OUTPUT ACCEPT',
      '-N neutron-filter-top',
    ]);
    expect(lines.filter((l) => l === '-A neutron-openvswi-sg-chain -j ACCEPT')).toHaveLength(1);
    expect(lines.at(-2)).toBe('-A neutron-openvswi-sg-chain -j ACCEPT');
    expect(lines.at(-1)).toBe('-A neutron-openvswi-sg-fallback -j DROP');
    expect(text).toContain(
      `-A neutron-openvswi-FORWARD -m physdev --physdev-out ${vif.tap} --physdev-is-bridged -j neutron-openvswi-sg-chain`,
    );
    expect(text).toContain(
      `-A neutron-openvswi-INPUT -m physdev --physdev-in ${vif.tap} --physdev-is-bridged -j neutron-openvswi-o${vif.vm.port.id.slice(0, 10)}`,
    );
  });

  it('every rule of two ports on one host appears in their own chains; -N lists chains in byte order', () => {
    const sc = exampleScenario('floating-ip');
    sc.vms[1].host = 'compute1';
    const st = modelOf(sc).host('compute1')!;
    const chains = renderHostIptables(st)
      .split('\n')
      .filter((l) => l.startsWith('-N '))
      .map((l) => l.slice(3));
    expect(chains).toEqual([...chains].sort());
    expect(chains.filter((c) => /-[ios][0-9a-f]/.test(c))).toHaveLength(6);
  });

  it('a remote group with no members has no ipset and no rule', () => {
    const sc = exampleScenario('floating-ip');
    sc.securityGroups.push({ name: 'empty', rules: [] });
    sc.securityGroups[0].rules.push({ direction: 'ingress', protocol: 'tcp', portMin: 22, remoteGroup: 'empty' });
    const st = modelOf(sc).host('compute1')!;
    expect(renderHostIptables(st)).not.toContain('--dport 22');
    expect(st.ipsets.map((s) => s.group.name)).toEqual(['default']);
  });

  it('ipset list holds the default group members, both VMs', () => {
    expect(renderIpsetList(state)).toMatch(
      /^Name: IPv4\S{20}\nType: hash:ip\n[\s\S]*Members:\n192\.168\.200\.5\n192\.168\.200\.7$/,
    );
  });

  it('brctl show lists the qbr with its qvb and tap', () => {
    expect(renderBrctlShow(state).split('\n')).toEqual([
      'bridge name\tbridge id\t\tSTP enabled\tinterfaces',
      expect.stringMatching(new RegExp(`^${vif.qbr}\\t\\t8000\\.[0-9a-f]{12}\\tno\\t\\t${vif.qvb}$`)),
      `\t\t\t\t\t\t\t${vif.tap}`,
    ]);
  });

  it('ovs-vsctl show has the qvo on br-int with its local VLAN tag, and no tap', () => {
    const text = renderOvsVsctlShow(state);
    expect(text).toContain(`        Port "${vif.qvo}"\n            tag: 1\n            Interface "${vif.qvo}"\n`);
    expect(text).not.toContain('Port "tap');
    expect(text).toContain('    Bridge br-int\n        fail_mode: secure\n');
  });
});

describe('tracePacket through security groups', () => {
  it('trace(floating-ip without the ping group, 8.8.8.8 -> floating IP) is dropped at VM1 qbr by sg-fallback', () => {
    const sc = exampleScenario('floating-ip');
    sc.vms[0].securityGroups = ['default'];
    const { trace } = tracePacket(modelOf(sc), { from: '8.8.8.8', to: '203.0.113.10' });
    expect(trace!.verdict).toBe('dropped');
    const last = trace!.hops.at(-1)!;
    expect(last).toMatchObject({
      where: 'VM1',
      stage: { name: 'security group', command: 'iptables -S', table: 'filter' },
    });
    expect(last.device).toMatch(/^qbr/);
    expect(last.rule).toBe('-A neutron-openvswi-sg-fallback -j DROP');
    expect(trace!.reason).toMatch(/^the security groups of VM1 \("default"\) drop the packet at qbr/);
  });

  it('trace(floating-ip, 8.8.8.8 -> floating IP) passes the ping rule in, and its answer goes out as ESTABLISHED', () => {
    const { trace } = tracePacket(exampleModel('floating-ip'), { from: '8.8.8.8', to: '203.0.113.10' });
    expect(trace!.verdict).toBe('delivered');
    const inbound = trace!.hops.filter((h) => h.stage.name === 'security group');
    expect(inbound.map((h) => h.rule)).toEqual([expect.stringMatching(/^-A neutron-openvswi-i\S+ -p icmp -j RETURN$/)]);
    const answer = trace!.reply!.hops.filter((h) => h.stage.name === 'security group');
    expect(answer.map((h) => h.rule)).toEqual([
      expect.stringMatching(/^-A neutron-openvswi-o\S+ -m state --state RELATED,ESTABLISHED -j RETURN$/),
    ]);
  });

  it('trace(east-west, VM1 -> VM4) on one host crosses two qbrs: out of VM1, into VM4 (same group)', () => {
    const { trace } = tracePacket(exampleModel('east-west'), { from: 'VM1', to: 'VM4' });
    expect(trace!.verdict).toBe('delivered');
    expect(trace!.hops.filter((h) => h.stage.name === 'security group').map((h) => h.where)).toEqual(['VM1', 'VM4']);
    expect(trace!.hops.filter((h) => h.stage.name === 'security group')[1]!.rule).toMatch(
      /-m set --match-set IPv4\S+ src -j RETURN$/,
    );
  });
});
