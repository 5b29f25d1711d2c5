import { formatIpv4 } from '../addr/ipv4.js';
import type { Packet } from '../dataplane/packet.js';
import type { PortFilterDecision } from '../dataplane/port-filter.js';
import { FIP_RT_TBL, SG_CHAIN, SG_FALLBACK, ovsTableName } from '../model/neutron-constants.js';
import type { Bridge, Flow, HostState, IpRule, Namespace, OvsPort, Route, Vif } from '../model/state-types.js';

/**
 * The sentence each hop tells the reader, keyed by the stage's name: OVS tables by the agent's own
 * table names (neutron-constants.ts), routing by the tables the L3 agent creates.
 */

/** Why NORMAL switching sent the frame where it did. */
export function normalNote(out: OvsPort, p: Packet, state: HostState): string {
  if (out.kind === 'patch')
    return `NORMAL switching: ${p.ethDst} is not on this host, so the frame goes to ${out.name} tagged with local VLAN ${p.vlan}`;
  if (out.kind === 'phy')
    return `NORMAL switching: ${p.ethDst} is not on this host, so the frame leaves by the external NIC ${out.name}`;
  if (out.kind === 'vm') return `NORMAL switching: ${p.ethDst} is ${out.vm}'s port ${out.name}`;
  const kind = out.namespace === null ? null : state.namespaces.find((n) => n.name === out.namespace)?.kind;
  return `NORMAL switching: ${p.ethDst} is port ${out.name}${kind ? ` in ${kind}` : ''}`;
}

/** Why a table dropped the frame. */
export function dropNote(br: Bridge, table: number): string {
  switch (ovsTableName(br.name, table)) {
    case 'DVR_PROCESS':
      return 'frames addressed to the distributed router interface MAC never leave the host';
    case 'DVR_TO_SRC_MAC':
      return 'no local port owns the destination MAC of this DVR-routed frame';
    default:
      return 'the table has no flow for this frame but its default drop';
  }
}

/** What a flow did, told by its table's name. */
export function flowNote(br: Bridge, flow: Flow, outputs: number, p: Packet, out: OvsPort | null): string {
  const a = flow.actions;
  const name = ovsTableName(br.name, flow.table);
  const next = a.find((x) => x.kind === 'resubmit');
  switch (name) {
    case 'DVR_PROCESS':
      if (a.some((x) => x.kind === 'mod_dl_src'))
        return `DVR_PROCESS: the routed frame's source MAC (the qr- MAC) is replaced by this host's DVR MAC ${p.ethSrc}, so the same router MAC never appears from two hosts`;
      break;
    case 'DVR_TO_SRC_MAC':
      if (a.some((x) => x.kind === 'mod_dl_src'))
        return `DVR_TO_SRC_MAC: the frame came from another host's DVR MAC; br-int strips the VLAN, puts back the subnet gateway MAC ${p.ethSrc} as source and delivers it to ${out?.name}`;
      break;
    case 'UCAST_TO_TUN':
      if (a.some((x) => x.kind === 'set_tunnel'))
        return `UCAST_TO_TUN (l2population): local VLAN stripped, tunnel id ${p.tunnelId} set, out ${out?.name}`;
      break;
    case 'FLOOD_TO_TUN':
      if (a.some((x) => x.kind === 'set_tunnel'))
        return `FLOOD_TO_TUN to ${outputs} tunnel${outputs === 1 ? '' : 's'}: local VLAN stripped, tunnel id ${p.tunnelId} set, out ${out?.name}`;
      break;
    case 'GRE_TUN_TO_LV':
    case 'VXLAN_TUN_TO_LV':
      if (a.some((x) => x.kind === 'mod_vlan_vid'))
        return `tunnel id ${flow.match.tunId} is mapped to this host's local VLAN ${p.vlan}`;
      break;
    case 'LEARN_FROM_TUN':
      return `LEARN_FROM_TUN: the source MAC is learned (table 20) and the frame goes to br-int`;
    case 'DVR_NOT_LEARN':
      if (flow.match.dlSrc)
        return `DVR_NOT_LEARN: the source is another host's DVR MAC, so it is not learned; straight to br-int`;
      break;
    case 'LOCAL_SWITCHING':
      if (flow.match.dlSrc) return `the source is another host's DVR MAC: go to DVR_TO_SRC_MAC (table 1)`;
      break;
    case 'PATCH_LV_TO_TUN':
      if (next?.kind === 'resubmit') return `${flow.match.dlDstKind} destination: on to table ${next.table}`;
      break;
  }
  if (next?.kind === 'resubmit') return `on to table ${next.table}`;
  return 'matched';
}

