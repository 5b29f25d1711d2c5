import type { Cidr, Ipv4 } from '../addr/ipv4.js';
import type { Host, Network, Port, Router, SecurityGroup, Vm } from '../scenario/resolved-types.js';

/** A network device in a namespace, as `ip addr` shows it and as the tracer forwards through it. */
export interface Device {
  readonly name: string;
  readonly kind: 'lo' | 'qr' | 'sg' | 'qg' | 'fg' | 'rfp' | 'fpr' | 'tap';
  readonly mac: string;
  readonly addrs: { ip: Ipv4; prefixLen: number }[];
  readonly port: Port | null;
  /** The OVS bridge the device is an internal port of, or null for lo and veth ends. */
  readonly bridge: 'br-int' | 'br-ex' | null;
  /** The other end of a veth pair (rfp- <-> fpr-). */
  readonly peer: { namespace: string; device: string } | null;
}

/** A policy routing rule (`ip rule`). */
export interface IpRule {
  readonly priority: number;
  /** null = from all. */
  readonly from: { ip: Ipv4; prefixLen: number } | null;
  readonly table: number | 'local' | 'main' | 'default';
}

/** A route in one of a namespace's tables (`ip route show table all`). */
export interface Route {
  readonly table: number | 'local' | 'main';
  readonly type: 'unicast' | 'local' | 'broadcast';
  readonly dst: Cidr;
  readonly via: Ipv4 | null;
  readonly dev: string;
  /** Set for routes the kernel adds for an address (proto kernel). */
  readonly kernelSrc: Ipv4 | null;
  readonly scope: 'link' | 'host' | null;
}

/** A neighbour entry (`ip neigh`); the agents write PERMANENT ones in qrouter namespaces. */
export interface Neighbour {
  readonly ip: Ipv4;
  readonly mac: string;
  readonly dev: string;
}

/** What an iptables rule matches, in the options the agents write (iptables -S prints them in this order). */
export interface IptablesMatch {
  src?: { ip: Ipv4; prefixLen: number };
  dst?: { ip: Ipv4; prefixLen: number };
  /** `! -i <dev> ! -o <dev>`: neither enters nor leaves by the device. */
  notInOutDev?: string;
  /** `-p tcp -m tcp --dport <n>`. */
  tcpDport?: number;
  /** `-m conntrack ! --ctstate DNAT`. */
  notCtstateDnat?: boolean;
  /** `-p <proto>` (with `-m tcp`/`-m udp` when ports follow). */
  proto?: 'tcp' | 'udp' | 'icmp';
  /** `--sport <n>` / `--dport <n>` of `-m tcp` or `-m udp`. */
  sport?: number;
  dport?: number;
  /** `-m multiport --dports <min>:<max>`. */
  dports?: { min: number; max: number };
  /** `-m physdev --physdev-in|--physdev-out <dev> --physdev-is-bridged`: the bridge port a bridged frame enters or leaves by. */
  physdev?: { dir: 'in' | 'out'; dev: string };
  /** `-m mac --mac-source <mac>`. */
  macSource?: string;
  /** `-m state --state ...`. */
  state?: 'INVALID' | 'RELATED,ESTABLISHED';
  /** `-m set --match-set <name> src|dst`: the address is a member of an ipset. */
  set?: { name: string; dir: 'src' | 'dst' };
}

/** What an iptables rule does when it matches. */
export type IptablesTarget =
  | { kind: 'jump'; chain: string }
  | { kind: 'accept' }
  | { kind: 'dnat'; to: Ipv4 }
  | { kind: 'snat'; to: Ipv4 }
  | { kind: 'redirect'; port: number }
  /** `-j CT --notrack` (raw table): the packet skips connection tracking. */
  | { kind: 'notrack' }
  /** Back to the calling chain (the security group chains RETURN what they allow). */
  | { kind: 'return' }
  | { kind: 'drop' };

/**
 * An iptables rule of one chain, as structure: the tracer evaluates it and `formatIptablesRule`
 * prints it, so the line a trace cites is by construction a line of `iptables -S`. The jumps from
 * the built-in chains into the agent's chains are ordinary rules too.
 */
export interface IptablesRule {
  readonly chain: string;
  readonly match: IptablesMatch;
  readonly target: IptablesTarget;
}

/** A rule of the nat table. */
export type NatRule = IptablesRule;

/** One more iptables table of a namespace (filter, raw): its user chains (built-in ones implied) and rules in `iptables -S` order. */
export interface IptablesTableState {
  readonly chains: string[];
  readonly rules: IptablesRule[];
}

