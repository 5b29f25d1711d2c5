import { SG_CHAIN } from '../model/neutron-constants.js';
import type { HostState, IptablesRule } from '../model/state-types.js';
import { ruleMatches, type IptablesContext } from './iptables.js';
import type { Packet } from './packet.js';

/** What the host's filter table decided for a frame bridged through a VM's qbr. */
export interface PortFilterDecision {
  verdict: 'accept' | 'drop';
  /** The rule that ended the walk (ACCEPT or DROP), or null when FORWARD's ACCEPT policy let it pass. */
  rule: IptablesRule | null;
  /** The last RETURN of a port chain on the way: the security group rule (or state rule) that allowed the frame. */
  allowedBy: IptablesRule | null;
  /** The chains the walk was in when it ended, outermost first (FORWARD ... sg-fallback). */
  chains: string[];
}

/** Which way a frame crosses a VM's qbr, and whether conntrack knows its connection. */
export interface BridgedFrame {
  /** The tap the frame enters the bridge by (egress, from the VM) or leaves it by (ingress, to the VM). */
  physdevIn: string | null;
  physdevOut: string | null;
  established: boolean;
}

/**
 * The filter stage of hybrid plugging: a frame crossing a qbr Linux bridge passes the root namespace's
 * FORWARD chain (bridge-nf-call-iptables), so the security group chains of OVSHybridIptablesFirewallDriver
 * decide (neutron/agent/linux/iptables_firewall.py). Walks FORWARD with jumps and RETURNs as iptables does.
 */
export function portFilter(state: HostState, p: Packet, frame: BridgedFrame): PortFilterDecision {
  const ctx: IptablesContext = {
    inDev: null,
    outDev: null,
    ctDnat: false,
    physdevIn: frame.physdevIn,
    physdevOut: frame.physdevOut,
    established: frame.established,
    ipset: (name) => state.ipsets.find((s) => s.name === name)?.group.memberSet ?? null,
  };
  const byChain = rulesByChain(state);
  let allowedBy: IptablesRule | null = null;
  const stack: string[] = [];
  const visit = (chain: string, depth: number): IptablesRule | null => {
    if (depth > 16) return null;
    stack.push(chain);
    for (const r of byChain.get(chain) ?? []) {
      if (!ruleMatches(r, p, ctx)) continue;
      const t = r.target;
      if (t.kind === 'jump') {
        const end = visit(t.chain, depth + 1);
        if (end) return end;
        continue;
      }
      if (t.kind === 'return') {
        if (chain !== SG_CHAIN) allowedBy = r;
        stack.pop();
        return null;
      }
      if (t.kind === 'accept' || t.kind === 'drop') return r;
    }
    stack.pop();
    return null;
  };
  const end = visit('FORWARD', 0);
  return {
    verdict: end?.target.kind === 'drop' ? 'drop' : 'accept',
    rule: end,
    allowedBy,
    chains: end ? [...stack] : [],
  };
}

const BY_CHAIN = new WeakMap<HostState, Map<string, IptablesRule[]>>();

/** A host's filter rules grouped by chain, once per host state, so a walk reads only the chains it enters. */
function rulesByChain(state: HostState): Map<string, IptablesRule[]> {
  let map = BY_CHAIN.get(state);
  if (!map) {
    map = new Map();
    for (const r of state.filter.rules) {
      let list = map.get(r.chain);
      if (!list) map.set(r.chain, (list = []));
      list.push(r);
    }
    BY_CHAIN.set(state, map);
  }
  return map;
}
