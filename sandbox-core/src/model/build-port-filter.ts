import type { Port, SecurityGroup, SecurityGroupRule, Vm } from '../scenario/resolved-types.js';
import { FIREWALL_WRAP, MAX_CHAIN_LEN_WRAP, SG_CHAIN, SG_FALLBACK } from './neutron-constants.js';
import { names } from './names.js';
import type { IptablesMatch, IptablesRule, IptablesTableState, Ipset } from './state-types.js';

/**
 * The host's root filter table as Juno's OVSHybridIptablesFirewallDriver lays it out for the VM ports
 * of a host (neutron/agent/linux/iptables_firewall.py, with enable_ipset = True, Juno's default):
 *
 * - the IptablesManager skeleton (iptables_manager.py __init__): INPUT/FORWARD/OUTPUT jump to their
 *   wrapped `neutron-openvswi-` chains, `neutron-filter-top` at the top of FORWARD and OUTPUT;
 * - per port (`_setup_chains_apply`): FORWARD sends frames bridged out to / in from the port's tap to
 *   `sg-chain`, which sends them on to the port's ingress `i<id>` or egress `o<id>` chain; INPUT sends
 *   the port's own traffic to the host to `o<id>` as well;
 * - `i<id>`: drop INVALID, RETURN what belongs to a known connection, the DHCP server's answer (a
 *   provider rule, securitygroups_rpc_base.py _add_ingress_dhcp_rule), the group rules, then
 *   `sg-fallback`; `o<id>`: DHCP requests, the `s<id>` anti-spoofing chain (the port's IP with its
 *   MAC only), no DHCP server answers from a VM, then the same state rules and group rules;
 * - `sg-chain` ends in ACCEPT (once: iptables_manager keeps the last of duplicate rules), `sg-fallback`
 *   in DROP.
 *
 * A rule with a remote group matches the group's ipset (`_generate_ipset_chain`), created only while
 * the group has members.
 */
export function buildPortFilter(
  vms: readonly Vm[],
  dhcpOf: (vm: Vm) => Port | null,
): { filter: IptablesTableState; ipsets: Ipset[] } {
  const wrap = (chain: string) => `${FIREWALL_WRAP}-${chain}`;
  const jump = (chain: string, to: string, match: IptablesMatch = {}): IptablesRule => ({
    chain,
    match,
    target: { kind: 'jump', chain: to },
  });
  const rule = (chain: string, match: IptablesMatch, kind: 'return' | 'drop' | 'accept'): IptablesRule => ({
    chain,
    match,
    target: { kind },
  });
  const [input, forward, output, local] = ['INPUT', 'FORWARD', 'OUTPUT', 'local'].map(wrap) as [
    string,
    string,
    string,
    string,
  ];
  const chains = new Set<string>(['neutron-filter-top', input, forward, output, local, SG_CHAIN, SG_FALLBACK]);
  const rules: IptablesRule[] = [
    jump('INPUT', input),
    jump('FORWARD', 'neutron-filter-top'),
    jump('FORWARD', forward),
    jump('OUTPUT', 'neutron-filter-top'),
    jump('OUTPUT', output),
    jump('neutron-filter-top', local),
  ];
  const ipsets = new Map<string, Ipset>();
  const setOf = (group: SecurityGroup): string | null => {
    if (group.memberIps.length === 0) return null;
    const name = ipsetName(group);
    if (!ipsets.has(name)) ipsets.set(name, { name, group });
    return name;
  };
  const perPort: IptablesRule[] = [];
  for (const vm of vms) {
    const tap = names.tap(vm.port);
    const i = portChain('i', vm.port);
    const o = portChain('o', vm.port);
    const s = portChain('s', vm.port);
    chains.add(i).add(o).add(s);
    const out = { physdev: { dir: 'out' as const, dev: tap } };
    const inn = { physdev: { dir: 'in' as const, dev: tap } };
    perPort.push(jump(forward, SG_CHAIN, out), jump(SG_CHAIN, i, out));
    const dhcp = dhcpOf(vm);
    perPort.push(
      rule(i, { state: 'INVALID' }, 'drop'),
      rule(i, { state: 'RELATED,ESTABLISHED' }, 'return'),
      ...(dhcp ? [rule(i, { src: { ip: dhcp.ip, prefixLen: 32 }, proto: 'udp', sport: 67, dport: 68 }, 'return')] : []),
      ...groupRules(vm, 'ingress', i, setOf),
      jump(i, SG_FALLBACK),
    );
    perPort.push(jump(forward, SG_CHAIN, inn), jump(SG_CHAIN, o, inn), jump(input, o, inn));
    perPort.push(
      rule(o, { proto: 'udp', sport: 68, dport: 67 }, 'return'),
      jump(o, s),
      rule(s, { src: { ip: vm.port.ip, prefixLen: 32 }, macSource: vm.port.mac.toUpperCase() }, 'return'),
      rule(s, {}, 'drop'),
      rule(o, { proto: 'udp', sport: 67, dport: 68 }, 'drop'),
      rule(o, { state: 'INVALID' }, 'drop'),
      rule(o, { state: 'RELATED,ESTABLISHED' }, 'return'),
      ...groupRules(vm, 'egress', o, setOf),
      jump(o, SG_FALLBACK),
    );
  }
  // Each port adds `-j ACCEPT` to sg-chain; iptables_manager keeps the last of identical rules, so it
  // ends up once, after every jump.
  if (vms.length) perPort.push(rule(SG_CHAIN, {}, 'accept'));
  perPort.push(rule(SG_FALLBACK, {}, 'drop'));
  const sorted = [...chains].sort(byteOrder);
  const order = ['INPUT', 'FORWARD', 'OUTPUT', ...sorted];
  const all = [...rules, ...perPort];
  const byChain = new Map<string, IptablesRule[]>(order.map((c) => [c, []]));
  for (const r of all) byChain.get(r.chain)!.push(r);
  return {
    filter: { chains: sorted, rules: order.flatMap((c) => byChain.get(c)!) },
    ipsets: [...ipsets.values()],
  };
}

