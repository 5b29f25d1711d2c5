import { cidrContains, formatCidr, formatIpv4, maskOf, parseIpv4, type Ipv4 } from '../addr/ipv4.js';
import { deriveMac } from '../ids/derive-id.js';
import type { Model } from '../model/model.js';
import { names } from '../model/names.js';
import type { Bridge, Device, Flow, HostState, Namespace, NatRule, OvsPort, Route } from '../model/state-types.js';
import type { Host, Network, Port, Vm } from '../scenario/resolved-types.js';
import type { ScenarioError } from '../scenario/scenario-types.js';
import { formatFlow, formatIpRule, formatNatRule, formatNeighbour, formatRoute } from '../views/format-lines.js';
import { parseTraceRequest } from './parse-trace-request.js';
import type { Hop, PacketHeaders, Trace, TraceRequest } from './trace-types.js';

/** Where a walk starts or ends: a VM, or a host on the internet / the external network. */
type Endpoint = { kind: 'vm'; vm: Vm } | { kind: 'outside'; ip: Ipv4 };

interface Packet {
  ethSrc: string;
  ethDst: string;
  ipSrc: Ipv4;
  ipDst: Ipv4;
  proto: 'icmp' | 'tcp' | 'udp';
  dport: number | null;
  vlan: number | null;
  tunnelId: number | null;
}

/** A NAT translation conntrack remembers, so the reply is translated back. */
interface Conn {
  key: string;
  origSrc: Ipv4;
  origDst: Ipv4;
  /** The tuple the reply carries: from replySrc to replyDst. */
  replySrc: Ipv4;
  replyDst: Ipv4;
  snat: boolean;
  dnat: boolean;
  rule: string;
}

const MAX_HOPS = 300;
const GATEWAY_MAC_CACHE = new Map<number, string>();

/** The MAC of the upstream router at an external subnet's gateway address (not a Neutron port, so not fa:16:3e). */
function upstreamMac(gateway: Ipv4): string {
  let mac = GATEWAY_MAC_CACHE.get(gateway);
  if (!mac) GATEWAY_MAC_CACHE.set(gateway, (mac = deriveMac('52:54:00', `upstream:${gateway}`, new Set())));
  return mac;
}

/** Resolves `--from`/`--to` against the scenario: a VM name, a VM's address, or an outside address. */
function resolveEndpoint(model: Model, text: string, side: 'from' | 'to', errors: ScenarioError[]): Endpoint | null {
  const path = `/request/${side}`;
  const sc = model.scenario;
  const byName = sc.vms.find((vm) => vm.name === text);
  if (byName) return { kind: 'vm', vm: byName };
  const ip = parseIpv4(text);
  if (ip === null) {
    errors.push({
      path,
      message: `"${text}" is neither a VM name (${sc.vms.map((v) => `"${v.name}"`).join(', ') || 'no VMs'}) nor an IPv4 address`,
    });
    return null;
  }
  const vm = sc.vms.find((v) => v.port.ip === ip);
  if (vm) return { kind: 'vm', vm };
  const tenant = sc.networks.find((n) => !n.external && cidrContains(n.cidr, ip));
  if (tenant && side === 'from') {
    errors.push({
      path,
      message: `no VM has address ${text} in network "${tenant.name}"; start from a VM (by name or fixed IP) or from an outside address`,
    });
    return null;
  }
  if (
    (side === 'from' && sc.ports.some((p) => p.ip === ip && p.network.external)) ||
    (side === 'from' && sc.vms.some((v) => v.floatingIp === ip))
  ) {
    errors.push({
      path,
      message: `${text} belongs to a Neutron port or floating IP; start from a VM or from an outside address`,
    });
    return null;
  }
  return { kind: 'outside', ip };
}

class Walker {
  readonly hops: Hop[] = [];
  private prev: PacketHeaders | null = null;
  verdict: 'delivered' | 'dropped' | null = null;
  reason: string | null = null;
  /** Where the walk ended, for the reply. */
  end: { kind: 'vm'; vm: Vm } | { kind: 'outside' } | { kind: 'namespace'; host: Host; ns: Namespace } | null = null;

  constructor(
    readonly model: Model,
    readonly pkt: Packet,
    readonly conns: Map<string, Conn[]>,
  ) {}

  hop(
    host: string | null,
    where: string,
    device: string | null,
    stage: string,
    rule: string | null,
    note: string,
  ): void {
    const p = this.pkt;
    const packet: PacketHeaders = {
      ethSrc: p.ethSrc,
      ethDst: p.ethDst,
      ipSrc: formatIpv4(p.ipSrc),
      ipDst: formatIpv4(p.ipDst),
      proto: p.proto,
    };
    if (p.vlan !== null) packet.vlan = p.vlan;
    if (p.tunnelId !== null) packet.tunnelId = p.tunnelId;
    const changed: (keyof PacketHeaders)[] = [];
    if (this.prev) {
      for (const k of ['ethSrc', 'ethDst', 'ipSrc', 'ipDst', 'vlan', 'tunnelId'] as const)
        if (this.prev[k] !== packet[k]) changed.push(k);
    }
    this.prev = packet;
    this.hops.push({ step: this.hops.length + 1, host, where, device, stage, rule, packet, note, changed });
  }

  drop(reason: string): void {
    this.verdict = 'dropped';
    this.reason = reason;
  }

