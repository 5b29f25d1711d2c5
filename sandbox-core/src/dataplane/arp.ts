import { formatIpv4, type Ipv4 } from '../addr/ipv4.js';
import { deriveMac } from '../ids/derive-id.js';
import type { Model } from '../model/model.js';
import { names } from '../model/names.js';
import type { Namespace, Neighbour } from '../model/state-types.js';
import type { Host, Network, Port } from '../scenario/resolved-types.js';
import { routeLookup } from './policy-routing.js';

/** Who answered an ARP request, where it lives and why it answered. */
export interface ArpAnswer {
  mac: string;
  /** The host whose br-ex the answer leads to; null for a machine outside the cloud. */
  host: Host | null;
  why: string;
}

const UPSTREAM_MACS = new Map<number, string>();

/** The MAC of the upstream router at an external subnet's gateway address (not a Neutron port, so not fa:16:3e). */
export function upstreamMac(gateway: Ipv4): string {
  let mac = UPSTREAM_MACS.get(gateway);
  if (!mac) UPSTREAM_MACS.set(gateway, (mac = deriveMac('52:54:00', `upstream:${gateway}`, new Set())));
  return mac;
}

/**
 * The port that answers ARP for an address on a tenant network: only ports of that same network
 * (ARP is a broadcast on one L2 segment; a network with the same CIDR elsewhere never hears it).
 */
export function portWithIp(ports: readonly Port[], net: Network, ip: Ipv4): Port | null {
  return ports.find((p) => p.network === net && p.ip === ip) ?? null;
}

/** The permanent neighbour entry the agent wrote for a next hop on a device, or null. */
export function permanentNeighbour(ns: Namespace, ip: Ipv4, dev: string): Neighbour | null {
  return ns.neighbours.find((n) => n.ip === ip && n.dev === dev) ?? null;
}

/** Whether a namespace answers ARP on a device for addresses it routes elsewhere: its recorded `proxy_arp` sysctl. */
export function proxyArpOn(ns: Namespace, dev: string): boolean {
  return ns.sysctls.includes(`net.ipv4.conf.${dev}.proxy_arp = 1`);
}

/**
 * Who answers ARP for an address on the external network: a Neutron port holding it (qg-, fg-), a
 * legacy router's qg- that carries a floating IP, an fip namespace whose fg- has proxy_arp on and a
 * route for the address through another device, the upstream gateway, or nobody.
 */
export function externalArp(model: Model, ext: Network, ip: Ipv4): ArpAnswer | null {
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
    const fip = model.host(vm.host.name)?.namespaces.find((n) => n.kind === 'fip' && n.network === ext);
    const fg = fip?.devices.find((d) => d.kind === 'fg');
    if (!fip || !fg || !proxyArpOn(fip, fg.name)) return null;
    const decision = routeLookup(fip, fg.addrs[0]!.ip, ip);
    if (!decision || decision.route.dev === fg.name) return null;
    return {
      mac: fg.mac,
      host: vm.host,
      why: `${vm.host.name}'s fg- port ${fg.name} answers by proxy ARP for the floating IP ${formatIpv4(ip)} (it routes it to ${vm.name}), at ${fg.mac}`,
    };
  }
  if (ip === ext.gateway) return { mac: upstreamMac(ip), host: null, why: `the gateway answers` };
  return null;
}
