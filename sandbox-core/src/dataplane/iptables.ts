import type { IptablesRule } from '../model/state-types.js';
import type { Packet } from './packet.js';
import { prefixContains } from './policy-routing.js';

/** What a rule may look at besides the headers: the devices and the conntrack state. */
export interface IptablesContext {
  inDev: string | null;
  outDev: string | null;
  /** The connection was DNATed (conntrack's DNAT state). */
  ctDnat: boolean;
  /** The bridge ports a bridged frame entered and leaves by (`-m physdev`); absent outside a bridge. */
  physdevIn?: string | null;
  physdevOut?: string | null;
  /** The packet belongs to a connection conntrack has seen both ways (`--state RELATED,ESTABLISHED`). */
  established?: boolean;
  /** The members of an ipset by name (`-m set`), null for a set the host does not have. */
  ipset?: (name: string) => ReadonlySet<number> | null;
}

/** Whether one rule's match holds for a packet. */
export function ruleMatches(rule: IptablesRule, p: Packet, ctx: IptablesContext): boolean {
  const m = rule.match;
  if (m.src && !prefixContains(m.src, p.ipSrc)) return false;
  if (m.dst && !prefixContains(m.dst, p.ipDst)) return false;
  if (m.tcpDport !== undefined && (p.proto !== 'tcp' || p.dport !== m.tcpDport)) return false;
  if (m.notInOutDev !== undefined && (ctx.inDev === m.notInOutDev || ctx.outDev === m.notInOutDev)) return false;
  if (m.notCtstateDnat && ctx.ctDnat) return false;
  if (m.proto !== undefined && p.proto !== m.proto) return false;
  // Traced packets leave from an ephemeral source port, so no --sport rule (DHCP's 67/68) matches them.
  if (m.sport !== undefined) return false;
  if (m.dport !== undefined && p.dport !== m.dport) return false;
  if (m.dports && (p.dport === null || p.dport < m.dports.min || p.dport > m.dports.max)) return false;
  if (m.physdev && (m.physdev.dir === 'in' ? ctx.physdevIn : ctx.physdevOut) !== m.physdev.dev) return false;
  if (m.macSource !== undefined && p.ethSrc.toUpperCase() !== m.macSource.toUpperCase()) return false;
  // A traced packet is never INVALID; it is ESTABLISHED when it answers a connection conntrack saw.
  if (m.state === 'INVALID') return false;
  if (m.state === 'RELATED,ESTABLISHED' && !ctx.established) return false;
  if (m.set) {
    const members = ctx.ipset?.(m.set.name);
    if (!members || !members.has(m.set.dir === 'src' ? p.ipSrc : p.ipDst)) return false;
  }
  return true;
}

/**
 * Walks a table's rules from a built-in chain, following jumps (a chain that ends without a verdict
 * returns to its caller, as iptables does): the rule that decided, or null when the packet falls off
 * the built-in chain to its ACCEPT policy.
 */
export function walkChain(
  rules: readonly IptablesRule[],
  chain: string,
  p: Packet,
  ctx: IptablesContext,
): IptablesRule | null {
  const visit = (name: string, depth: number): IptablesRule | null => {
    if (depth > 16) return null;
    for (const r of rules) {
      if (r.chain !== name || !ruleMatches(r, p, ctx)) continue;
      if (r.target.kind === 'jump') {
        const found = visit(r.target.chain, depth + 1);
        if (found) return found;
        continue;
      }
      return r;
    }
    return null;
  };
  return visit(chain, 0);
}