/** Why an `ip rule` chose its table. */
export function ruleNote(ns: Namespace, rule: IpRule, p: Packet): string {
  if (rule.table === 'main')
    return `the main table is consulted first (priority 32766)${ns.kind === 'qrouter' && ns.router?.distributed ? ": it holds the connected routes of the router's subnets" : ''}`;
  if (rule.table === FIP_RT_TBL)
    return `the floating IP rule for ${formatIpv4(p.ipSrc)} sends its traffic to table ${FIP_RT_TBL}, ahead of the SNAT rule`;
  if (typeof rule.table === 'number')
    return `the main table has no route to ${formatIpv4(p.ipDst)}, so the SNAT redirect rule of the source subnet picks table ${rule.table}`;
  return `rule ${rule.priority} matches`;
}

/** What the chosen route says. */
export function routeNote(route: Route, p: Packet): string {
  if (route.table === FIP_RT_TBL)
    return `table ${FIP_RT_TBL}: default via the fpr- end of the link to the fip namespace`;
  if (typeof route.table === 'number')
    return `table ${route.table}: default via the sg- port on the network node (${formatIpv4(route.via!)})`;
  if (route.via === null) return `${formatIpv4(p.ipDst)} is on the connected subnet of ${route.dev}`;
  return `next hop ${formatIpv4(route.via)} via ${route.dev}`;
}

/** What a VM's qbr hop tells: the hybrid plumbing crossed, and which security group chain and rule let the frame through or dropped it. */
export function securityGroupNote(d: PortFilterDecision, p: Packet, dir: 'ingress' | 'egress', vif: Vif): string {
  const what = `${p.proto}${p.dport !== null ? ` port ${p.dport}` : ''} from ${formatIpv4(p.ipSrc)} to ${formatIpv4(p.ipDst)}`;
  const via =
    dir === 'egress'
      ? `${vif.tap} → ${vif.qbr} → ${vif.qvb}/${vif.qvo}`
      : `${vif.qvo}/${vif.qvb} → ${vif.qbr} → ${vif.tap}`;
  const portChain = d.chains.find(
    (c) => c !== 'FORWARD' && c !== SG_CHAIN && c !== SG_FALLBACK && !c.endsWith('-FORWARD'),
  );
  if (d.verdict === 'drop') {
    if (d.chains.at(-1) === SG_FALLBACK)
      return `${via}: no rule of ${portChain} allows ${what} ${dir === 'ingress' ? `into ${vif.vm.name}` : `out of ${vif.vm.name}`}, so it falls through to sg-fallback, which drops it`;
    return `${via}: ${d.chains.at(-1)} drops ${what}`;
  }
  if (!d.allowedBy) return `${via}: no security group chain matches, so FORWARD's ACCEPT policy passes the frame`;
  if (d.allowedBy.match.state === 'RELATED,ESTABLISHED')
    return `${via}: conntrack knows this connection, so ${d.allowedBy.chain} lets the answer ${dir === 'ingress' ? 'in' : 'out'} (RELATED,ESTABLISHED) and sg-chain accepts it`;
  return `${via}: the security group rule in ${d.allowedBy.chain} allows ${what} (${dir}), sg-chain accepts it, and conntrack now tracks the connection`;
}