/** A network namespace the L3 agent made, with everything the agent programmed in it. */
export interface Namespace {
  readonly name: string;
  readonly kind: 'qrouter' | 'snat' | 'fip' | 'qdhcp';
  readonly router: Router | null;
  readonly network: Network | null;
  readonly devices: Device[];
  readonly rules: IpRule[];
  readonly routes: Route[];
  readonly neighbours: Neighbour[];
  /** User chains of the nat table (builtin ones are implied); empty when the agent manages no iptables here. */
  readonly natChains: string[];
  /** The nat table's rules, built-in chains' jumps included, in chain order. */
  readonly natRules: NatRule[];
  /** The filter table (`iptables -S`): the L3 agent's wrapped chains, and the metadata proxy's INPUT rule in a qrouter. */
  readonly filter: IptablesTableState;
  /** The raw table (`iptables -t raw -S`): the fip namespace turns connection tracking off. */
  readonly raw: IptablesTableState;
  /** Sysctls the agents set in the namespace (`key = value`); the tracer reads proxy_arp from here. */
  readonly sysctls: string[];
}

/** An OpenFlow match, in the fields Neutron's OVS agent uses. */
export interface FlowMatch {
  inPort?: string;
  dlVlan?: number;
  dlSrc?: string;
  dlDst?: string;
  /** 'unicast' / 'multicast' = dl_dst with the group bit mask (br-tun table 2). */
  dlDstKind?: 'unicast' | 'multicast';
  arp?: boolean;
  /** ARP target address (written nw_dst with arp; OVS prints arp_tpa). */
  nwDst?: Ipv4;
  /** IPv4 destination subnet of an `ip` match (br-int DVR_TO_SRC_MAC priority 2). */
  ipDst?: Cidr;
  tunId?: number;
}

/** One OpenFlow action. */
export type FlowAction =
  | { kind: 'resubmit'; table: number }
  | { kind: 'drop' }
  | { kind: 'normal' }
  | { kind: 'output'; ports: string[] }
  | { kind: 'mod_dl_src'; mac: string }
  | { kind: 'strip_vlan' }
  | { kind: 'mod_vlan_vid'; vlan: number }
  | { kind: 'set_tunnel'; id: number }
  | { kind: 'learn' };

/** A flow in an OVS bridge table (`ovs-ofctl dump-flows`). */
export interface Flow {
  readonly table: number;
  readonly priority: number;
  readonly match: FlowMatch;
  readonly actions: FlowAction[];
}

/** A port of an OVS bridge. */
export interface OvsPort {
  readonly name: string;
  readonly ofport: number;
  /** Local VLAN tag of an access port on br-int. */
  readonly tag: number | null;
  readonly mac: string | null;
  readonly kind: 'patch' | 'tunnel' | 'internal' | 'vm' | 'phy';
  /** For a tunnel port: its type. */
  readonly tunnelType?: 'gre' | 'vxlan';
  /** The namespace and device behind an internal port, or the VM behind a tap. */
  readonly namespace: string | null;
  readonly vm: string | null;
  /** For a tunnel port: the remote host. */
  readonly remoteHost: string | null;
}

/** br-int, br-tun or br-ex on one host. */
export interface Bridge {
  readonly name: 'br-int' | 'br-tun' | 'br-ex';
  readonly ports: OvsPort[];
  readonly flows: Flow[];
}

/** A VM port plugged the hybrid way (nova vif.py plug_ovs_hybrid): tap in qbr, qbr joined to br-int by qvb/qvo. */
export interface Vif {
  readonly vm: Vm;
  readonly tap: string;
  readonly qbr: string;
  readonly qvb: string;
  readonly qvo: string;
  /** The MACs of the veth ends (derived, as the kernel would pick random ones); the qbr takes the lowest of its ports' MACs as bridge id. */
  readonly qvbMac: string;
  readonly qvoMac: string;
  /** The tap's MAC on the host side: libvirt gives the VM's fa:16:3e:... as fe:16:3e:... (nova designer.py). */
  readonly tapMac: string;
}

/** An ipset of the host (ipset_manager.py): a security group's member addresses, named IPv4 + the group id's first 20 characters. */
export interface Ipset {
  readonly name: string;
  readonly group: SecurityGroup;
}

/** Everything the agents programmed on one host. */
export interface HostState {
  readonly host: Host;
  /** The VM ports on this host, hybrid-plugged, in VM order. */
  readonly vifs: Vif[];
  /** The root namespace's filter table (`iptables -S` on the host): the OVS agent's security group chains. */
  readonly filter: IptablesTableState;
  /** The ipsets that filter table matches against. */
  readonly ipsets: Ipset[];
  readonly namespaces: Namespace[];
  readonly bridges: Bridge[];
  /** Local VLAN id of each network present on br-int, by network name. */
  readonly localVlans: Map<string, number>;
}
