import type { Host, Network, Port, ResolvedScenario, Router, Vm } from '../scenario/resolved-types.js';
import { buildHostState } from './build-host-state.js';
import type { HostState } from './state-types.js';

/**
 * The simulated cloud: the resolved scenario, global indexes, and each host's state
 * built on first use, so that a trace across two hosts of a 1,000-node cloud costs
 * what those two hosts cost, and building the model stays linear in the scenario.
 */
export class Model {
  /** Networks present on each host's br-int (VM, qr-, sg-, DHCP ports), by host name. */
  readonly networksOnHost = new Map<string, Set<Network>>();
  /** Hosts where each network is present on br-int. */
  readonly hostsOfNetwork = new Map<string, Set<Host>>();
  /** Distributed routers with a qrouter namespace on each host, and legacy routers on their host. */
  readonly routersOnHost = new Map<string, Set<Router>>();
  /** Ports bound to a host, by network name: what br-tun's l2population flows point at. */
  readonly boundPortsOfNetwork = new Map<string, Port[]>();
  /** VMs with a floating IP, by host name. */
  readonly fipVmsOnHost = new Map<string, Vm[]>();
  private readonly states = new Map<string, HostState>();

  constructor(readonly scenario: ResolvedScenario) {
    const add = <K, V>(map: Map<K, Set<V>>, key: K, value: V) => {
      let set = map.get(key);
      if (!set) map.set(key, (set = new Set()));
      set.add(value);
    };
    const present = (host: Host, network: Network) => {
      add(this.networksOnHost, host.name, network);
      add(this.hostsOfNetwork, network.name, host);
    };
    const routerOfNetwork = new Map<string, Router>();
    for (const r of scenario.routers) for (const itf of r.interfaces) routerOfNetwork.set(itf.network.name, r);
    for (const port of scenario.ports) {
      if (port.host && !port.network.external) {
        present(port.host, port.network);
        let list = this.boundPortsOfNetwork.get(port.network.name);
        if (!list) this.boundPortsOfNetwork.set(port.network.name, (list = []));
        list.push(port);
        // A distributed router is instantiated wherever one of its subnets has a VM or DHCP port.
        const router = routerOfNetwork.get(port.network.name);
        if (router?.distributed && (port.owner === 'compute:nova' || port.owner === 'network:dhcp'))
          add(this.routersOnHost, port.host.name, router);
      }
    }
    for (const r of scenario.routers) {
      if (!r.centralHost) continue;
      if (r.distributed && !r.gateway) continue;
      // The SNAT host holds the router's qrouter namespace too; a legacy router lives only there.
      add(this.routersOnHost, r.centralHost.name, r);
      for (const itf of r.interfaces) present(r.centralHost, itf.network);
    }
    const hostByName = new Map(scenario.hosts.map((h) => [h.name, h]));
    for (const [hostName, routers] of this.routersOnHost) {
      const host = hostByName.get(hostName)!;
      for (const r of routers) if (r.distributed) for (const itf of r.interfaces) present(host, itf.network);
    }
    for (const vm of scenario.vms) {
      if (vm.floatingIp === null) continue;
      let list = this.fipVmsOnHost.get(vm.host.name);
      if (!list) this.fipVmsOnHost.set(vm.host.name, (list = []));
      list.push(vm);
    }
  }

  /** The host names, in scenario order. */
  hostNames(): string[] {
    return this.scenario.hosts.map((h) => h.name);
  }

  /** One host's state, built on first use. */
  host(name: string): HostState | null {
    const cached = this.states.get(name);
    if (cached) return cached;
    const host = this.scenario.hosts.find((h) => h.name === name);
    if (!host) return null;
    // Built on first use: a trace touches a handful of hosts, whatever the size of the cloud.
    const state = buildHostState(this, host);
    this.states.set(name, state);
    return state;
  }

  /** The routers instantiated on a host, in router order. */
  routersOn(hostName: string): Router[] {
    return [...(this.routersOnHost.get(hostName) ?? [])].sort((a, b) => a.index - b.index);
  }

  /** The networks on a host's br-int, in network order (which is also their local VLAN order). */
  networksOn(hostName: string): Network[] {
    return [...(this.networksOnHost.get(hostName) ?? [])].sort((a, b) => a.index - b.index);
  }
}

/** Builds the model of a resolved scenario (host states follow lazily). */
export function buildModel(scenario: ResolvedScenario): Model {
  return new Model(scenario);
}
