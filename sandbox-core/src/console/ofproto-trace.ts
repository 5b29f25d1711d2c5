import { formatIpv4, parseIpv4 } from '../addr/ipv4.js';
import { normalSwitch, ovsTable } from '../dataplane/ovs-pipeline.js';
import type { Packet } from '../dataplane/packet.js';
import type { Bridge } from '../model/state-types.js';
import { fail, ok, type CommandResult, type ConsoleContext } from './console-types.js';
import { findBridge } from './ovs-command.js';

/** The protocol keywords a flow may start with; `ip` traces a bare IPv4 frame (walked like icmp). */
const PROTOS = { ip: 'icmp', icmp: 'icmp', tcp: 'tcp', udp: 'udp' } as const;

/** A parsed `ofproto/trace` flow: the frame the stages walk, the port it enters by, and how to print it. */
interface TraceFlow {
  packet: Packet;
  inPort: string;
  keyword: keyof typeof PROTOS;
}

const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;
const MAX_DEPTH = 16;

/**
 * `ovs-appctl ofproto/trace <bridge> <flow>` in the shape Open vSwitch 2.0 printed it (Flow:, Rule:,
 * OpenFlow actions=, Resubmitted flow: indented per resubmit, Final flow:, Datapath actions:), walking the
 * bridge's tables with the tracer's own stage (dataplane/ovs-pipeline.ts) and through patch ports into the peer
 * bridge, as the datapath does. Ports are named as `ovs-ofctl dump-flows` names them here.
 */