/** `_port_chain_name`: the direction letter and the port id, cut to 11 characters, behind the wrap name. */
export function portChain(letter: 'i' | 'o' | 's', port: Port): string {
  return `${FIREWALL_WRAP}-${`${letter}${port.id}`.slice(0, MAX_CHAIN_LEN_WRAP)}`;
}

/** The ipset of a group's IPv4 members (iptables_firewall.py: ethertype + sg_id[:IPSET_CHAIN_LEN]). */
export function ipsetName(group: SecurityGroup): string {
  return `IPv4${group.id.slice(0, 20)}`;
}

/** `_convert_sgr_to_iptables_rules` for one direction of a port: its groups' rules in order, each a RETURN. */
function groupRules(
  vm: Vm,
  direction: SecurityGroupRule['direction'],
  chain: string,
  setOf: (g: SecurityGroup) => string | null,
): IptablesRule[] {
  const out: IptablesRule[] = [];
  const keys: string[] = [];
  for (const group of vm.securityGroups)
    for (const r of group.rules) {
      if (r.direction !== direction) continue;
      const match: IptablesMatch = {};
      if (r.remoteCidr)
        match[direction === 'ingress' ? 'src' : 'dst'] = {
          ip: r.remoteCidr.network,
          prefixLen: r.remoteCidr.prefixLen,
        };
      if (r.protocol) match.proto = r.protocol;
      if (r.portMin !== null && r.portMax !== null) {
        if (r.portMin === r.portMax) match.dport = r.portMin;
        else match.dports = { min: r.portMin, max: r.portMax };
      }
      if (r.remoteGroup) {
        const set = setOf(r.remoteGroup);
        // No members, no ipset, no rule (_generate_ipset_chain).
        if (set === null) continue;
        match.set = { name: set, dir: direction === 'ingress' ? 'src' : 'dst' };
      }
      // The same rule in two groups: iptables_manager keeps its last occurrence.
      const key = `${match.src?.ip}/${match.src?.prefixLen} ${match.dst?.ip}/${match.dst?.prefixLen} ${match.proto} ${match.dport} ${match.dports?.min}:${match.dports?.max} ${match.set?.name}`;
      const before = keys.indexOf(key);
      if (before >= 0) {
        out.splice(before, 1);
        keys.splice(before, 1);
      }
      out.push({ chain, match, target: { kind: 'return' } });
      keys.push(key);
    }
  return out;
}

/** iptables lists chains in byte order (upper case before lower case). */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