  deliver(end: Walker['end']): void {
    this.verdict = 'delivered';
    this.end = end;
  }

  private guard(): boolean {
    if (this.hops.length > MAX_HOPS) {
      this.drop(`the packet went round more than ${MAX_HOPS} hops without arriving: a forwarding loop`);
      return false;
    }
    return this.verdict === null;
  }

  // ---- VMs -------------------------------------------------------------

  /** The VM's own IP stack: on-link destinations are ARPed for, everything else goes to the subnet gateway. */
  sendFromVm(vm: Vm): void {
    const p = this.pkt;
    const net = vm.network;
    const tap = names.tap(vm.port);
    p.ethSrc = vm.port.mac;
    if (cidrContains(net.cidr, p.ipDst)) {
      const target = portWithIp(this.model, net, p.ipDst);
      if (!target) {
        p.ethDst = 'ff:ff:ff:ff:ff:ff';
        this.hop(
          vm.host.name,
          vm.name,
          tap,
          'arp',
          null,
          `${vm.name} ARPs for ${formatIpv4(p.ipDst)} on ${net.name}; no port has that address, so nobody answers`,
        );
        return this.drop(
          `no port in network "${net.name}" has address ${formatIpv4(p.ipDst)}, so ${vm.name}'s ARP request goes unanswered`,
        );
      }
      p.ethDst = target.mac;
      this.hop(
        vm.host.name,
        vm.name,
        tap,
        'send',
        null,
        `${vm.name} sends to ${formatIpv4(p.ipDst)} directly: it is on its own subnet ${formatCidr(net.cidr)}, and ARP gave ${target.mac}`,
      );
    } else {
      const itf = vm.router?.interfaces.find((i) => i.network === net);
      if (!vm.router || !itf) {
        p.ethDst = 'ff:ff:ff:ff:ff:ff';
        this.hop(
          vm.host.name,
          vm.name,
          tap,
          'arp',
          null,
          `${vm.name} ARPs for its gateway ${formatIpv4(net.gateway)}; no router interface holds it`,
        );
        return this.drop(
          `network "${net.name}" is not attached to any router, so ${vm.name}'s default gateway ${formatIpv4(net.gateway)} does not answer and ${formatIpv4(p.ipDst)} is unreachable`,
        );
      }
      p.ethDst = itf.qr.mac;
      this.hop(
        vm.host.name,
        vm.name,
        tap,
        'send',
        null,
        `${vm.name} sends to its default gateway ${formatIpv4(net.gateway)}: destination MAC = the router interface's MAC ${itf.qr.mac}`,
      );
    }
    this.bridge(vm.host, 'br-int', tap);
  }

  // ---- Open vSwitch ----------------------------------------------------

  bridge(host: Host, bridgeName: Bridge['name'], inPort: string): void {
    const state = this.model.host(host.name)!;
    const br = state.bridges.find((b) => b.name === bridgeName)!;
    const port = br.ports.find((pt) => pt.name === inPort);
    // A frame from an access port carries its port's local VLAN inside br-int.
    const accessTag = port && port.tag !== null ? port.tag : null;
    let table = 0;
    for (let guard = 0; guard < 32 && this.guard(); guard++) {
      const flow = matchFlow(br, table, this.pkt, inPort);
      if (!flow)
        return this.drop(`no flow in ${br.name} table ${table} on ${host.name} matches (missing default flow)`);
      let next: number | null = null;
      let outputs: string[] = [];
      let dropped = false;
      let normal = false;
      for (const a of flow.actions) {
        switch (a.kind) {
          case 'resubmit':
            next = a.table;
            break;
          case 'drop':
            dropped = true;
            break;
          case 'normal':
            normal = true;
            break;
          case 'output':
            outputs = a.ports;
            break;
          case 'mod_dl_src':
            this.pkt.ethSrc = a.mac;
            break;
          case 'strip_vlan':
            this.pkt.vlan = null;
            break;
          case 'mod_vlan_vid':
            this.pkt.vlan = a.vlan;
            this.pkt.tunnelId = null;
            break;
          case 'set_tunnel':
            this.pkt.tunnelId = a.id;
            break;
          case 'learn':
            break;
        }
      }
      const rule = formatFlow(flow);
      if (normal) {
        const out = normalSwitch(br, this.pkt, accessTag ?? this.pkt.vlan, inPort);
        if (!out) {
          this.hop(
            host.name,
            br.name,
            inPort,
            `table ${table}`,
            rule,
            `NORMAL switching finds no port for ${this.pkt.ethDst}`,
          );
          return this.drop(`${br.name} on ${host.name} has no port that leads to ${this.pkt.ethDst}`);
        }
        if (out.kind === 'patch' && accessTag !== null) this.pkt.vlan = accessTag;
        if (out.kind !== 'patch' && out.kind !== 'phy') this.pkt.vlan = null;
        this.hop(host.name, br.name, out.name, `table ${table}`, rule, normalNote(br, out, this.pkt));
        return this.leaveBridge(host, state, br, out);
      }
      if (dropped) {
        this.hop(host.name, br.name, inPort, `table ${table}`, rule, dropNote(br, table));
        return this.drop(`${br.name} table ${table} on ${host.name} drops the frame: ${dropNote(br, table)}`);
      }
      if (outputs.length) {
        const out = pickOutput(this.model, br, outputs, this.pkt);
        this.hop(
          host.name,
          br.name,
          out.name,
          `table ${table}`,
          rule,
          flowNote(br, flow, outputs.length, this.pkt, out),
        );
        return this.leaveBridge(host, state, br, out);
      }
      this.hop(host.name, br.name, inPort, `table ${table}`, rule, flowNote(br, flow, 0, this.pkt, null));
      if (next === null) return this.drop(`${br.name} table ${table} on ${host.name} neither outputs nor resubmits`);
      table = next;
    }
  }