export function ofprotoTrace(ctx: ConsoleContext, args: readonly string[]): CommandResult {
  if (args[0] !== 'ofproto/trace')
    return fail(
      `ovs-appctl: the console answers "ovs-appctl ofproto/trace <bridge> <flow>"${args[0] ? `, not "${args[0]}"` : ''}`,
      2,
    );
  if (args.length < 3)
    return fail(
      'ovs-appctl: ofproto/trace needs a bridge and a flow, e.g. ofproto/trace br-int in_port=patch-tun,dl_vlan=1,dl_src=fa:16:3e:00:00:01,dl_dst=fa:16:3e:00:00:02,icmp,nw_src=10.0.0.3,nw_dst=10.0.0.4',
      2,
    );
  const bridge = findBridge(ctx, 'ovs-appctl', args[1]);
  if (!('flows' in bridge)) return bridge;
  const parsed = parseFlow(bridge, args.slice(2).join(','));
  if (typeof parsed === 'string') return fail(`${parsed}\nofproto/trace: flow syntax error`, 2);
  const lines = [`Bridge: ${bridge.name}`, `Flow: ${formatFlowKey(parsed.keyword, parsed.packet, parsed.inPort)}`];
  const datapath: string[] = [];
  let packet = parsed.packet;
  // Header edits reach the datapath only when the frame leaves by a port, as Open vSwitch commits them.
  let committed = parsed.packet;
  const walkBridge = (br: Bridge, inPort: string, depth: number): void => {
    const accessTag = br.ports.find((p) => p.name === inPort)?.tag ?? null;
    let table = 0;
    for (let guard = 0; ; guard++) {
      const pad = '\t'.repeat(depth);
      if (guard >= MAX_DEPTH) {
        lines.push(`${pad}resubmit actions recursed over ${MAX_DEPTH} times`);
        return;
      }
      const d = ovsTable(br, table, packet, inPort);
      if (!d) {
        lines.push(`${pad}No match`);
        datapath.push('drop');
        return;
      }
      const head = /table=\d+, (.*) actions=(.*)$/.exec(d.rule) ?? /table=\d+, actions=(.*)$/.exec(d.rule);
      const match = head && head.length === 3 ? head[1]! : '';
      const actions = head ? head[head.length - 1]! : '';
      const priority = match.startsWith('priority=') ? '' : 'priority=32768,';
      lines.push(`${pad}Rule: table=${table} cookie=0 ${priority}${match}`.replace(/,$/, ''));
      lines.push(`${pad}OpenFlow actions=${actions}`);
      packet = d.packet;
      if (d.drop) {
        datapath.push('drop');
        return;
      }
      if (d.normal) {
        const out = normalSwitch(br, packet, accessTag ?? packet.vlan, inPort);
        if (!out) {
          lines.push(`${pad}no learned MAC for destination ${packet.ethDst} on any port: dropping`);
          datapath.push('drop');
          return;
        }
        lines.push(`${pad}forwarding to learned port`);
        if (out.kind === 'patch' && accessTag !== null) packet = { ...packet, vlan: accessTag };
        if (out.kind !== 'patch' && out.kind !== 'phy') packet = { ...packet, vlan: null };
        return output(br, out.name, depth);
      }
      if (d.outputs.length) {
        for (const port of d.outputs) output(br, port, depth);
        return;
      }
      if (d.next === null) {
        datapath.push('drop');
        return;
      }
      table = d.next;
      lines.push('', `${'\t'.repeat(depth + 1)}Resubmitted flow: ${formatFlowKey(parsed.keyword, packet, inPort)}`);
      // A resubmit nests one level deeper, as Open vSwitch indents it.
      depth++;
    }
  };
  const output = (br: Bridge, portName: string, depth: number): void => {
    const port = br.ports.find((p) => p.name === portName);
    if (port?.kind === 'patch' && depth < MAX_DEPTH) {
      const peerName = br.name === 'br-int' ? 'br-tun' : 'br-int';
      const peer = ctx.state.bridges.find((b) => b.name === peerName);
      if (peer) {
        const peerPort = portName === 'patch-tun' ? 'patch-int' : 'patch-tun';
        lines.push('', `${'\t'.repeat(depth + 1)}Bridge: ${peer.name} (through ${portName} to ${peerPort})`);
        return walkBridge(peer, peerPort, depth + 1);
      }
    }
    datapath.push(...edits(committed, packet));
    committed = packet;
    if (port?.kind === 'tunnel' && packet.tunnelId !== null) {
      const remote = ctx.model.scenario.hosts.find((h) => h.name === port.remoteHost);
      datapath.push(
        `set(tunnel(tun_id=0x${packet.tunnelId.toString(16)},src=${formatIpv4(ctx.state.host.tunnelIp)},dst=${remote ? formatIpv4(remote.tunnelIp) : '?'},ttl=64,flags(df,key)))`,
      );
    }
    datapath.push(portName);
  };
  walkBridge(bridge, parsed.inPort, 0);
  const finalKey = formatFlowKey(parsed.keyword, packet, parsed.inPort);
  lines.push('', `Final flow: ${finalKey === lines[1]!.slice('Flow: '.length) ? 'unchanged' : finalKey}`);
  lines.push(`Datapath actions: ${datapath.join(',') || 'drop'}`);
  return ok(lines.join('\n'));
}

/** The datapath edits between two frames, as the datapath actions name them. */
function edits(before: Packet, after: Packet): string[] {
  const out: string[] = [];
  if (before.ethSrc !== after.ethSrc) out.push(`set(eth(src=${after.ethSrc}))`);
  if (before.vlan !== after.vlan) {
    if (after.vlan === null) out.push('pop_vlan');
    else out.push(`${before.vlan === null ? 'push_vlan' : 'set_vlan'}(vid=${after.vlan},pcp=0)`);
  }
  return out;
}

