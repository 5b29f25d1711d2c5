import { formatIpv4 } from '../addr/ipv4.js';
import type { Flow, FlowAction, IpRule, IptablesRule, Neighbour, Route } from '../model/state-types.js';

/** An `ip rule`'s selector as iproute2 writes it (`all`, a host address, or address/prefix), for views and replay alike. */
export function ruleFrom(rule: IpRule): string {
  if (rule.from === null) return 'all';
  return rule.from.prefixLen === 32 ? formatIpv4(rule.from.ip) : `${formatIpv4(rule.from.ip)}/${rule.from.prefixLen}`;
}

/** One `ip rule` line, as iproute2 prints it; the tracer cites the same text. */
export function formatIpRule(rule: IpRule): string {
  return `${rule.priority}:\tfrom ${ruleFrom(rule)} lookup ${rule.table}`;
}

/** One `ip route show table all` line. */
export function formatRoute(route: Route): string {
  const dst =
    route.dst.prefixLen === 0
      ? 'default'
      : route.dst.prefixLen === 32
        ? formatIpv4(route.dst.network)
        : `${formatIpv4(route.dst.network)}/${route.dst.prefixLen}`;
  const parts: string[] = [];
  if (route.type !== 'unicast') parts.push(route.type);
  parts.push(dst);
  if (route.via !== null) parts.push(`via ${formatIpv4(route.via)}`);
  parts.push(`dev ${route.dev}`);
  if (route.table !== 'main') parts.push(`table ${route.table}`);
  if (route.kernelSrc !== null) parts.push(`proto kernel scope ${route.scope} src ${formatIpv4(route.kernelSrc)}`);
  return parts.join(' ');
}

/** One `ip neigh` line for a permanent entry. */
export function formatNeighbour(n: Neighbour): string {
  return `${formatIpv4(n.ip)} dev ${n.dev} lladdr ${n.mac} PERMANENT`;
}

/** An address match as iptables prints it: always with its prefix length, the network address for a prefix. */
function formatPrefix(p: { ip: number; prefixLen: number }): string {
  return `${formatIpv4(p.ip)}/${p.prefixLen}`;
}

/** The part of an `iptables -S` line after `-A <chain> `, derived from the rule's structure in iptables' option order. */
export function formatIptablesSpec(rule: IptablesRule): string {
  const m = rule.match;
  const parts: string[] = [];
  if (m.src) parts.push(`-s ${formatPrefix(m.src)}`);
  if (m.dst) parts.push(`-d ${formatPrefix(m.dst)}`);
  if (m.notInOutDev !== undefined) parts.push(`! -i ${m.notInOutDev} ! -o ${m.notInOutDev}`);
  if (m.tcpDport !== undefined) parts.push(`-p tcp -m tcp --dport ${m.tcpDport}`);
  // iptables prints -p before the matches, and the matches in the order the rule gave them.
  if (m.proto) parts.push(`-p ${m.proto}`);
  if (m.physdev) parts.push(`-m physdev --physdev-${m.physdev.dir} ${m.physdev.dev} --physdev-is-bridged`);
  if (m.macSource) parts.push(`-m mac --mac-source ${m.macSource}`);
  if (m.state) parts.push(`-m state --state ${m.state}`);
  if (m.proto && (m.sport !== undefined || m.dport !== undefined)) {
    parts.push(`-m ${m.proto}`);
    if (m.sport !== undefined) parts.push(`--sport ${m.sport}`);
    if (m.dport !== undefined) parts.push(`--dport ${m.dport}`);
  }
  if (m.dports) parts.push(`-m multiport --dports ${m.dports.min}:${m.dports.max}`);
  if (m.set) parts.push(`-m set --match-set ${m.set.name} ${m.set.dir}`);
  if (m.notCtstateDnat) parts.push('-m conntrack ! --ctstate DNAT');
  const t = rule.target;
  switch (t.kind) {
    case 'jump':
      parts.push(`-j ${t.chain}`);
      break;
    case 'accept':
      parts.push('-j ACCEPT');
      break;
    case 'dnat':
      parts.push(`-j DNAT --to-destination ${formatIpv4(t.to)}`);
      break;
    case 'snat':
      parts.push(`-j SNAT --to-source ${formatIpv4(t.to)}`);
      break;
    case 'redirect':
      parts.push(`-j REDIRECT --to-ports ${t.port}`);
      break;
    case 'notrack':
      parts.push('-j CT --notrack');
      break;
    case 'return':
      parts.push('-j RETURN');
      break;
    case 'drop':
      parts.push('-j DROP');
      break;
  }
  return parts.join(' ');
}

/** One `iptables -S` rule line; the tracer cites the same text. */
export function formatIptablesRule(rule: IptablesRule): string {
  return `-A ${rule.chain} ${formatIptablesSpec(rule)}`;
}

function formatAction(a: FlowAction): string {
  switch (a.kind) {
    case 'resubmit':
      return `resubmit(,${a.table})`;
    case 'drop':
      return 'drop';
    case 'normal':
      return 'NORMAL';
    case 'output':
      return a.ports.map((p) => `output:${p}`).join(',');
    case 'mod_dl_src':
      return `mod_dl_src:${a.mac}`;
    case 'strip_vlan':
      return 'strip_vlan';
    case 'mod_vlan_vid':
      return `mod_vlan_vid:${a.vlan}`;
    case 'set_tunnel':
      return `set_tunnel:0x${a.id.toString(16)}`;
    case 'learn':
      return 'learn(table=20,hard_timeout=300,priority=1,NXM_OF_VLAN_TCI[0..11],NXM_OF_ETH_DST[]=NXM_OF_ETH_SRC[],load:0->NXM_OF_VLAN_TCI[],load:NXM_NX_TUN_ID[]->NXM_NX_TUN_ID[],output:NXM_OF_IN_PORT[])';
  }
}

/** One `ovs-ofctl dump-flows` line (statistics left out so output is stable; ports shown by name, as OVS does interactively). */
export function formatFlow(flow: Flow): string {
  const m = flow.match;
  const fields: string[] = [];
  if (flow.priority !== 32768) fields.push(`priority=${flow.priority}`);
  if (m.arp) fields.push('arp');
  if (m.ipDst) fields.push('ip');
  if (m.inPort !== undefined) fields.push(`in_port=${m.inPort}`);
  if (m.tunId !== undefined) fields.push(`tun_id=0x${m.tunId.toString(16)}`);
  if (m.dlVlan !== undefined) fields.push(`dl_vlan=${m.dlVlan}`);
  if (m.dlSrc !== undefined) fields.push(`dl_src=${m.dlSrc}`);
  if (m.dlDst !== undefined) fields.push(`dl_dst=${m.dlDst}`);
  if (m.dlDstKind === 'unicast') fields.push('dl_dst=00:00:00:00:00:00/01:00:00:00:00:00');
  if (m.dlDstKind === 'multicast') fields.push('dl_dst=01:00:00:00:00:00/01:00:00:00:00:00');
  if (m.nwDst !== undefined) fields.push(`arp_tpa=${formatIpv4(m.nwDst)}`);
  if (m.ipDst) fields.push(`nw_dst=${formatIpv4(m.ipDst.network)}/${m.ipDst.prefixLen}`);
  const actions: string[] = [];
  for (let i = 0; i < flow.actions.length; i++) {
    const a = flow.actions[i]!;
    // Consecutive outputs print as one list, as the agent writes them.
    actions.push(formatAction(a));
  }
  return ` cookie=0x0, table=${flow.table}, ${fields.join(',')}${fields.length ? ' ' : ''}actions=${actions.join(',')}`;
}