  private leaveBridge(host: Host, state: HostState, br: Bridge, out: OvsPort): void {
    if (out.kind === 'patch')
      return this.bridge(
        host,
        br.name === 'br-int' ? 'br-tun' : 'br-int',
        br.name === 'br-int' ? 'patch-int' : 'patch-tun',
      );
    if (out.kind === 'vm') {
      const vm = this.model.scenario.vms.find((v) => v.name === out.vm)!;
      this.hop(
        host.name,
        vm.name,
        out.name,
        'deliver',
        null,
        `${vm.name} receives the packet from ${formatIpv4(this.pkt.ipSrc)}`,
      );
      return this.deliver({ kind: 'vm', vm });
    }
    if (out.kind === 'tunnel') {
      const remote = this.model.scenario.hosts.find((h) => h.name === out.remoteHost)!;
      const type = out.name.startsWith('gre') ? 'GRE' : 'VXLAN';
      this.hop(
        null,
        'tunnel',
        out.name,
        type.toLowerCase(),
        null,
        `${type} from ${host.name} (${formatIpv4(host.tunnelIp)}) to ${remote.name} (${formatIpv4(remote.tunnelIp)}), ${type === 'GRE' ? 'key' : 'VNI'} ${this.pkt.tunnelId}`,
      );
      const back = this.model
        .host(remote.name)!
        .bridges.find((b) => b.name === 'br-tun')!
        .ports.find((p) => p.remoteHost === host.name && p.name.startsWith(out.name.split('-')[0]!));
      if (!back) return this.drop(`${remote.name} has no tunnel port back to ${host.name}`);
      return this.bridge(remote, 'br-tun', back.name);
    }
    if (out.kind === 'phy') return this.externalNetwork(host);
    const ns = state.namespaces.find((n) => n.name === out.namespace)!;
    return this.namespace(host, ns, out.name);
  }

  // ---- The external network and the internet ---------------------------

  /** A frame on the external L2 segment: the upstream gateway or another node's br-ex takes it, by destination MAC. */
  private externalNetwork(from: Host): void {
    const p = this.pkt;
    const owner = this.model.scenario.ports.find((pt) => pt.mac === p.ethDst && pt.network.external);
    if (owner?.host) {
      this.hop(
        null,
        'internet',
        null,
        'external network',
        null,
        `the external network carries the frame from ${from.name} to ${owner.host.name}'s br-ex`,
      );
      return this.bridge(owner.host, 'br-ex', 'eth1');
    }
    const ext = this.model.scenario.networks.find((n) => n.external && upstreamMac(n.gateway) === p.ethDst);
    if (ext) return this.upstream(ext);
    if (p.ethDst.startsWith('52:54:00')) {
      this.hop(
        null,
        'internet',
        null,
        'deliver',
        null,
        `the host ${formatIpv4(p.ipDst)} on the external network receives the packet`,
      );
      return this.deliver({ kind: 'outside' });
    }
    this.drop(`no device on the external network has MAC ${p.ethDst}`);
  }

  /** The upstream router at the external subnet's gateway: routes to the internet, or ARPs on the external subnet. */
  upstream(ext: Network): void {
    const p = this.pkt;
    const gw = formatIpv4(ext.gateway);
    if (!isPublicOutside(this.model, p.ipDst) && !cidrContains(ext.cidr, p.ipDst)) {
      this.hop(
        null,
        'internet',
        null,
        'route',
        null,
        `the external gateway ${gw} has no route to the private address ${formatIpv4(p.ipDst)}`,
      );
      return this.drop(
        `${formatIpv4(p.ipDst)} is a tenant address: nothing outside the cloud routes to it (use a floating IP to reach a VM from outside)`,
      );
    }
    if (!cidrContains(ext.cidr, p.ipDst)) {
      this.hop(null, 'internet', null, 'route', null, `the external gateway ${gw} routes the packet to the internet`);
      this.hop(
        null,
        'internet',
        null,
        'deliver',
        null,
        `${formatIpv4(p.ipDst)} on the internet receives the packet from ${formatIpv4(p.ipSrc)}`,
      );
      return this.deliver({ kind: 'outside' });
    }
    this.arpOnExternal(ext, upstreamMac(ext.gateway), `the external gateway ${gw}`);
  }

  /** Someone on the external subnet ARPs for the destination; Neutron ports, floating IPs (proxy ARP) or an outside host answer. */
  arpOnExternal(ext: Network, srcMac: string, who: string): void {
    const p = this.pkt;
    p.ethSrc = srcMac;
    const answer = externalArp(this.model, ext, p.ipDst);
    if (!answer) {
      this.hop(
        null,
        'internet',
        null,
        'arp',
        null,
        `${who} ARPs for ${formatIpv4(p.ipDst)} on ${formatCidr(ext.cidr)}; nobody answers`,
      );
      return this.drop(`no port on the external network answers ARP for ${formatIpv4(p.ipDst)}`);
    }
    p.ethDst = answer.mac;
    this.hop(null, 'internet', null, 'arp', null, `${who} ARPs for ${formatIpv4(p.ipDst)}: ${answer.why}`);
    if (!answer.host) {
      this.hop(
        null,
        'internet',
        null,
        'deliver',
        null,
        `the host ${formatIpv4(p.ipDst)} on the external network receives the packet`,
      );
      return this.deliver({ kind: 'outside' });
    }
    this.bridge(answer.host, 'br-ex', 'eth1');
  }

