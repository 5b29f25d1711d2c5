import type { Cidr, Ipv4 } from '../addr/ipv4.js';
import type { AgentMode } from './scenario-types.js';

/** Neutron's device_owner values, which decide how each agent wires a port. */
export type PortOwner =
  | 'network:router_interface_distributed'
  | 'network:router_interface'
  | 'network:router_centralized_snat'
  | 'network:router_gateway'
  | 'network:floatingip_agent_gateway'
  | 'network:dhcp'
  | 'compute:nova';

/** A Neutron port after allocation: the unit every namespace device, OVS port and ARP entry is built from. */
export interface Port {
  readonly id: string;
  readonly mac: string;
  readonly ip: Ipv4;
  readonly network: Network;
  readonly owner: PortOwner;
  /** binding:host_id; null for a distributed qr- port, which lives on every host of its router. */
  readonly host: Host | null;
  readonly router: Router | null;
  readonly vm: Vm | null;
}

/** A node with its agent mode and the identifiers its agents derive. */
export interface Host {
  readonly name: string;
  readonly index: number;
  readonly agentMode: AgentMode;
  readonly tunnelIp: Ipv4;
  /** The per-host DVR MAC (dvr_base_mac fa:16:3f...), null where the OVS agent runs without enable_distributed_routing. */
  readonly dvrMac: string | null;
  /** The OVS agent's options after defaults; `localIp` is what it uses and reports as its tunnel endpoint. */
  readonly ovs: { readonly enableDistributedRouting: boolean; readonly l2Population: boolean; readonly localIp: Ipv4 };
  /** Whether br-ex exists: without it the L3 agent processes no router at all. */
  readonly brEx: boolean;
  /** Whether this host's L3 agent instantiates distributed routers (dvr or dvr_snat mode, and br-ex present). */
  readonly hostsDvrRouters: boolean;
}

/** A network with its subnet and segmentation after defaults. */
export interface Network {
  readonly name: string;
  readonly index: number;
  readonly id: string;
  readonly subnetId: string;
  readonly external: boolean;
  readonly networkType: 'vxlan' | 'gre';
  readonly segmentationId: number;
  readonly cidr: Cidr;
  readonly gateway: Ipv4;
}

/** One router interface: the qr- port (the subnet gateway) and, for a DVR router with a gateway, its sg- port. */
export interface RouterInterface {
  readonly network: Network;
  readonly qr: Port;
  readonly sg: Port | null;
}

/** A router after allocation and scheduling. */
export interface Router {
  readonly name: string;
  readonly index: number;
  readonly id: string;
  readonly distributed: boolean;
  readonly gateway: { readonly network: Network; readonly qg: Port } | null;
  readonly interfaces: RouterInterface[];
  /** Where SNAT (DVR) or the whole router (legacy) is scheduled: the dvr_snat or legacy host; null when not scheduled. */
  readonly centralHost: Host | null;
  /** False for a distributed router with a gateway whose SNAT no dvr_snat agent took (its sg- and qg- ports stay unbound). */
  readonly snatScheduled: boolean;
}

/** A VM with its port and optional floating IP. */
export interface Vm {
  readonly name: string;
  readonly index: number;
  readonly host: Host;
  readonly network: Network;
  readonly port: Port;
  readonly router: Router | null;
  readonly floatingIp: Ipv4 | null;
  /** The port's security groups, in the order the scenario names them. */
  readonly securityGroups: readonly SecurityGroup[];
}

/** A security group rule after defaults (IPv4): null protocol = any, null ports = all, null remote = anywhere. */
export interface SecurityGroupRule {
  readonly direction: 'ingress' | 'egress';
  readonly protocol: 'tcp' | 'udp' | 'icmp' | null;
  readonly portMin: number | null;
  readonly portMax: number | null;
  readonly remoteCidr: Cidr | null;
  readonly remoteGroup: SecurityGroup | null;
}

/** A security group with its members: their fixed IPs fill the group's ipset on every host that filters for it. */
export interface SecurityGroup {
  readonly name: string;
  readonly id: string;
  readonly rules: readonly SecurityGroupRule[];
  /** Fixed IPs of the group's member ports, in VM order. */
  readonly memberIps: readonly Ipv4[];
  /** The same addresses as a set, for the tracer's `--match-set` lookups. */
  readonly memberSet: ReadonlySet<Ipv4>;
}

/** A scenario after validation, defaults and Neutron-style allocation: the input of the model builder. */
export interface ResolvedScenario {
  readonly title: string;
  /** Whether neutron-server loads the l2population mechanism driver (ml2_conf.ini mechanism_drivers). */
  readonly l2populationDriver: boolean;
  readonly hosts: Host[];
  readonly networks: Network[];
  readonly routers: Router[];
  readonly vms: Vm[];
  readonly ports: Port[];
  /** fg- ports by host name then external network name. */
  readonly fgPorts: Map<string, Map<string, Port>>;
  /** The DHCP port of each tenant network that has one. */
  readonly dhcpPorts: Map<string, Port>;
  /** Every security group, the default one included, in scenario order (default first when implicit). */
  readonly securityGroups: readonly SecurityGroup[];
}
