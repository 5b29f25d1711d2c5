import { cidrContains } from '../addr/ipv4.js';
import type { Bridge, Flow, OvsPort } from '../model/state-types.js';
import { formatFlow } from '../views/format-lines.js';
import { isMulticast, type Packet } from './packet.js';

/** What one OVS table did with a frame: the flow that decided (as dump-flows prints it) and its actions' outcome. */
export interface FlowDecision {
  flow: Flow;
  rule: string;
  /** The frame after the flow's header edits. */
  packet: Packet;
  /** The table a resubmit goes on to, or null. */
  next: number | null;
  outputs: string[];
  drop: boolean;
  normal: boolean;
}

const FLOWS_BY_TABLE = new WeakMap<Bridge, Map<number, Flow[]>>();

/** A bridge's flows of one table, in priority order; grouped once per bridge so a lookup costs one table. */
function flowsOf(br: Bridge, table: number): Flow[] {
  let byTable = FLOWS_BY_TABLE.get(br);
  if (!byTable) {
    byTable = new Map();
    for (const f of br.flows) {
      let list = byTable.get(f.table);
      if (!list) byTable.set(f.table, (list = []));
      list.push(f);
    }
    FLOWS_BY_TABLE.set(br, byTable);
  }
  return byTable.get(table) ?? [];
}

/** Whether a flow's match holds for a frame that entered by `inPort`. */
export function flowMatches(flow: Flow, p: Packet, inPort: string): boolean {
  const m = flow.match;
  if (m.inPort !== undefined && m.inPort !== inPort) return false;
  if (m.dlVlan !== undefined && m.dlVlan !== p.vlan) return false;
  if (m.dlSrc !== undefined && m.dlSrc !== p.ethSrc) return false;
  if (m.dlDst !== undefined && m.dlDst !== p.ethDst) return false;
  if (m.dlDstKind === 'unicast' && isMulticast(p.ethDst)) return false;
  if (m.dlDstKind === 'multicast' && !isMulticast(p.ethDst)) return false;
  if (m.arp) return false; // The tracer follows IP packets; ARP-only flows never match them.
  if (m.tunId !== undefined && m.tunId !== p.tunnelId) return false;
  if (m.ipDst && !cidrContains(m.ipDst, p.ipDst)) return false;
  return true;
}

/** One table of a bridge: the highest-priority matching flow and what its actions do to the frame, or null when none matches. */
export function ovsTable(br: Bridge, table: number, p: Packet, inPort: string): FlowDecision | null {
  const flow = flowsOf(br, table).find((f) => flowMatches(f, p, inPort));
  if (!flow) return null;
  const packet = { ...p };
  const decision: FlowDecision = {
    flow,
    rule: formatFlow(flow),
    packet,
    next: null,
    outputs: [],
    drop: false,
    normal: false,
  };
  for (const a of flow.actions) {
    switch (a.kind) {
      case 'resubmit':
        decision.next = a.table;
        break;
      case 'drop':
        decision.drop = true;
        break;
      case 'normal':
        decision.normal = true;
        break;
      case 'output':
        decision.outputs = a.ports;
        break;
      case 'mod_dl_src':
        packet.ethSrc = a.mac;
        break;
      case 'strip_vlan':
        packet.vlan = null;
        break;
      case 'mod_vlan_vid':
        packet.vlan = a.vlan;
        packet.tunnelId = null;
        break;
      case 'set_tunnel':
        packet.tunnelId = a.id;
        break;
      case 'learn':
        break;
    }
  }
  return decision;
}

/** The NORMAL action: a learning switch that already knows every port's MAC; null when no port leads to the destination. */
export function normalSwitch(br: Bridge, p: Packet, vlan: number | null, inPort: string): OvsPort | null {
  if (br.name === 'br-ex')
    return (
      br.ports.find((pt) => pt.mac === p.ethDst && pt.name !== inPort) ??
      (br.ports.some((pt) => pt.name === inPort && pt.kind === 'phy')
        ? null
        : (br.ports.find((pt) => pt.kind === 'phy') ?? null))
    );
  const local = br.ports.find((pt) => pt.mac === p.ethDst && pt.tag === vlan && pt.name !== inPort);
  if (local) return local;
  const patch = br.ports.find((pt) => pt.kind === 'patch') ?? null;
  return patch && patch.name !== inPort ? patch : null;
}