  // ---- Namespaces ------------------------------------------------------

  namespace(host: Host, ns: Namespace, inDev: string | null): void {
    if (!this.guard()) return;
    const p = this.pkt;
    const h = host.name;
    const key = `${h}/${ns.name}`;
    const conns = this.conns.get(key) ?? [];
    const reply = conns.find((c) => c.replySrc === p.ipSrc && c.replyDst === p.ipDst);
    if (reply?.snat) {
      const before = p.ipDst;
      p.ipDst = reply.origSrc;
      this.hop(
        h,
        ns.name,
        inDev,
        'conntrack',
        reply.rule,
        `conntrack recognises the reply and reverses the SNAT: destination ${formatIpv4(before)} becomes ${formatIpv4(p.ipDst)}`,
      );
    } else if (!reply && inDev !== null && ns.natChains.length) {
      const dnat = natWalk(ns, 'PREROUTING', p, inDev, null, false);
      if (dnat?.target.kind === 'dnat') {
        const before = p.ipDst;
        p.ipDst = dnat.target.to;
        conns.push({
          key,
          origSrc: p.ipSrc,
          origDst: before,
          replySrc: p.ipDst,
          replyDst: p.ipSrc,
          snat: false,
          dnat: true,
          rule: formatNatRule(dnat),
        });
        this.conns.set(key, conns);
        this.hop(
          h,
          ns.name,
          inDev,
          'iptables nat PREROUTING',
          formatNatRule(dnat),
          `DNAT: the floating IP ${formatIpv4(before)} is translated to the fixed IP ${formatIpv4(p.ipDst)}`,
        );
      } else if (dnat?.target.kind === 'redirect') {
        this.hop(
          h,
          ns.name,
          inDev,
          'iptables nat PREROUTING',
          formatNatRule(dnat),
          `the metadata request is redirected to the neutron-ns-metadata-proxy listening on port ${dnat.target.port} in this namespace`,
        );
        return this.deliver({ kind: 'namespace', host, ns });
      }
    }
    // Local delivery: the local table (rule 0) holds the namespace's own addresses.
    const local = ns.routes.find((r) => r.table === 'local' && r.type === 'local' && cidrContains(r.dst, p.ipDst));
    if (local) {
      this.hop(
        h,
        ns.name,
        inDev,
        'ip route',
        formatRoute(local),
        `${formatIpv4(p.ipDst)} is an address of this namespace: the packet is delivered locally`,
      );
      return this.deliver({ kind: 'namespace', host, ns });
    }
    if (ns.kind === 'qdhcp') {
      return this.drop(`the DHCP namespace does not route packets`);
    }
    const decision = routeLookup(ns, p.ipSrc, p.ipDst);
    if (!decision) {
      this.hop(
        h,
        ns.name,
        inDev,
        'ip route',
        null,
        `no table consulted by the rules has a route to ${formatIpv4(p.ipDst)}`,
      );
      return this.drop(
        `${ns.name} on ${h} has no route to ${formatIpv4(p.ipDst)}${ns.kind === 'qrouter' && ns.router && !ns.router.gateway ? `: router "${ns.router.name}" has no external gateway` : ''}`,
      );
    }
    const { rule, route } = decision;
    this.hop(h, ns.name, inDev, 'ip rule', formatIpRule(rule), ruleNote(ns, rule, p));
    this.hop(h, ns.name, route.dev, 'ip route', formatRoute(route), routeNote(route, p));
    const out = ns.devices.find((d) => d.name === route.dev)!;
    // POSTROUTING: new connections meet the SNAT rules; replies of DNATed ones get their source back.
    const dnatReply = conns.find((c) => c.dnat && c.replySrc === p.ipSrc && c.replyDst === p.ipDst);
    if (dnatReply) {
      const before = p.ipSrc;
      p.ipSrc = dnatReply.origDst;
      this.hop(
        h,
        ns.name,
        out.name,
        'conntrack',
        dnatReply.rule,
        `conntrack recognises the reply of the DNAT connection and restores the source: ${formatIpv4(before)} becomes the floating IP ${formatIpv4(p.ipSrc)}`,
      );
    } else if (!reply && ns.natChains.length) {
      const isDnat = conns.some((c) => c.dnat && c.origSrc === p.ipSrc && c.replySrc === p.ipDst);
      const snat = natWalk(ns, 'POSTROUTING', p, inDev, out.name, isDnat);
      if (snat?.target.kind === 'snat') {
        const before = p.ipSrc;
        p.ipSrc = snat.target.to;
        conns.push({
          key,
          origSrc: before,
          origDst: p.ipDst,
          replySrc: p.ipDst,
          replyDst: p.ipSrc,
          snat: true,
          dnat: false,
          rule: formatNatRule(snat),
        });
        this.conns.set(key, conns);
        const what =
          snat.chain === 'neutron-l3-agent-float-snat'
            ? 'the floating IP'
            : "the shared SNAT address (the router's qg- address)";
        this.hop(
          h,
          ns.name,
          out.name,
          'iptables nat POSTROUTING',
          formatNatRule(snat),
          `SNAT: source ${formatIpv4(before)} becomes ${formatIpv4(p.ipSrc)}, ${what}`,
        );
      } else if (snat?.target.kind === 'accept') {
        this.hop(
          h,
          ns.name,
          out.name,
          'iptables nat POSTROUTING',
          formatNatRule(snat),
          `no NAT: the packet neither leaves through ${snat.match.notInOutDev} nor was DNATed, so the ACCEPT rule lets it pass untranslated`,
        );
      }
    }
    this.emit(host, ns, out, route);
  }

