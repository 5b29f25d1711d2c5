import { cidrContains, formatCidr, formatIpv4, parseIpv4, type Ipv4 } from '../addr/ipv4.js';
import { externalArp, permanentNeighbour, portWithIp, upstreamMac } from '../dataplane/arp.js';
import { Conntrack } from '../dataplane/conntrack.js';
import { walkChain } from '../dataplane/iptables.js';
import { normalSwitch, ovsTable } from '../dataplane/ovs-pipeline.js';
import { changedHeaders, headersOf, type Packet } from '../dataplane/packet.js';
import { localRoute, routeLookup } from '../dataplane/policy-routing.js';
import { portFilter } from '../dataplane/port-filter.js';
import { deriveMac } from '../ids/derive-id.js';
import type { Model } from '../model/model.js';
import { EXTERNAL_NIC } from '../model/neutron-constants.js';
import { names } from '../model/names.js';
import type { Bridge, Device, HostState, Namespace, OvsPort, Route, Vif } from '../model/state-types.js';
import type { Host, Network, Vm } from '../scenario/resolved-types.js';
import type { ScenarioError } from '../scenario/scenario-types.js';
import { formatIpRule, formatIptablesRule, formatNeighbour, formatRoute } from '../views/format-lines.js';
import { floatingIpWhy, localIpWhy, sharedMacWhy, tunnelWhy, unpluggedPortWhy } from './fault-notes.js';
import { dropNote, flowNote, normalNote, routeNote, ruleNote, securityGroupNote } from './hop-notes.js';
import { parseTraceRequest } from './parse-trace-request.js';
import { stages } from './stages.js';
import type { Hop, PacketHeaders, Stage, Trace, TraceRequest } from './trace-types.js';

/**
 * The walk: a packet goes from stage to stage (dataplane/), and every stage that decides or rewrites
 * something becomes a hop. The stages decide; this file only calls them in the order the packet meets
 * them, records hops, and says why in the reader's words.
 */

/** Where a walk starts or ends: a VM, or a host on the internet / the external network. */
type Endpoint = { kind: 'vm'; vm: Vm } | { kind: 'outside'; ip: Ipv4 };

