import { cidrContains, maskOf, type Ipv4 } from '../addr/ipv4.js';
import type { IpRule, Namespace, Route } from '../model/state-types.js';

/** A routing decision: the rule that chose the table and the route that matched in it. */
export interface RouteDecision {
  rule: IpRule;
  route: Route;
}

/** Whether an address falls in an `ip rule`/match prefix given as an address and a length (host bits may be set). */
export function prefixContains(prefix: { ip: Ipv4; prefixLen: number }, ip: Ipv4): boolean {
  return cidrContains({ network: (prefix.ip & maskOf(prefix.prefixLen)) >>> 0, prefixLen: prefix.prefixLen }, ip);
}

/** The local table's route for one of the namespace's own addresses, or null: the kernel's local delivery (rule 0). */
export function localRoute(ns: Namespace, dst: Ipv4): Route | null {
  return ns.routes.find((r) => r.table === 'local' && r.type === 'local' && cidrContains(r.dst, dst)) ?? null;
}

/** Policy routing: rules by priority, the first table with a matching route wins (longest prefix within it); null when none. */
export function routeLookup(ns: Namespace, src: Ipv4, dst: Ipv4): RouteDecision | null {
  for (const rule of ns.rules) {
    if (rule.table === 'local') continue;
    if (rule.from && !prefixContains(rule.from, src)) continue;
    let best: Route | null = null;
    for (const r of ns.routes) {
      if (r.table !== rule.table || r.type !== 'unicast') continue;
      if (!cidrContains(r.dst, dst)) continue;
      if (!best || r.dst.prefixLen > best.dst.prefixLen) best = r;
    }
    if (best) return { rule, route: best };
  }
  return null;
}