  /** Resolves the next hop's MAC and puts the frame on the wire of the output device. */
  private emit(host: Host, ns: Namespace, out: Device, route: Route): void {
    const p = this.pkt;
    const h = host.name;
    const nextHop = route.via ?? p.ipDst;
    p.ethSrc = out.mac;
    if (out.peer) {
      const peerNs = this.model.host(h)!.namespaces.find((n) => n.name === out.peer!.namespace)!;
      const peerDev = peerNs.devices.find((d) => d.name === out.peer!.device)!;
      p.ethDst = peerDev.mac;
      this.hop(
        h,
        ns.name,
        out.name,
        'veth',
        null,
        `out of ${out.name} and straight into its veth peer ${peerDev.name} in ${peerNs.kind === 'fip' ? 'the fip namespace' : 'the qrouter namespace'}`,
      );
      return this.namespace(host, peerNs, peerDev.name);
    }
    const permanent = ns.neighbours.find((n) => n.ip === nextHop && n.dev === out.name);
    if (permanent) {
      p.ethDst = permanent.mac;
      this.hop(
        h,
        ns.name,
        out.name,
        'ip neigh',
        formatNeighbour(permanent),
        `the permanent ARP entry the L3 agent wrote gives ${formatIpv4(nextHop)}'s MAC; the router never ARPs across the tunnels`,
      );
    } else if (out.bridge === 'br-ex') {
      const ext = out.port!.network;
      if (nextHop === ext.gateway) {
        p.ethDst = upstreamMac(ext.gateway);
        this.hop(
          h,
          ns.name,
          out.name,
          'arp',
          null,
          `ARP on the external network: the gateway ${formatIpv4(nextHop)} is at ${p.ethDst}`,
        );
      } else {
        const answer = externalArp(this.model, ext, nextHop);
        if (!answer) return this.drop(`no one on the external network answers ARP for ${formatIpv4(nextHop)}`);
        p.ethDst = answer.mac;
        this.hop(h, ns.name, out.name, 'arp', null, `ARP on the external network: ${answer.why}`);
      }
    } else {
      const net = out.port!.network;
      const target = portWithIp(this.model, net, nextHop);
      if (!target) {
        this.hop(h, ns.name, out.name, 'arp', null, `ARP for ${formatIpv4(nextHop)} on ${net.name} gets no answer`);
        return this.drop(
          `no port in network "${net.name}" has address ${formatIpv4(nextHop)}${ns.kind === 'qrouter' && ns.router?.distributed ? ' (and the DVR router has no permanent ARP entry for it)' : ''}`,
        );
      }
      p.ethDst = target.mac;
      this.hop(
        h,
        ns.name,
        out.name,
        'arp',
        null,
        `ARP on ${net.name}: ${formatIpv4(nextHop)} is at ${target.mac}${ns.kind === 'snat' ? ' (the snat namespace learns MACs by ARP; the agent writes no permanent entries here)' : ''}`,
      );
    }
    this.bridge(host, out.bridge!, out.name);
  }
}

/** The highest-priority flow of a table that matches the frame. */
const FLOWS_BY_TABLE = new WeakMap<Bridge, Map<number, Flow[]>>();

/** A bridge's flows grouped by table (priority order kept), built once per bridge. */
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

function matchFlow(br: Bridge, table: number, p: Packet, inPort: string): Flow | null {
  for (const f of flowsOf(br, table)) {
    const m = f.match;
    if (m.inPort !== undefined && m.inPort !== inPort) continue;
    if (m.dlVlan !== undefined && m.dlVlan !== p.vlan) continue;
    if (m.dlSrc !== undefined && m.dlSrc !== p.ethSrc) continue;
    if (m.dlDst !== undefined && m.dlDst !== p.ethDst) continue;
    const multicast = (parseInt(p.ethDst.slice(0, 2), 16) & 1) === 1;
    if (m.dlDstKind === 'unicast' && multicast) continue;
    if (m.dlDstKind === 'multicast' && !multicast) continue;
    if (m.arp) continue; // The tracer follows IP packets; ARP-only flows never match them.
    if (m.tunId !== undefined && m.tunId !== p.tunnelId) continue;
    if (m.ipDst && !cidrContains(m.ipDst, p.ipDst)) continue;
    return f;
  }
  return null;
}

/** The NORMAL action: a learning switch that already knows every port's MAC. */
function normalSwitch(br: Bridge, p: Packet, vlan: number | null, inPort: string): OvsPort | null {
  if (br.name === 'br-ex')
    return (
      br.ports.find((pt) => pt.mac === p.ethDst && pt.name !== inPort) ??
      (inPort === 'eth1' ? null : (br.ports.find((pt) => pt.kind === 'phy') ?? null))
    );
  const local = br.ports.find((pt) => pt.mac === p.ethDst && pt.tag === vlan && pt.name !== inPort);
  if (local) return local;
  return inPort === 'patch-tun' ? null : (br.ports.find((pt) => pt.kind === 'patch') ?? null);
}

