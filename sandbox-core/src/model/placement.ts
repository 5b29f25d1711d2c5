import type { Host, Network, Port, ResolvedScenario, Router, Vm } from '../scenario/resolved-types.js';

/**
 * What lives on which host: the indexes every host's state is built from, computed once from the
 * resolved scenario in one pass (linear in the scenario), so that building one host never needs
 * another host's state.
 */
export class Placement {
  /** Networks present on each host's br-int (VM, qr-, sg-, DHCP ports), by host name. */
  readonly networksOnHost = new Map<string, Set<Network>>();
  /** Hosts where each network is present on br-int, by network name. */
  readonly hostsOfNetwork = new Map<string, Set<Host>>();
  /** Distributed routers with a qrouter namespace on each host, and legacy routers on their host. */
  readonly routersOnHost = new Map<string, Set<Router>>();
  /** Ports bound to a host, by network name: what br-tun's l2population flows point at. */
  readonly boundPortsOfNetwork = new Map<string, Port[]>();
  /** VMs with a floating IP, by host name. */
  readonly fipVmsOnHost = new Map<string, Vm[]>();

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
        // Only an agent that can host it gets it: not a legacy-mode agent, not one whose br-ex is missing.
        if (
          router?.distributed &&
          port.host.hostsDvrRouters &&
          (port.owner === 'compute:nova' || port.owner === 'network:dhcp')
        )
          add(this.routersOnHost, port.host.name, router);
      }
    }
    for (const r of scenario.routers) {
      if (!r.centralHost || !r.centralHost.brEx) continue;
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

  /** The routers instantiated on a host, in router order. */
  routersOn(hostName: string): Router[] {
    return [...(this.routersOnHost.get(hostName) ?? [])].sort((a, b) => a.index - b.index);
  }

  /** The networks on a host's br-int, in network order (which is also their local VLAN order). */
  networksOn(hostName: string): Network[] {
    return [...(this.networksOnHost.get(hostName) ?? [])].sort((a, b) => a.index - b.index);
  }
}