/** Reads `key=value` fields and protocol keywords, as ovs-ofctl's flow syntax writes them; an error message otherwise. */
function parseFlow(bridge: Bridge, text: string): TraceFlow | string {
  const packet: Packet = {
    ethSrc: '00:00:00:00:00:00',
    ethDst: '00:00:00:00:00:00',
    ipSrc: 0,
    ipDst: 0,
    proto: 'icmp',
    dport: null,
    vlan: null,
    tunnelId: null,
  };
  let inPort: string | null = null;
  let keyword: keyof typeof PROTOS = 'ip';
  for (const field of text.split(/[\s,]+/).filter(Boolean)) {
    const [key, value, ...extra] = field.split('=');
    if (value === undefined) {
      if (key! in PROTOS) {
        keyword = key as keyof typeof PROTOS;
        packet.proto = PROTOS[keyword];
        continue;
      }
      if (key === 'arp') return 'the console traces IPv4 frames (ip, icmp, tcp, udp), not arp';
      return `${key}: unknown field or protocol (the console reads in_port, dl_src, dl_dst, dl_vlan, tun_id, nw_src, nw_dst, tp_dst, ip, icmp, tcp, udp)`;
    }
    if (extra.length) return `${field}: a field takes one value`;
    switch (key) {
      case 'in_port': {
        const port = bridge.ports.find((p) => p.name === value || String(p.ofport) === value);
        if (!port)
          return `in_port=${value}: unknown port on ${bridge.name} (ports: ${bridge.ports.map((p) => p.name).join(', ')})`;
        inPort = port.name;
        break;
      }
      case 'dl_src':
      case 'dl_dst':
        if (!MAC.test(value)) return `${value}: invalid Ethernet address for ${key}`;
        packet[key === 'dl_src' ? 'ethSrc' : 'ethDst'] = value.toLowerCase();
        break;
      case 'dl_vlan': {
        const vlan = Number(value);
        if (!/^\d{1,4}$/.test(value) || vlan > 4095) return `${value}: invalid VLAN id for dl_vlan (0 to 4095)`;
        packet.vlan = vlan;
        break;
      }
      case 'tun_id': {
        const id = /^0x[0-9a-f]{1,8}$/i.test(value)
          ? parseInt(value, 16)
          : /^\d{1,10}$/.test(value)
            ? Number(value)
            : NaN;
        if (!Number.isSafeInteger(id) || id > 0xffffffff) return `${value}: invalid tunnel id for tun_id`;
        packet.tunnelId = id;
        break;
      }
      case 'nw_src':
      case 'nw_dst': {
        const ip = parseIpv4(value);
        if (ip === null) return `${value}: invalid IP address for ${key}`;
        packet[key === 'nw_src' ? 'ipSrc' : 'ipDst'] = ip;
        break;
      }
      case 'tp_dst': {
        if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) return `${value}: invalid port for tp_dst`;
        packet.dport = Number(value);
        break;
      }
      default:
        return `${key}: unknown field (the console reads in_port, dl_src, dl_dst, dl_vlan, tun_id, nw_src, nw_dst, tp_dst)`;
    }
  }
  if (inPort === null)
    return `the flow needs in_port=<port> (ports of ${bridge.name}: ${bridge.ports.map((p) => p.name).join(', ')})`;
  if (packet.dport !== null && packet.proto === 'icmp') return 'tp_dst needs tcp or udp';
  return { packet, inPort, keyword };
}

/** A flow key in the order Open vSwitch prints it. */
function formatFlowKey(keyword: keyof typeof PROTOS, p: Packet, inPort: string): string {
  const parts: string[] = [keyword];
  if (p.tunnelId !== null) parts.push(`tun_id=0x${p.tunnelId.toString(16)}`);
  parts.push(`in_port=${inPort}`);
  parts.push(`vlan_tci=0x${(p.vlan === null ? 0 : 0x1000 | p.vlan).toString(16).padStart(4, '0')}`);
  parts.push(
    `dl_src=${p.ethSrc}`,
    `dl_dst=${p.ethDst}`,
    `nw_src=${formatIpv4(p.ipSrc)}`,
    `nw_dst=${formatIpv4(p.ipDst)}`,
  );
  if (keyword === 'ip') parts.push('nw_proto=0');
  parts.push('nw_tos=0', 'nw_ecn=0', 'nw_ttl=0');
  if (p.proto === 'icmp' && keyword !== 'ip') parts.push('icmp_type=0', 'icmp_code=0');
  if (p.proto !== 'icmp') parts.push('tp_src=0', `tp_dst=${p.dport ?? 0}`);
  return parts.join(',');
}