/** Among a flood's output ports, the one leading to the destination MAC's host (the copy the trace follows). */
function pickOutput(model: Model, br: Bridge, outputs: string[], p: Packet): OvsPort {
  const ports = outputs.map((o) => br.ports.find((pt) => pt.name === o)!);
  if (ports.length > 1) {
    const direct = ports.find((pt) => pt.mac === p.ethDst);
    if (direct) return direct;
    const owner = model.scenario.ports.find((pt) => pt.mac === p.ethDst && pt.host);
    const toward = owner && ports.find((pt) => pt.remoteHost === owner.host!.name);
    if (toward) return toward;
  }
  return ports[0]!;
}

/** Walks the nat chains from a builtin chain, returning the rule that decided (a NAT, REDIRECT or ACCEPT), or null. */
function natWalk(
  ns: Namespace,
  builtin: 'PREROUTING' | 'POSTROUTING',
  p: Packet,
  inDev: string | null,
  outDev: string | null,
  ctDnat: boolean,
): NatRule | null {
  const entry =
    builtin === 'PREROUTING'
      ? ['neutron-l3-agent-PREROUTING']
      : ['neutron-l3-agent-POSTROUTING', 'neutron-postrouting-bottom'];
  const visit = (chain: string, depth: number): NatRule | null => {
    if (depth > 8) return null;
    const rules =
      chain === 'neutron-postrouting-bottom'
        ? [
            {
              chain,
              spec: '-j neutron-l3-agent-snat',
              match: {},
              target: { kind: 'jump', chain: 'neutron-l3-agent-snat' },
            } as NatRule,
          ]
        : ns.natRules.filter((r) => r.chain === chain);
    for (const r of rules) {
      const m = r.match;
      if (
        m.src &&
        !cidrContains({ network: (m.src.ip & maskOf(m.src.prefixLen)) >>> 0, prefixLen: m.src.prefixLen }, p.ipSrc)
      )
        continue;
      if (
        m.dst &&
        !cidrContains({ network: (m.dst.ip & maskOf(m.dst.prefixLen)) >>> 0, prefixLen: m.dst.prefixLen }, p.ipDst)
      )
        continue;
      if (m.tcpDport !== undefined && (p.proto !== 'tcp' || p.dport !== m.tcpDport)) continue;
      if (m.notInOutDev !== undefined && (inDev === m.notInOutDev || outDev === m.notInOutDev)) continue;
      if (m.notCtstateDnat && ctDnat) continue;
      if (r.target.kind === 'jump') {
        const found = visit(r.target.chain, depth + 1);
        if (found) return found;
        continue;
      }
      return r;
    }
    return null;
  };
  for (const chain of entry) {
    const found = visit(chain, 0);
    if (found) return found;
  }
  return null;
}