const MAX_HOPS = 300;

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
  /** The host the packet last left through a tunnel, to name the sender when a receiver sees its frame. */
  private tunnelledFrom: Host | null = null;
  /** Where the walk ended, for the reply. */
  end: { kind: 'vm'; vm: Vm } | { kind: 'outside' } | { kind: 'namespace'; host: Host; ns: Namespace } | null = null;

  constructor(
    readonly model: Model,
    public pkt: Packet,
    readonly conntrack: Conntrack,
    /** The VM the request named as destination, so a delivery elsewhere is not mistaken for success. */
    readonly target: Vm | null = null,
  ) {}

  hop(
    host: string | null,
    where: string,
    device: string | null,
    stage: Stage,
    rule: string | null,
    note: string,
  ): void {
    const packet = headersOf(this.pkt);
    const changed = changedHeaders(this.prev, packet);
    this.prev = packet;
    this.hops.push({ step: this.hops.length + 1, host, where, device, stage, rule, packet, note, changed });
  }

  drop(reason: string): void {
    this.verdict = 'dropped';
    this.reason = reason;
  }

  /** A hop off the hosts, on the external network or the internet beyond it (no host, device or rule). */
  private internetHop(stage: Stage, note: string): void {
    this.hop(null, 'internet', null, stage, null, note);
  }

  /** The packet reaches a host on the external network (the gateway or an address behind it): the walk ends there. */
  private deliverOutside(p: Packet): void {
    this.internetHop(
      stages.plain('deliver'),
      `the host ${formatIpv4(p.ipDst)} on the external network receives the packet`,
    );
    return this.deliver({ kind: 'outside' });
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

  /** The VM's own IP stack: its own address stays inside, on-link destinations are ARPed for, everything else goes to the subnet gateway. */
  sendFromVm(vm: Vm): void {
    const p = this.pkt;
    const net = vm.network;
    const tap = names.tap(vm.port);
    p.ethSrc = vm.port.mac;
    if (p.ipDst === vm.port.ip) {
      // The VM's local table holds its own address: Linux loops the packet back and nothing leaves.
      p.ethDst = vm.port.mac;
      this.hop(
        vm.host.name,
        vm.name,
        tap,
        stages.plain('send'),
        null,
        `${formatIpv4(p.ipDst)} is ${vm.name}'s own address, so its kernel delivers the packet to itself; nothing leaves the VM`,
      );
      return this.drop(
        `${formatIpv4(p.ipDst)} is ${vm.name}'s own address on network "${net.name}"${this.target && this.target !== vm ? `: ${this.target.name} on network "${this.target.network.name}" has the same address, and ${vm.name} cannot reach it` : ''}`,
      );
    }
    if (cidrContains(net.cidr, p.ipDst)) {
      const target = portWithIp(this.model.scenario.ports, net, p.ipDst);
      if (!target) {
        p.ethDst = 'ff:ff:ff:ff:ff:ff';
        this.hop(
          vm.host.name,
          vm.name,
          tap,
          stages.plain('arp'),
          null,
          `${vm.name} ARPs for ${formatIpv4(p.ipDst)} on ${net.name}; no port has that address, so nobody answers`,
        );
        return this.drop(
          `no port in network "${net.name}" has address ${formatIpv4(p.ipDst)}, so ${vm.name}'s ARP request goes unanswered${this.target && this.target.network !== net ? ` (${this.target.name} is on network "${this.target.network.name}", and ARP never crosses networks)` : ''}`,
        );
      }
      p.ethDst = target.mac;
      this.hop(
        vm.host.name,
        vm.name,
        tap,
        stages.plain('send'),
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
          stages.plain('arp'),
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
        stages.plain('send'),
        null,
        `${vm.name} sends to its default gateway ${formatIpv4(net.gateway)}: destination MAC = the router interface's MAC ${itf.qr.mac}`,
      );
    }
    const vif = this.model.host(vm.host.name)!.vifs.find((v) => v.vm === vm)!;
    if (!this.qbr(vm.host, vif, 'egress')) return;
    this.bridge(vm.host, 'br-int', vif.qvo);
  }

  // ---- Hybrid plugging: the VM's qbr and its security groups ------------

  /**
   * A frame crossing a VM's qbr (tap <-> qvb, qvo on br-int): the host's filter table applies the port's
   * security groups, with conntrack letting answers of known connections through. False when dropped.
   */
  private qbr(host: Host, vif: Vif, dir: 'ingress' | 'egress'): boolean {
    const state = this.model.host(host.name)!;
    const place = `${host.name}/root`;
    const p = this.pkt;
    const established = this.conntrack.isEstablished(place, p);
    const frame =
      dir === 'egress'
        ? { physdevIn: vif.tap, physdevOut: vif.qvb, established }
        : { physdevIn: vif.qvb, physdevOut: vif.tap, established };
    const d = portFilter(state, p, frame);
    const decisive = d.verdict === 'drop' ? d.rule : (d.allowedBy ?? d.rule);
    const note = securityGroupNote(d, p, dir, vif);
    // The hop sits with the VM (its plumbing on the host), at its qbr: tap -> qbr -> qvb, qvo on br-int.
    this.hop(
      host.name,
      vif.vm.name,
      vif.qbr,
      stages.securityGroup(),
      decisive ? formatIptablesRule(decisive) : null,
      note,
    );
    if (d.verdict === 'drop') {
      this.drop(
        `the security groups of ${vif.vm.name} (${vif.vm.securityGroups.map((g) => `"${g.name}"`).join(', ')}) drop the packet at ${vif.qbr} on ${host.name}: ${note.slice(note.indexOf(': ') + 2)}`,
      );
      return false;
    }
    if (!established) this.conntrack.track(place, p);
    return true;
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
      const d = ovsTable(br, table, this.pkt, inPort);
      if (!d) return this.drop(`no flow in ${br.name} table ${table} on ${host.name} matches (missing default flow)`);
      this.pkt = d.packet;
      const stage = stages.flow(br.name, table);
      const unplugged = unpluggedPortWhy(this.model.scenario, this.pkt.ethDst);
      if (d.normal) {
        const own =
          br.name === 'br-int' && inPort === 'patch-tun'
            ? br.ports.find((pt) => pt.kind === 'internal' && pt.mac === this.pkt.ethSrc)
            : undefined;
        if (own) {
          const why = sharedMacWhy(this.tunnelledFrom, host, own.name, this.pkt.ethSrc);
          this.hop(host.name, br.name, inPort, stage, d.rule, why);
          return this.drop(`on ${host.name}, ${why}`);
        }
        const out = normalSwitch(br, this.pkt, accessTag ?? this.pkt.vlan, inPort);
        if (!out) {
          this.hop(
            host.name,
            br.name,
            inPort,
            stage,
            d.rule,
            `NORMAL switching finds no port for ${this.pkt.ethDst}${unplugged ? `: ${unplugged}` : ''}`,
          );
          return this.drop(`${br.name} on ${host.name} has no port that leads to ${unplugged ?? this.pkt.ethDst}`);
        }
        if (out.kind === 'patch' && accessTag !== null) this.pkt.vlan = accessTag;
        if (out.kind !== 'patch' && out.kind !== 'phy') this.pkt.vlan = null;
        this.hop(host.name, br.name, out.name, stage, d.rule, normalNote(out, this.pkt, state));
        return this.leaveBridge(host, state, br, out);
      }
      if (d.drop) {
        const tunnels = br.name === 'br-tun' && !br.ports.some((pt) => pt.kind === 'tunnel');
        const why = unplugged ?? (tunnels ? tunnelWhy(this.model.scenario, host) : null) ?? dropNote(br, table);
        this.hop(host.name, br.name, inPort, stage, d.rule, why);
        return this.drop(`${br.name} table ${table} on ${host.name} drops the frame: ${why}`);
      }
      if (d.outputs.length) {
        const out = pickOutput(this.model, br, d.outputs, this.pkt);
        this.hop(host.name, br.name, out.name, stage, d.rule, flowNote(br, d.flow, d.outputs.length, this.pkt, out));
        return this.leaveBridge(host, state, br, out);
      }
      this.hop(host.name, br.name, inPort, stage, d.rule, flowNote(br, d.flow, 0, this.pkt, null));
      if (d.next === null) return this.drop(`${br.name} table ${table} on ${host.name} neither outputs nor resubmits`);
      table = d.next;
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
      const vif = state.vifs.find((v) => v.qvo === out.name)!;
      const vm = vif.vm;
      if (!this.qbr(host, vif, 'ingress')) return;
      this.hop(
        host.name,
        vm.name,
        vif.tap,
        stages.plain('deliver'),
        null,
        `${vm.name} receives the packet from ${formatIpv4(this.pkt.ipSrc)}`,
      );
      if (this.target && this.target !== vm)
        return this.drop(
          `${vm.name} holds ${formatIpv4(this.pkt.ipDst)} on network "${vm.network.name}" and receives the packet; ${this.target.name} on network "${this.target.network.name}" is never reached`,
        );
      return this.deliver({ kind: 'vm', vm });
    }
    if (out.kind === 'tunnel') {
      const remote = this.model.scenario.hosts.find((h) => h.name === out.remoteHost)!;
      const type = out.tunnelType === 'gre' ? 'GRE' : 'VXLAN';
      const lost = localIpWhy(this.model.scenario, host, remote);
      this.hop(
        null,
        'tunnel',
        out.name,
        stages.plain(out.tunnelType ?? 'vxlan'),
        null,
        `${type} from ${host.name} (${formatIpv4(host.ovs.localIp)}) to ${remote.name} (${formatIpv4(remote.ovs.localIp)}), ${type === 'GRE' ? 'key' : 'VNI'} ${this.pkt.tunnelId}${lost ? `; ${lost}` : ''}`,
      );
      if (lost) return this.drop(lost);
      const back = this.model
        .host(remote.name)!
        .bridges.find((b) => b.name === 'br-tun')!
        .ports.find((p) => p.remoteHost === host.name && p.tunnelType === out.tunnelType);
      if (!back) {
        const why = tunnelWhy(this.model.scenario, remote);
        return this.drop(`${remote.name} has no tunnel port back to ${host.name}${why ? `: ${why}` : ''}`);
      }
      this.tunnelledFrom = host;
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
      this.internetHop(
        stages.plain('external network'),
        `the external network carries the frame from ${from.name} to ${owner.host.name}'s br-ex`,
      );
      return this.bridge(owner.host, 'br-ex', EXTERNAL_NIC);
    }
    const ext = this.model.scenario.networks.find((n) => n.external && upstreamMac(n.gateway) === p.ethDst);
    if (ext) return this.upstream(ext);
    if (p.ethDst.startsWith('52:54:00')) {
      return this.deliverOutside(p);
    }
    this.drop(`no device on the external network has MAC ${p.ethDst}`);
  }

  /** The upstream router at the external subnet's gateway: routes to the internet, or ARPs on the external subnet. */
  upstream(ext: Network): void {
    const p = this.pkt;
    const gw = formatIpv4(ext.gateway);
    if (!isPublicOutside(this.model, p.ipDst) && !cidrContains(ext.cidr, p.ipDst)) {
      this.internetHop(
        stages.plain('route'),
        `the external gateway ${gw} has no route to the private address ${formatIpv4(p.ipDst)}`,
      );
      return this.drop(
        `${formatIpv4(p.ipDst)} is a tenant address: nothing outside the cloud routes to it (use a floating IP to reach a VM from outside)`,
      );
    }
    if (!cidrContains(ext.cidr, p.ipDst)) {
      this.internetHop(stages.plain('route'), `the external gateway ${gw} routes the packet to the internet`);
      this.internetHop(
        stages.plain('deliver'),
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
      const why = floatingIpWhy(this.model.scenario, p.ipDst);
      this.internetHop(
        stages.plain('arp'),
        `${who} ARPs for ${formatIpv4(p.ipDst)} on ${formatCidr(ext.cidr)}; nobody answers${why ? `: ${why}` : ''}`,
      );
      return this.drop(
        `no port on the external network answers ARP for ${formatIpv4(p.ipDst)}${why ? `: ${why}` : ''}`,
      );
    }
    p.ethDst = answer.mac;
    this.internetHop(stages.plain('arp'), `${who} ARPs for ${formatIpv4(p.ipDst)}: ${answer.why}`);
    if (!answer.host) {
      return this.deliverOutside(p);
    }
    this.bridge(answer.host, 'br-ex', EXTERNAL_NIC);
  }

  // ---- Namespaces ------------------------------------------------------

  namespace(host: Host, ns: Namespace, inDev: string | null): void {
    if (!this.guard()) return;
    const p = this.pkt;
    const h = host.name;
    const place = `${h}/${ns.name}`;
    const ct = this.conntrack;
    // PREROUTING: a reply of a tracked connection is translated back; a new one meets the DNAT rules.
    const reply = ct.replyOf(place, p);
    if (reply?.nat === 'snat') {
      const before = p.ipDst;
      p.ipDst = reply.origSrc;
      this.hop(
        h,
        ns.name,
        inDev,
        stages.conntrack(ns.name),
        reply.rule,
        `conntrack recognises the reply and reverses the SNAT: destination ${formatIpv4(before)} becomes ${formatIpv4(p.ipDst)}`,
      );
    } else if (!reply && inDev !== null) {
      const rule = walkChain(ns.natRules, 'PREROUTING', p, { inDev, outDev: null, ctDnat: false });
      if (rule?.target.kind === 'dnat') {
        const before = p.ipDst;
        p.ipDst = rule.target.to;
        const text = formatIptablesRule(rule);
        ct.add(place, {
          origSrc: p.ipSrc,
          origDst: before,
          replySrc: p.ipDst,
          replyDst: p.ipSrc,
          nat: 'dnat',
          rule: text,
        });
        this.hop(
          h,
          ns.name,
          inDev,
          stages.iptables(ns.name, 'nat', 'PREROUTING'),
          text,
          `DNAT: the floating IP ${formatIpv4(before)} is translated to the fixed IP ${formatIpv4(p.ipDst)}`,
        );
      } else if (rule?.target.kind === 'redirect') {
        this.hop(
          h,
          ns.name,
          inDev,
          stages.iptables(ns.name, 'nat', 'PREROUTING'),
          formatIptablesRule(rule),
          `the metadata request is redirected to the neutron-ns-metadata-proxy listening on port ${rule.target.port} in this namespace`,
        );
        return this.deliver({ kind: 'namespace', host, ns });
      }
    }
    // Local delivery: the local table (rule 0) holds the namespace's own addresses.
    const local = localRoute(ns, p.ipDst);
    if (local) {
      this.hop(
        h,
        ns.name,
        inDev,
        stages.ipRoute(ns.name, 'local'),
        formatRoute(local),
        `${formatIpv4(p.ipDst)} is an address of this namespace: the packet is delivered locally`,
      );
      return this.deliver({ kind: 'namespace', host, ns });
    }
    // The DHCP agent never turns on ip_forward in qdhcp: it answers and sends, but forwards nothing.
    if (ns.kind === 'qdhcp' && inDev !== null) {
      return this.drop(`the DHCP namespace does not route packets`);
    }
    const decision = routeLookup(ns, p.ipSrc, p.ipDst);
    if (!decision) {
      this.hop(
        h,
        ns.name,
        inDev,
        stages.ipRoute(ns.name, null),
        null,
        `no table consulted by the rules has a route to ${formatIpv4(p.ipDst)}`,
      );
      return this.drop(
        `${ns.name} on ${h} has no route to ${formatIpv4(p.ipDst)}${ns.kind === 'qrouter' && ns.router && !ns.router.gateway ? `: router "${ns.router.name}" has no external gateway` : ''}`,
      );
    }
    const { rule, route } = decision;
    this.hop(h, ns.name, inDev, stages.ipRule(ns.name), formatIpRule(rule), ruleNote(ns, rule, p));
    this.hop(h, ns.name, route.dev, stages.ipRoute(ns.name, route.table), formatRoute(route), routeNote(route, p));
    const out = ns.devices.find((d) => d.name === route.dev)!;
    // POSTROUTING: new connections meet the SNAT rules; replies of DNATed ones get their source back.
    const dnatReply = ct.replyOf(place, p, 'dnat');
    if (dnatReply) {
      const before = p.ipSrc;
      p.ipSrc = dnatReply.origDst;
      this.hop(
        h,
        ns.name,
        out.name,
        stages.conntrack(ns.name),
        dnatReply.rule,
        `conntrack recognises the reply of the DNAT connection and restores the source: ${formatIpv4(before)} becomes the floating IP ${formatIpv4(p.ipSrc)}`,
      );
    } else if (!reply) {
      const ctDnat = ct.isDnatted(place, p);
      const nat = walkChain(ns.natRules, 'POSTROUTING', p, { inDev, outDev: out.name, ctDnat });
      if (nat?.target.kind === 'snat') {
        const before = p.ipSrc;
        p.ipSrc = nat.target.to;
        const text = formatIptablesRule(nat);
        ct.add(place, {
          origSrc: before,
          origDst: p.ipDst,
          replySrc: p.ipDst,
          replyDst: p.ipSrc,
          nat: 'snat',
          rule: text,
        });
        const what =
          nat.chain === 'neutron-l3-agent-float-snat'
            ? 'the floating IP'
            : "the shared SNAT address (the router's qg- address)";
        this.hop(
          h,
          ns.name,
          out.name,
          stages.iptables(ns.name, 'nat', 'POSTROUTING'),
          text,
          `SNAT: source ${formatIpv4(before)} becomes ${formatIpv4(p.ipSrc)}, ${what}`,
        );
      } else if (nat?.target.kind === 'accept') {
        this.hop(
          h,
          ns.name,
          out.name,
          stages.iptables(ns.name, 'nat', 'POSTROUTING'),
          formatIptablesRule(nat),
          `no NAT: the packet neither leaves through ${nat.match.notInOutDev} nor was DNATed, so the ACCEPT rule lets it pass untranslated`,
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
        stages.plain('veth'),
        null,
        `out of ${out.name} and straight into its veth peer ${peerDev.name} in ${peerNs.kind === 'fip' ? 'the fip namespace' : 'the qrouter namespace'}`,
      );
      return this.namespace(host, peerNs, peerDev.name);
    }
    const permanent = permanentNeighbour(ns, nextHop, out.name);
    if (permanent) {
      p.ethDst = permanent.mac;
      this.hop(
        h,
        ns.name,
        out.name,
        stages.ipNeigh(ns.name),
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
          stages.plain('arp'),
          null,
          `ARP on the external network: the gateway ${formatIpv4(nextHop)} is at ${p.ethDst}`,
        );
      } else {
        const answer = externalArp(this.model, ext, nextHop);
        if (!answer) return this.drop(`no one on the external network answers ARP for ${formatIpv4(nextHop)}`);
        p.ethDst = answer.mac;
        this.hop(h, ns.name, out.name, stages.plain('arp'), null, `ARP on the external network: ${answer.why}`);
      }
    } else {
      const net = out.port!.network;
      const target = portWithIp(this.model.scenario.ports, net, nextHop);
      if (!target) {
        this.hop(
          h,
          ns.name,
          out.name,
          stages.plain('arp'),
          null,
          `ARP for ${formatIpv4(nextHop)} on ${net.name} gets no answer`,
        );
        return this.drop(
          `no port in network "${net.name}" has address ${formatIpv4(nextHop)}${ns.kind === 'qrouter' && ns.router?.distributed ? ' (and the DVR router has no permanent ARP entry for it)' : ''}`,
        );
      }
      p.ethDst = target.mac;
      this.hop(
        h,
        ns.name,
        out.name,
        stages.plain('arp'),
        null,
        `ARP on ${net.name}: ${formatIpv4(nextHop)} is at ${target.mac}${ns.kind === 'snat' ? ' (the snat namespace learns MACs by ARP; the agent writes no permanent entries here)' : ''}`,
      );
    }
    this.bridge(host, out.bridge!, out.name);
  }
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

/** Whether an address is outside every tenant subnet (so the internet may route it). */
function isPublicOutside(model: Model, ip: Ipv4): boolean {
  return !model.scenario.networks.some((n) => !n.external && cidrContains(n.cidr, ip));
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
    const conntrack = new Conntrack();
    const dstIp = to.kind === 'vm' ? to.vm.port.ip : to.ip;
    const srcIp = from.kind === 'vm' ? from.vm.port.ip : from.ip;
    const dport = proto === 'icmp' ? null : (request.dport ?? (proto === 'tcp' ? 80 : 53));
    const forward = walk(model, from, srcIp, dstIp, proto, dport, conntrack, to.kind === 'vm' ? to.vm : null);
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
      if (back)
        trace.reply = walk(
          model,
          back,
          last.ipDst,
          last.ipSrc,
          proto,
          dport,
          conntrack,
          from.kind === 'vm' ? from.vm : null,
        ).trace;
      else
        trace.reply = replyFromNamespace(
          model,
          end as { kind: 'namespace'; host: Host; ns: Namespace },
          last,
          conntrack,
        );
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
  conntrack: Conntrack,
  target: Vm | null,
): { trace: Trace; walker: Walker } {
  const pkt: Packet = { ethSrc: '', ethDst: '', ipSrc: src, ipDst: dst, proto, dport, vlan: null, tunnelId: null };
  const w = new Walker(model, pkt, conntrack, target);
  if (from.kind === 'vm') w.sendFromVm(from.vm);
  else {
    const ext =
      model.scenario.networks.find((n) => n.external && cidrContains(n.cidr, src)) ??
      model.scenario.networks.find((n) => n.external && cidrContains(n.cidr, dst)) ??
      model.scenario.networks.find((n) => n.external);
    if (!ext) {
      pkt.ethSrc = '00:00:00:00:00:00';
      pkt.ethDst = '00:00:00:00:00:00';
      w.hop(null, 'internet', null, stages.plain('send'), null, `${formatIpv4(src)} sends from outside the cloud`);
      w.drop('the scenario has no external network, so nothing outside can reach the cloud');
    } else if (cidrContains(ext.cidr, src)) {
      pkt.ethSrc = deriveMac('52:54:00', `outside:${src}`, new Set());
      pkt.ethDst = '00:00:00:00:00:00';
      w.hop(
        null,
        'internet',
        null,
        stages.plain('send'),
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
        stages.plain('send'),
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
  conntrack: Conntrack,
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
  const w = new Walker(model, pkt, conntrack);
  w.hop(
    end.host.name,
    end.ns.name,
    null,
    stages.plain('send'),
    null,
    `${end.ns.kind} answers from ${formatIpv4(pkt.ipSrc)}`,
  );
  w.namespace(end.host, end.ns, null);
  if (w.verdict === null) w.drop('the walk stopped without arriving');
  return { verdict: w.verdict!, reason: w.reason, hops: w.hops, reply: null };
}
