import type { IptablesRule } from '../model/state-types.js';
import type { Packet } from './packet.js';
import { prefixContains } from './policy-routing.js';

/** What a rule may look at besides the headers: the devices and the conntrack state. */
export interface IptablesContext {
  inDev: string | null;
  outDev: string | null;
  /** The connection was DNATed (conntrack's DNAT state). */
  ctDnat: boolean;
}

/** Whether one rule's match holds for a packet. */
export function ruleMatches(rule: IptablesRule, p: Packet, ctx: IptablesContext): boolean {
  const m = rule.match;
  if (m.src && !prefixContains(m.src, p.ipSrc)) return false;
  if (m.dst && !prefixContains(m.dst, p.ipDst)) return false;
  if (m.tcpDport !== undefined && (p.proto !== 'tcp' || p.dport !== m.tcpDport)) return false;
  if (m.notInOutDev !== undefined && (ctx.inDev === m.notInOutDev || ctx.outDev === m.notInOutDev)) return false;
  if (m.notCtstateDnat && ctx.ctDnat) return false;
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