/** Policy routing: rules by priority, the first table with a matching route wins (longest prefix within it). */
function routeLookup(ns: Namespace, src: Ipv4, dst: Ipv4): { rule: Namespace['rules'][number]; route: Route } | null {
  for (const rule of ns.rules) {
    if (rule.table === 'local') continue;
    if (
      rule.from &&
      !cidrContains(
        { network: (rule.from.ip & maskOf(rule.from.prefixLen)) >>> 0, prefixLen: rule.from.prefixLen },
        src,
      )
    )
      continue;
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

/** The port holding an address on a tenant network (what ARP would find). */
function portWithIp(model: Model, net: Network, ip: Ipv4): Port | null {
  return model.scenario.ports.find((p) => p.network === net && p.ip === ip) ?? null;
}

/** Who answers ARP for an address on the external network, and why. */
function externalArp(model: Model, ext: Network, ip: Ipv4): { mac: string; host: Host | null; why: string } | null {
  const sc = model.scenario;
  const port = sc.ports.find((p) => p.network === ext && p.ip === ip);
  if (port?.host) {
    const what =
      port.owner === 'network:router_gateway'
        ? `qg- port ${names.qg(port)} of router "${port.router!.name}"`
        : `fg- port ${names.fg(port)}`;
    return {
      mac: port.mac,
      host: port.host,
      why: `${formatIpv4(ip)} is the ${what} on ${port.host.name}, at ${port.mac}`,
    };
  }
  const vm = sc.vms.find((v) => v.floatingIp === ip && v.router?.gateway?.network === ext);
  if (vm) {
    const router = vm.router!;
    if (!router.distributed) {
      const qg = router.gateway!.qg;
      return {
        mac: qg.mac,
        host: router.centralHost,
        why: `the legacy router's qg- port ${names.qg(qg)} holds the floating IP ${formatIpv4(ip)} and answers, at ${qg.mac}`,
      };
    }
    const fg = sc.fgPorts.get(vm.host.name)?.get(ext.name);
    if (!fg) return null;
    return {
      mac: fg.mac,
      host: vm.host,
      why: `${vm.host.name}'s fg- port ${names.fg(fg)} answers by proxy ARP for the floating IP ${formatIpv4(ip)} (it routes it to ${vm.name}), at ${fg.mac}`,
    };
  }
  if (ip === ext.gateway) return { mac: upstreamMac(ip), host: null, why: `the gateway answers` };
  if (cidrContains(ext.cidr, ip)) return null;
  return null;
}

/** Whether an address is outside every tenant subnet (so the internet may route it). */
function isPublicOutside(model: Model, ip: Ipv4): boolean {
  return !model.scenario.networks.some((n) => !n.external && cidrContains(n.cidr, ip));
}

function normalNote(br: Bridge, out: OvsPort, p: Packet): string {
  if (out.kind === 'patch')
    return `NORMAL switching: ${p.ethDst} is not on this host, so the frame goes to ${out.name} tagged with local VLAN ${p.vlan}`;
  if (out.kind === 'phy')
    return `NORMAL switching: ${p.ethDst} is not on this host, so the frame leaves by the external NIC ${out.name}`;
  if (out.kind === 'vm') return `NORMAL switching: ${p.ethDst} is ${out.vm}'s port ${out.name}`;
  return `NORMAL switching: ${p.ethDst} is port ${out.name}${out.namespace ? ` in ${out.namespace.split('-')[0]}` : ''}`;
}

function dropNote(br: Bridge, table: number): string {
  if (br.name === 'br-tun' && table === 1)
    return 'frames addressed to the distributed router interface MAC never leave the host';
  if (br.name === 'br-int' && table === 1) return 'no local port owns the destination MAC of this DVR-routed frame';
  return 'the table has no flow for this frame but its default drop';
}

function flowNote(br: Bridge, flow: Flow, outputs: number, p: Packet, out: OvsPort | null): string {
  const a = flow.actions;
  if (a.some((x) => x.kind === 'mod_dl_src') && br.name === 'br-tun')
    return `DVR_PROCESS: the routed frame's source MAC (the qr- MAC) is replaced by this host's DVR MAC ${p.ethSrc}, so the same router MAC never appears from two hosts`;
  if (a.some((x) => x.kind === 'mod_dl_src') && br.name === 'br-int')
    return `DVR_TO_SRC_MAC: the frame came from another host's DVR MAC; br-int strips the VLAN, puts back the subnet gateway MAC ${p.ethSrc} as source and delivers it to ${out?.name}`;
  if (a.some((x) => x.kind === 'set_tunnel'))
    return `${flow.table === 20 ? 'UCAST_TO_TUN (l2population)' : `FLOOD_TO_TUN to ${outputs} tunnel${outputs === 1 ? '' : 's'}`}: local VLAN stripped, tunnel id ${p.tunnelId} set, out ${out?.name}`;
  if (a.some((x) => x.kind === 'mod_vlan_vid'))
    return `tunnel id ${flow.match.tunId} is mapped to this host's local VLAN ${p.vlan}`;
  if (a.some((x) => x.kind === 'learn'))
    return `LEARN_FROM_TUN: the source MAC is learned (table 20) and the frame goes to br-int`;
  if (br.name === 'br-tun' && flow.table === 9 && flow.match.dlSrc)
    return `DVR_NOT_LEARN: the source is another host's DVR MAC, so it is not learned; straight to br-int`;
  if (br.name === 'br-int' && flow.table === 0 && flow.match.dlSrc)
    return `the source is another host's DVR MAC: go to DVR_TO_SRC_MAC (table 1)`;
  const next = a.find((x) => x.kind === 'resubmit');
  if (next && next.kind === 'resubmit') {
    if (flow.table === 2) return `${flow.match.dlDstKind} destination: on to table ${next.table}`;
    return `on to table ${next.table}`;
  }
  return 'matched';
}

function ruleNote(ns: Namespace, rule: Namespace['rules'][number], p: Packet): string {
  if (rule.table === 'main')
    return `the main table is consulted first (priority 32766)${ns.kind === 'qrouter' && ns.router?.distributed ? ": it holds the connected routes of the router's subnets" : ''}`;
  if (rule.table === 16)
    return `the floating IP rule for ${formatIpv4(p.ipSrc)} sends its traffic to table 16, ahead of the SNAT rule`;
  if (typeof rule.table === 'number')
    return `the main table has no route to ${formatIpv4(p.ipDst)}, so the SNAT redirect rule of the source subnet picks table ${rule.table}`;
  return `rule ${rule.priority} matches`;
}

function routeNote(route: Route, p: Packet): string {
  if (route.table === 16) return `table 16: default via the fpr- end of the link to the fip namespace`;
  if (typeof route.table === 'number')
    return `table ${route.table}: default via the sg- port on the network node (${formatIpv4(route.via!)})`;
  if (route.via === null) return `${formatIpv4(p.ipDst)} is on the connected subnet of ${route.dev}`;
  return `next hop ${formatIpv4(route.via)} via ${route.dev}`;
}

/** Traces a packet (and its reply) through the model; problems with the request come back as errors, never thrown. */
export function tracePacket(model: Model, request: TraceRequest): { trace: Trace | null; errors: ScenarioError[] } {
  const parsed = parseTraceRequest(request);
  if (!parsed.request) return { trace: null, errors: parsed.errors };
  request = parsed.request;
  const errors: ScenarioError[] = [];
  const proto = request.proto ?? 'icmp';
  const from = resolveEndpoint(model, request.from, 'from', errors);
  const to = resolveEndpoint(model, request.to, 'to', errors);
  if (!from || !to || errors.length) return { trace: null, errors };
  if (from.kind === 'vm' && to.kind === 'vm' && from.vm === to.vm)
    return {
      trace: null,
      errors: [
        {
          path: '/request/to',
          message: `"${request.to}" is the same VM as the source; trace to another VM or an outside address`,
        },
      ],
    };
  const neutronAddress =
    to.kind === 'outside' &&
    (model.scenario.ports.some((p) => p.ip === to.ip && p.network.external) ||
      model.scenario.vms.some((v) => v.floatingIp === to.ip));
  if (from.kind === 'outside' && to.kind === 'outside' && !neutronAddress)
    return {
      trace: null,
      errors: [
        {
          path: '/request/to',
          message: 'both ends are outside the cloud; one end must be a VM, a floating IP or a router gateway address',
        },
      ],
    };
  try {
    const conns = new Map<string, Conn[]>();
    const dstIp = to.kind === 'vm' ? to.vm.port.ip : to.ip;
    const srcIp = from.kind === 'vm' ? from.vm.port.ip : from.ip;
    const dport = proto === 'icmp' ? null : (request.dport ?? (proto === 'tcp' ? 80 : 53));
    const forward = walk(model, from, srcIp, dstIp, proto, dport, conns);
    const trace = forward.trace;
    if (trace.verdict === 'delivered' && forward.walker.end) {
      const last = forward.walker.pkt;
      const end = forward.walker.end;
      const back =
        end.kind === 'vm'
          ? ({ kind: 'vm', vm: end.vm } as Endpoint)
          : end.kind === 'outside'
            ? ({ kind: 'outside', ip: last.ipDst } as Endpoint)
            : null;
      if (back) trace.reply = walk(model, back, last.ipDst, last.ipSrc, proto, dport, conns).trace;
      else
        trace.reply = replyFromNamespace(model, end as { kind: 'namespace'; host: Host; ns: Namespace }, last, conns);
    }
    return { trace, errors: [] };
  } catch (cause) {
    return { trace: null, errors: [{ path: '', message: `internal simulator error while tracing: ${String(cause)}` }] };
  }
}

function walk(
  model: Model,
  from: Endpoint,
  src: Ipv4,
  dst: Ipv4,
  proto: Packet['proto'],
  dport: number | null,
  conns: Map<string, Conn[]>,
): { trace: Trace; walker: Walker } {
  const pkt: Packet = { ethSrc: '', ethDst: '', ipSrc: src, ipDst: dst, proto, dport, vlan: null, tunnelId: null };
  const w = new Walker(model, pkt, conns);
  if (from.kind === 'vm') w.sendFromVm(from.vm);
  else {
    const ext =
      model.scenario.networks.find((n) => n.external && cidrContains(n.cidr, src)) ??
      model.scenario.networks.find((n) => n.external && cidrContains(n.cidr, dst)) ??
      model.scenario.networks.find((n) => n.external);
    if (!ext) {
      pkt.ethSrc = '00:00:00:00:00:00';
      pkt.ethDst = '00:00:00:00:00:00';
      w.hop(null, 'internet', null, 'send', null, `${formatIpv4(src)} sends from outside the cloud`);
      w.drop('the scenario has no external network, so nothing outside can reach the cloud');
    } else if (cidrContains(ext.cidr, src)) {
      pkt.ethSrc = deriveMac('52:54:00', `outside:${src}`, new Set());
      pkt.ethDst = '00:00:00:00:00:00';
      w.hop(
        null,
        'internet',
        null,
        'send',
        null,
        `${formatIpv4(src)}, a host on the external network ${formatCidr(ext.cidr)}, sends the packet`,
      );
      // On-link destinations are ARPed for; anything else goes to the subnet's gateway, like any host would.
      if (cidrContains(ext.cidr, dst)) w.arpOnExternal(ext, pkt.ethSrc, formatIpv4(src));
      else {
        pkt.ethDst = upstreamMac(ext.gateway);
        w.upstream(ext);
      }
    } else {
      pkt.ethSrc = '00:00:00:00:00:00';
      pkt.ethDst = upstreamMac(ext.gateway);
      w.hop(
        null,
        'internet',
        null,
        'send',
        null,
        `${formatIpv4(src)} on the internet sends the packet; it reaches the external gateway ${formatIpv4(ext.gateway)}`,
      );
      w.upstream(ext);
    }
  }
  if (w.verdict === null) w.drop('the walk stopped without arriving');
  return { trace: { verdict: w.verdict!, reason: w.reason, hops: w.hops, reply: null }, walker: w };
}

function replyFromNamespace(
  model: Model,
  end: { host: Host; ns: Namespace },
  last: Packet,
  conns: Map<string, Conn[]>,
): Trace {
  const pkt: Packet = {
    ...last,
    ipSrc: last.ipDst,
    ipDst: last.ipSrc,
    vlan: null,
    tunnelId: null,
    ethSrc: '',
    ethDst: '',
  };
  const w = new Walker(model, pkt, conns);
  w.hop(
    end.host.name,
    end.ns.name,
    null,
    'send',
    null,
    `${end.ns.name.split('-')[0]} answers from ${formatIpv4(pkt.ipSrc)}`,
  );
  w.namespace(end.host, end.ns, null);
  if (w.verdict === null) w.drop('the walk stopped without arriving');
  return { verdict: w.verdict!, reason: w.reason, hops: w.hops, reply: null };
}
