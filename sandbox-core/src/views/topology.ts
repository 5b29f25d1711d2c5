import { formatCidr, formatIpv4 } from '../addr/ipv4.js';
import type { Model } from '../model/model.js';

/** A box of the diagram: a VM, a namespace or a bridge on one host; its id is `<host>/<where>` as trace hops name it. */
export interface TopologyBox {
  id: string;
  kind: 'vm' | 'qrouter' | 'snat' | 'fip' | 'qdhcp' | 'br-int' | 'br-tun' | 'br-ex';
  label: string;
  ports: string[];
}

/** The drawing's data: hosts with their boxes, the outside world, and the links between boxes. */
export interface Topology {
  hosts: { name: string; agentMode: string; tunnelIp: string; boxes: TopologyBox[] }[];
  external: { cidr: string; gateway: string } | null;
  links: { from: string; to: string; kind: 'port' | 'patch' | 'veth' | 'tunnel' | 'external' }[];
}

/** The id of the box a hop happens in, so the diagram can light up the hop the trace table selects. */
export function boxIdOf(hop: { host: string | null; where: string }): string {
  return hop.host === null ? hop.where : `${hop.host}/${hop.where}`;
}

/** Which hosts to draw: all of them by default, or only the named ones (a large cloud's diagram shows the packet's hosts). */
export interface TopologyOptions {
  /** Names of the hosts to include, in any order; the others are skipped without building their state. */
  hosts?: readonly string[];
}

/** What the diagram draws: every host's (or the chosen hosts') VMs, namespaces and bridges, and how they connect. */
export function topology(model: Model, options: TopologyOptions = {}): Topology {
  const ext = model.scenario.networks.find((n) => n.external) ?? null;
  const links: Topology['links'] = [];
  const only = options.hosts ? new Set(options.hosts) : null;
  const chosen = only ? model.scenario.hosts.filter((h) => only.has(h.name)) : model.scenario.hosts;
  const hosts = chosen.map((host) => {
    const state = model.host(host.name)!;
    const id = (where: string) => `${host.name}/${where}`;
    const boxes: TopologyBox[] = [];
    for (const vm of model.scenario.vms) {
      if (vm.host !== host) continue;
      boxes.push({ id: id(vm.name), kind: 'vm', label: `${vm.name} ${formatIpv4(vm.port.ip)}`, ports: [] });
    }
    for (const ns of state.namespaces) {
      boxes.push({
        id: id(ns.name),
        kind: ns.kind,
        label: ns.name.slice(0, ns.kind.length + 9),
        ports: ns.devices.filter((d) => d.kind !== 'lo').map((d) => d.name),
      });
    }
    for (const br of state.bridges)
      boxes.push({ id: id(br.name), kind: br.name, label: br.name, ports: br.ports.map((p) => p.name) });
    const brInt = state.bridges.find((b) => b.name === 'br-int')!;
    for (const p of brInt.ports) {
      if (p.kind === 'vm') links.push({ from: id(p.vm!), to: id('br-int'), kind: 'port' });
      else if (p.namespace) links.push({ from: id(p.namespace), to: id('br-int'), kind: 'port' });
    }
    links.push({ from: id('br-int'), to: id('br-tun'), kind: 'patch' });
    const brEx = state.bridges.find((b) => b.name === 'br-ex');
    for (const p of brEx?.ports ?? [])
      if (p.namespace) links.push({ from: id(p.namespace), to: id('br-ex'), kind: 'port' });
    for (const ns of state.namespaces)
      for (const d of ns.devices)
        if (d.kind === 'rfp' && d.peer) links.push({ from: id(ns.name), to: id(d.peer.namespace), kind: 'veth' });
    if (state.bridges.find((b) => b.name === 'br-tun')!.ports.some((p) => p.kind === 'tunnel'))
      links.push({ from: id('br-tun'), to: 'tunnel', kind: 'tunnel' });
    if (ext && brEx) links.push({ from: id('br-ex'), to: 'internet', kind: 'external' });
    return { name: host.name, agentMode: host.agentMode, tunnelIp: formatIpv4(host.tunnelIp), boxes };
  });
  return { hosts, external: ext ? { cidr: formatCidr(ext.cidr), gateway: formatIpv4(ext.gateway) } : null, links };
}
