import { formatIpv4, type Ipv4 } from '../addr/ipv4.js';
import { names } from '../model/names.js';
import type { Host, Port, ResolvedScenario, Router } from '../scenario/resolved-types.js';

/**
 * The sentences that name a deployment fault where a walk fails because of it (a legacy-mode compute node, an
 * OVS agent without enable_distributed_routing or with a wrong local_ip, no l2population driver, no br-ex, an
 * unscheduled SNAT), in the words of Neutron's logs and CLI, so a reader can go from the failing hop to the
 * configuration line behind it. Every function returns null when no fault explains the failure.
 */

/** Why a host's L3 agent holds no copy of a distributed router (no qrouter, fip or snat namespace there). */
export function missingRouterWhy(host: Host): string | null {
  if (!host.brEx)
    return `${host.name} has no br-ex, so its L3 agent logs "The external network bridge 'br-ex' does not exist" and processes no router at all (l3_agent.py _process_routers)`;
  if (host.agentMode === 'legacy')
    return `${host.name}'s L3 agent runs in agent_mode = legacy, and the scheduler never hosts a distributed router on a legacy agent (l3_agentschedulers_db.py get_l3_agent_candidates)`;
  return null;
}

/** Why a router's central ports (sg-, qg-, or a legacy router's qr-) are bound to no host. */
export function unpluggedRouterWhy(router: Router): string {
  if (router.distributed && !router.snatScheduled)
    return `the SNAT of router "${router.name}" is not scheduled on any dvr_snat agent (neutron l3-agent-list-hosting-router ${router.name} lists no dvr_snat agent), so no snat namespace holds its sg- and qg- ports`;
  const host = router.centralHost;
  const why = host ? missingRouterWhy(host) : null;
  return why ?? `no L3 agent hosts router "${router.name}"'s central part`;
}

/** Why a frame to this MAC reaches no port: the MAC is a Neutron port that no agent has plugged. */
export function unpluggedPortWhy(scenario: ResolvedScenario, mac: string): string | null {
  const port = scenario.ports.find((p) => p.mac === mac && p.host === null && p.router !== null);
  if (!port || port.owner === 'network:router_interface_distributed') return null;
  return `${mac} is ${portName(port)} of router "${port.router!.name}", which no agent has plugged: ${unpluggedRouterWhy(port.router!)}`;
}

function portName(port: Port): string {
  switch (port.owner) {
    case 'network:router_centralized_snat':
      return `the sg- port ${names.sg(port)}`;
    case 'network:router_gateway':
      return `the qg- port ${names.qg(port)}`;
    default:
      return `the qr- port ${names.qr(port)}`;
  }
}

/** Why nobody answers ARP for a floating IP: its VM's host holds no fip namespace. */
export function floatingIpWhy(scenario: ResolvedScenario, ip: Ipv4): string | null {
  const vm = scenario.vms.find((v) => v.floatingIp === ip && v.router?.distributed);
  if (!vm) return null;
  const why = missingRouterWhy(vm.host);
  return why
    ? `${formatIpv4(ip)} is ${vm.name}'s floating IP, served only by the fip namespace of ${vm.name}'s host; ${why}, so there is no fip namespace and no fg- port to answer`
    : null;
}

/** Why a VXLAN/GRE packet between two hosts is lost on the tunnel network: a local_ip that is not the host's address. */
export function localIpWhy(scenario: ResolvedScenario, from: Host, to: Host): string | null {
  if (from.ovs.localIp !== from.tunnelIp)
    return `${from.name}'s OVS agent has local_ip = ${formatIpv4(from.ovs.localIp)}, but ${from.name}'s address on the tunnel network is ${formatIpv4(from.tunnelIp)}: the kernel's route lookup refuses a source address the host does not have, so the tunnel packet is never sent`;
  if (to.ovs.localIp !== to.tunnelIp) {
    const holder = scenario.hosts.find((h) => h !== to && h.tunnelIp === to.ovs.localIp);
    return `${to.name}'s OVS agent reports local_ip = ${formatIpv4(to.ovs.localIp)} as its tunneling_ip, so ${from.name}'s tunnel port points there; ${holder ? `that is ${holder.name}'s address, and ${to.name}` : `no host on the tunnel network has that address (${to.name} is ${formatIpv4(to.tunnelIp)})`}${holder ? ` (${formatIpv4(to.tunnelIp)}) never receives the packet` : ', so the packet is lost'}`;
  }
  return null;
}

/** Why a br-tun has no tunnel port to flood to, or no tunnel port back to the sender: l2population is missing. */
export function tunnelWhy(scenario: ResolvedScenario, host: Host): string | null {
  if (host.ovs.l2Population && !scenario.l2populationDriver)
    return `${host.name}'s OVS agent runs with l2_population = True, so it builds tunnels only when the l2population mechanism driver announces its peers (fdb_add), and neutron-server's mechanism_drivers do not include l2population: br-tun has no tunnel port`;
  return null;
}

/** Why a frame from the tunnels carries this host's own qr- MAC: the sender routed without a DVR MAC. */
export function sharedMacWhy(sender: Host | null, receiver: Host, device: string, mac: string): string {
  const who = sender ? `${sender.name}` : 'another host';
  return `the frame arrives from the tunnels with source ${mac}, the MAC of ${receiver.name}'s own ${device}: ${who} routed it without a DVR MAC (its OVS agent runs with enable_distributed_routing = False, so br-tun never swaps the shared qr- MAC for the host's DVR MAC), and br-int would learn ${receiver.name}'s gateway MAC on patch-tun, cutting ${receiver.name}'s VMs off their router: the MAC flap DVR MACs exist to prevent`;
}
