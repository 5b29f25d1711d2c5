import {
  cidrContains,
  cidrOverlaps,
  formatCidr,
  formatIpv4,
  hostBounds,
  lastOf,
  parseCidr,
  parseIpv4,
  type Cidr,
  type Ipv4,
} from '../addr/ipv4.js';
import { firstOffWire, offWireReason } from '../addr/wire-address.js';
import { deriveMac, deriveUuid } from '../ids/derive-id.js';
import { checkStructure } from './check-structure.js';
import { parseJson } from './parse-json.js';
import type { Host, Network, Port, PortOwner, ResolvedScenario, Router, SecurityGroup, Vm } from './resolved-types.js';
import { resolveSecurityGroups } from './resolve-security-groups.js';
import { scenarioSpec } from './scenario-schema.js';
import type { NetworkSpec, Scenario, ScenarioError } from './scenario-types.js';

/** The outcome of reading a scenario: the resolved scenario, or every problem found. */
export interface ResolveResult {
  scenario: ResolvedScenario | null;
  errors: ScenarioError[];
}

/** Reads scenario text (JSON) all the way to a resolved scenario; never throws. */
export function loadScenario(text: string): ResolveResult {
  const { value, errors } = parseJson(text);
  if (errors.length) return { scenario: null, errors };
  return resolveScenario(value);
}

/** Validates a parsed scenario value, applies Neutron's defaults and allocates every address; never throws. */
export function resolveScenario(value: unknown): ResolveResult {
  const errors: ScenarioError[] = [];
  try {
    if (!checkStructure(value, scenarioSpec, '', errors)) return { scenario: null, errors };
    const scenario = resolveChecked(value as Scenario, errors);
    return errors.length ? { scenario: null, errors } : { scenario, errors };
  } catch (cause) {
    // A bug of ours must still not throw at a reader: report it as a problem of the whole document.
    return { scenario: null, errors: [...errors, { path: '', message: `internal simulator error: ${String(cause)}` }] };
  }
}

const TUNNEL_BASE = parseIpv4('172.16.0.11')!;
const SEGMENTATION_BASE = 1001;

/** Addresses in use in one subnet, with what holds each, for clear "already in use" messages. */
class SubnetPool {
  readonly used = new Map<Ipv4, string>();
  private cursor: Ipv4;
  constructor(readonly network: Network) {
    this.cursor = hostBounds(network.cidr).first;
  }
  reserve(ip: Ipv4, holder: string): string | null {
    const owner = this.used.get(ip);
    if (owner !== undefined) return owner;
    this.used.set(ip, holder);
    return null;
  }
  /** The lowest free address of the allocation pool (Juno IPAM), or null when the subnet is exhausted. */
  next(holder: string): Ipv4 | null {
    const { last } = hostBounds(this.network.cidr);
    while (this.cursor <= last && this.used.has(this.cursor)) this.cursor++;
    if (this.cursor > last) return null;
    this.used.set(this.cursor, holder);
    return this.cursor;
  }
}

function resolveChecked(input: Scenario, errors: ScenarioError[]): ResolvedScenario | null {
  const err = (path: string, message: string) => errors.push({ path, message });
  const uniqueNames = (items: { name: string }[], kind: string, base: string) => {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const first = seen.get(item.name);
      if (first !== undefined)
        err(
          `${base}/${i}/name`,
          `a ${kind} named "${item.name}" already exists (${base}/${first}); ${kind} names must be unique`,
        );
      else seen.set(item.name, i);
    });
  };
  uniqueNames(input.hosts, 'host', '/hosts');
  uniqueNames(input.networks, 'network', '/networks');
  uniqueNames(input.routers, 'router', '/routers');
  uniqueNames(input.vms, 'VM', '/vms');

  // Hosts: tunnel endpoints (explicit ones first, then the lowest free from 172.16.0.11).
  const takenTunnel = new Map<Ipv4, number>();
  input.hosts.forEach((h, i) => {
    if (h.tunnelIp === undefined) return;
    const ip = parseIpv4(h.tunnelIp)!;
    const other = takenTunnel.get(ip);
    const offWire = offWireReason(ip);
    // The OVS agent's local_ip is the outer source of every VXLAN/GRE packet it sends (ovs_neutron_agent.py
    // setup_tunnel_port): an address that never crosses a wire cannot carry a tunnel.
    if (offWire) err(`/hosts/${i}/tunnelIp`, `cannot be an OVS agent's local_ip (tunnel endpoint): ${offWire}`);
    else if (other !== undefined)
      err(
        `/hosts/${i}/tunnelIp`,
        `tunnel address ${h.tunnelIp} is already the local_ip of host "${input.hosts[other]!.name}"; each OVS agent needs its own`,
      );
    else takenTunnel.set(ip, i);
  });
  // A configured local_ip may be any address on the wire (a copy of another node's file is a real fault), but
  // never one that cannot carry a tunnel at all.
  input.hosts.forEach((h, i) => {
    if (h.ovs?.localIp === undefined) return;
    const offWire = offWireReason(parseIpv4(h.ovs.localIp)!);
    if (offWire) err(`/hosts/${i}/ovs/localIp`, `cannot be an OVS agent's local_ip (tunnel endpoint): ${offWire}`);
  });
  let tunnelCursor = TUNNEL_BASE;
  const dvrMacs = new Set<string>();
  const hosts: Host[] = input.hosts.map((h, index) => {
    let tunnelIp: Ipv4;
    if (h.tunnelIp !== undefined) tunnelIp = parseIpv4(h.tunnelIp)!;
    else {
      while (takenTunnel.has(tunnelCursor)) tunnelCursor++;
      tunnelIp = tunnelCursor;
      takenTunnel.set(tunnelCursor, index);
    }
    // The OVS agent asks for a DVR MAC only with enable_distributed_routing (ovs_dvr_neutron_agent.py get_dvr_mac_address).
    const distributedRouting = h.ovs?.enableDistributedRouting ?? h.agentMode !== 'legacy';
    const dvrMac = distributedRouting ? deriveMac('fa:16:3f', `dvr-mac:${h.name}`, dvrMacs) : null;
    const brEx = h.bridges?.brEx ?? true;
    return {
      name: h.name,
      index,
      agentMode: h.agentMode,
      tunnelIp,
      dvrMac,
      ovs: {
        enableDistributedRouting: distributedRouting,
        l2Population: h.ovs?.l2Population ?? true,
        localIp: h.ovs?.localIp !== undefined ? parseIpv4(h.ovs.localIp)! : tunnelIp,
      },
      brEx,
      // l3_agent.py _process_routers returns at once when external_network_bridge does not exist; a legacy agent
      // is never a candidate for a distributed router (l3_agentschedulers_db.py get_l3_agent_candidates).
      hostsDvrRouters: brEx && h.agentMode !== 'legacy',
    };
  });
  const hostByName = new Map(hosts.map((h) => [h.name, h]));

  // Networks: subnets, gateways, segmentation ids.
  const takenSeg = new Map<string, number>();
  input.networks.forEach((n, i) => {
    if (n.external || n.segmentationId === undefined) return;
    const key = `${n.networkType ?? 'vxlan'}:${n.segmentationId}`;
    const other = takenSeg.get(key);
    if (other !== undefined)
      err(
        `/networks/${i}/segmentationId`,
        `segmentation id ${n.segmentationId} is already used by network "${input.networks[other]!.name}"; each ${n.networkType ?? 'vxlan'} network needs its own VNI`,
      );
    else takenSeg.set(key, i);
  });
  let segCursor = SEGMENTATION_BASE;
  const networks: Network[] = [];
  input.networks.forEach((n, index) => {
    const cidr = parseCidr(n.subnet.cidr)!;
    // Juno's API takes any IPv4 CIDR (db_base_plugin_v2.py _validate_subnet checks only the IP version), but a
    // port holding a loopback or multicast address could never send or receive on the wire: refused here.
    const bounds = hostBounds(cidr);
    const offWire = firstOffWire(bounds.first, bounds.last);
    if (offWire !== null)
      err(
        `/networks/${index}/subnet/cidr`,
        `subnet ${n.subnet.cidr} would give ports addresses that cannot be on the wire: ${offWireReason(offWire)}`,
      );
    const networkType = checkNetworkType(n, index, err);
    let gateway: Ipv4;
    if (n.subnet.gateway !== undefined) {
      gateway = parseIpv4(n.subnet.gateway)!;
      const problem = addressProblem(gateway, cidr);
      if (problem) err(`/networks/${index}/subnet/gateway`, `gateway ${n.subnet.gateway} ${problem}`);
    } else {
      if (cidr.prefixLen > 29)
        err(
          `/networks/${index}/subnet/cidr`,
          `subnet ${formatCidr(cidr)} is too small for a router: use a prefix length of 29 or less (a /29 has 6 usable addresses)`,
        );
      gateway = hostBounds(cidr).first;
    }
    let segmentationId = n.segmentationId ?? 0;
    if (!n.external && n.segmentationId === undefined) {
      while (takenSeg.has(`${networkType}:${segCursor}`)) segCursor++;
      segmentationId = segCursor;
      takenSeg.set(`${networkType}:${segCursor}`, index);
    }
    networks.push({
      name: n.name,
      index,
      id: deriveUuid('network', n.name),
      subnetId: deriveUuid('subnet', n.name),
      external: n.external === true,
      networkType,
      segmentationId,
      cidr,
      gateway,
    });
  });
  // With external_network_bridge = br-ex (our br-ex), every L3 agent asks the server for the one external
  // network (l3_agent.py _fetch_external_net_id), and the server refuses when there are more
  // (external_net_db.py get_external_network_id: TooManyExternalNetworks).
  const externals = networks.filter((n) => n.external);
  for (const extra of externals.slice(1))
    err(
      `/networks/${extra.index}/external`,
      `a second external network ("${extra.name}" after "${externals[0]!.name}"): with external_network_bridge = br-ex each L3 agent serves exactly one external network (Neutron: TooManyExternalNetworks); keep one external network`,
    );
  const networkByName = new Map(networks.map((n) => [n.name, n]));
  const pools = new Map(networks.map((n) => [n.name, new SubnetPool(n)]));
  networks.forEach((n) => pools.get(n.name)!.reserve(n.gateway, `the gateway of subnet ${formatCidr(n.cidr)}`));

  // Routers: interfaces and gateways refer to networks; subnets on one router must not overlap.
  const interfaceOwner = new Map<string, string>();
  const firstOf = (mode: string) => hosts.find((h) => h.agentMode === mode) ?? null;
  const snatHost = firstOf('dvr_snat');
  const legacyHost = firstOf('legacy') ?? snatHost;
  input.routers.forEach((r, ri) => {
    const attached: { cidr: Cidr; name: string }[] = [];
    const gw = r.externalGateway;
    if (gw) {
      const ext = networkByName.get(gw.network);
      if (!ext)
        err(
          `/routers/${ri}/externalGateway/network`,
          `no network named "${gw.network}"; the external gateway must name an external network (${names(networks.filter((n) => n.external))})`,
        );
      else if (!ext.external)
        err(
          `/routers/${ri}/externalGateway/network`,
          `network "${gw.network}" is not external (router:external is false); set "external": true on it or choose an external network`,
        );
      else attached.push({ cidr: ext.cidr, name: ext.name });
    }
    const seen = new Set<string>();
    r.interfaces.forEach((netName, ii) => {
      const path = `/routers/${ri}/interfaces/${ii}`;
      const net = networkByName.get(netName);
      if (!net) return err(path, `no network named "${netName}"; known networks: ${names(networks)}`);
      if (net.external)
        return err(
          path,
          `"${netName}" is an external network: attach it as the router's externalGateway, not as an interface`,
        );
      if (seen.has(netName)) return err(path, `network "${netName}" is already an interface of router "${r.name}"`);
      seen.add(netName);
      const owner = interfaceOwner.get(netName);
      if (owner !== undefined)
        return err(
          path,
          `the gateway ${formatIpv4(net.gateway)} of "${netName}" is already router "${owner}"'s interface; in this simulator a network attaches to one router`,
        );
      interfaceOwner.set(netName, r.name);
      const clash = attached.find((a) => cidrOverlaps(a.cidr, net.cidr));
      if (clash)
        return err(
          path,
          `subnet ${formatCidr(net.cidr)} of "${netName}" overlaps subnet ${formatCidr(clash.cidr)} of "${clash.name}", already on router "${r.name}" (Neutron: BadRequest, overlapping subnets on one router)`,
        );
      attached.push({ cidr: net.cidr, name: netName });
    });
    const distributed = r.distributed !== false;
    if (distributed && gw && !snatHost)
      err(
        `/routers/${ri}/externalGateway`,
        `no host runs the L3 agent in agent_mode dvr_snat, so router "${r.name}"'s SNAT cannot be scheduled; add a host with "agentMode": "dvr_snat"`,
      );
    if (r.snatScheduled === false && !distributed)
      err(
        `/routers/${ri}/snatScheduled`,
        `router "${r.name}" is a legacy router: it has no separate SNAT to schedule (the whole router is bound to one L3 agent); remove snatScheduled or make the router distributed`,
      );
    else if (r.snatScheduled === false && !gw)
      err(
        `/routers/${ri}/snatScheduled`,
        `router "${r.name}" has no externalGateway, so there is no SNAT to schedule; remove snatScheduled or add an externalGateway`,
      );
    if (!distributed && !legacyHost)
      err(
        `/routers/${ri}/distributed`,
        `a legacy router needs an L3 agent in agent_mode legacy or dvr_snat to host it; add such a host or make the router distributed`,
      );
  });

  const routerOfNetwork = new Map<string, number>();
  input.routers.forEach((r, ri) => r.interfaces.forEach((n) => routerOfNetwork.set(n, ri)));

  // VMs: hosts and networks must exist; explicit addresses are reserved first.
  input.vms.forEach((v, vi) => {
    const host = hostByName.get(v.host);
    if (!host) err(`/vms/${vi}/host`, `no host named "${v.host}"; known hosts: ${names(hosts)}`);
    const net = networkByName.get(v.network);
    if (!net) err(`/vms/${vi}/network`, `no network named "${v.network}"; known networks: ${names(networks)}`);
    else if (net.external)
      err(
        `/vms/${vi}/network`,
        `"${v.network}" is an external network; put VMs on a tenant network and give them a floatingIp instead`,
      );
    if (v.floatingIp !== undefined && net && !net.external) {
      const ri = routerOfNetwork.get(net.name);
      if (ri === undefined || !input.routers[ri]!.externalGateway) {
        err(
          `/vms/${vi}/floatingIp`,
          `no router connects network "${net.name}" to an external network, so a floating IP cannot reach VM "${v.name}" (Neutron: ExternalGatewayForFloatingIPNotFound); attach "${net.name}" to a router with an externalGateway`,
        );
      }
    }
  });
  if (errors.length) return null;

  const reserveExplicit = (path: string, text: string, net: Network, holder: string) => {
    const ip = parseIpv4(text)!;
    const problem = addressProblem(ip, net.cidr);
    if (problem) return err(path, `${text} ${problem} of network "${net.name}"`);
    if (ip === net.gateway)
      return err(path, `${text} is the gateway of subnet ${formatCidr(net.cidr)}; choose another address`);
    const owner = pools.get(net.name)!.reserve(ip, holder);
    if (owner !== null) err(path, `${text} is already in use by ${owner} (Neutron: IpAddressAlreadyAllocated)`);
  };
  input.routers.forEach((r, ri) => {
    const gw = r.externalGateway;
    if (gw?.ip !== undefined)
      reserveExplicit(
        `/routers/${ri}/externalGateway/ip`,
        gw.ip,
        networkByName.get(gw.network)!,
        `router "${r.name}"'s gateway port (qg-)`,
      );
  });
  input.vms.forEach((v, vi) => {
    if (v.ip !== undefined) reserveExplicit(`/vms/${vi}/ip`, v.ip, networkByName.get(v.network)!, `VM "${v.name}"`);
  });
  const extOfVm = (vi: number) => {
    const ri = routerOfNetwork.get(input.vms[vi]!.network)!;
    return networkByName.get(input.routers[ri]!.externalGateway!.network)!;
  };
  input.vms.forEach((v, vi) => {
    if (typeof v.floatingIp === 'string')
      reserveExplicit(`/vms/${vi}/floatingIp`, v.floatingIp, extOfVm(vi), `the floating IP of VM "${v.name}"`);
  });
  if (errors.length) return null;

  // Automatic addresses, in the canonical creation order that sandbox-core/README.md describes.
  const macs = new Set<string>();
  const ports: Port[] = [];
  const makePort = (
    owner: PortOwner,
    key: string,
    network: Network,
    ip: Ipv4,
    host: Host | null,
    router: Router | null,
    vm: Vm | null,
  ): Port => {
    const id = deriveUuid('port', key);
    const port: Port = { id, mac: deriveMac('fa:16:3e', `mac:${key}`, macs), ip, network, owner, host, router, vm };
    ports.push(port);
    return port;
  };
  const allocate = (path: string, network: Network, holder: string): Ipv4 | null => {
    const ip = pools.get(network.name)!.next(holder);
    if (ip === null) {
      const size = hostBounds(network.cidr).last - hostBounds(network.cidr).first + 1;
      err(
        path,
        `no free address left for ${holder} in ${network.external ? 'external ' : ''}subnet ${formatCidr(network.cidr)} of "${network.name}" (Neutron: IpAddressGenerationFailure): its ${size} usable addresses are all taken${network.external ? ' by the gateway, qg- and fg- ports and floating IPs' : ''}; use a larger subnet`,
      );
    }
    return ip;
  };

  const dhcpHost = hosts.find((h) => h.agentMode === 'dvr_snat' || h.agentMode === 'legacy') ?? null;
  const dhcpPorts = new Map<string, Port>();
  if (dhcpHost) {
    for (const net of networks) {
      if (net.external) continue;
      const ip = allocate(`/networks/${net.index}`, net, `the DHCP port of "${net.name}"`);
      if (ip !== null)
        dhcpPorts.set(net.name, makePort('network:dhcp', `dhcp:${net.name}`, net, ip, dhcpHost, null, null));
    }
  }

  const routers: Router[] = input.routers.map((r, index) => {
    const distributed = r.distributed !== false;
    return {
      name: r.name,
      index,
      id: deriveUuid('router', r.name),
      distributed,
      gateway: null,
      interfaces: [],
      centralHost: distributed ? (r.externalGateway && r.snatScheduled !== false ? snatHost : null) : legacyHost,
      snatScheduled: distributed && Boolean(r.externalGateway) && r.snatScheduled !== false,
    };
  });
  // A central port is bound to its host only when that host's L3 agent plugs it: an agent without br-ex processes no router.
  const pluggedOn = (router: Router): Host | null => (router.centralHost?.brEx ? router.centralHost : null);
  input.routers.forEach((r, ri) => {
    const gw = r.externalGateway;
    if (!gw) return;
    const network = networkByName.get(gw.network)!;
    const router = routers[ri]!;
    const ip =
      gw.ip !== undefined
        ? parseIpv4(gw.ip)!
        : allocate(`/routers/${ri}/externalGateway`, network, `router "${r.name}"'s gateway port (qg-)`);
    if (ip === null) return;
    (router as { gateway: Router['gateway'] }).gateway = {
      network,
      qg: makePort('network:router_gateway', `qg:${r.name}`, network, ip, pluggedOn(router), router, null),
    };
  });
  input.routers.forEach((r, ri) => {
    const router = routers[ri]!;
    for (const netName of r.interfaces) {
      const network = networkByName.get(netName)!;
      const owner: PortOwner = router.distributed ? 'network:router_interface_distributed' : 'network:router_interface';
      const qr = makePort(
        owner,
        `qr:${r.name}:${netName}`,
        network,
        network.gateway,
        router.distributed ? null : pluggedOn(router),
        router,
        null,
      );
      router.interfaces.push({ network, qr, sg: null });
    }
  });
  input.routers.forEach((r, ri) => {
    const router = routers[ri]!;
    if (!router.distributed || !router.gateway) return;
    router.interfaces.forEach((itf, ii) => {
      const ip = allocate(`/routers/${ri}/interfaces/${ii}`, itf.network, `router "${r.name}"'s SNAT port (sg-)`);
      if (ip !== null)
        (itf as { sg: Port | null }).sg = makePort(
          'network:router_centralized_snat',
          `sg:${r.name}:${itf.network.name}`,
          itf.network,
          ip,
          pluggedOn(router),
          router,
          null,
        );
    });
  });

  const vms: Vm[] = [];
  input.vms.forEach((v, index) => {
    const network = networkByName.get(v.network)!;
    const ip = v.ip !== undefined ? parseIpv4(v.ip)! : allocate(`/vms/${index}`, network, `VM "${v.name}"`);
    const ri = routerOfNetwork.get(network.name);
    const vm: Vm = {
      name: v.name,
      index,
      host: hostByName.get(v.host)!,
      network,
      port: null as unknown as Port,
      router: ri === undefined ? null : routers[ri]!,
      floatingIp: null,
      securityGroups: [],
    };
    (vm as { port: Port }).port = makePort('compute:nova', `vm:${v.name}`, network, ip ?? 0, vm.host, null, vm);
    vms.push(vm);
  });

  // Floating IPs in VM order, each at its floatingip-create (l3_db.py create_floatingip); a host's fg- port
  // comes after its first floating IP, when the L3 agent first serves one there and asks for its agent
  // gateway port (l3_agent.py _get_external_device_interface_name, _create_agent_gateway_port). Only
  // distributed routers ask: a legacy router's floating IPs live on its qg- port.
  const fgPorts = new Map<string, Map<string, Port>>();
  input.vms.forEach((v, vi) => {
    if (v.floatingIp === undefined) return;
    const ext = extOfVm(vi);
    const ip =
      typeof v.floatingIp === 'string'
        ? parseIpv4(v.floatingIp)!
        : allocate(`/vms/${vi}/floatingIp`, ext, `the floating IP of VM "${v.name}"`);
    (vms[vi] as { floatingIp: Ipv4 | null }).floatingIp = ip;
    const host = vms[vi]!.host;
    // Only an L3 agent that hosts the distributed router asks for an fg- port: not a legacy one, not one without br-ex.
    if (!vms[vi]!.router!.distributed || !host.hostsDvrRouters || fgPorts.get(host.name)?.has(ext.name)) return;
    const fgIp = allocate(
      `/hosts/${host.index}`,
      ext,
      `the floating IP agent gateway port (fg-) of host "${host.name}"`,
    );
    if (fgIp === null) return;
    if (!fgPorts.has(host.name)) fgPorts.set(host.name, new Map());
    fgPorts
      .get(host.name)!
      .set(
        ext.name,
        makePort('network:floatingip_agent_gateway', `fg:${host.name}:${ext.name}`, ext, fgIp, host, null, null),
      );
  });
  if (errors.length) return null;

  const security = resolveSecurityGroups(input, vms, errors);
  if (errors.length) return null;
  vms.forEach((vm, i) => ((vm as { securityGroups: readonly SecurityGroup[] }).securityGroups = security.byVm[i]!));

  return {
    title: input.title ?? '',
    l2populationDriver: input.ml2?.l2population ?? true,
    hosts,
    networks,
    routers,
    vms,
    ports,
    fgPorts,
    dhcpPorts,
    securityGroups: security.groups,
  };
}

function checkNetworkType(n: NetworkSpec, index: number, err: (p: string, m: string) => void): 'vxlan' | 'gre' {
  const t = n.networkType ?? 'vxlan';
  if (t === 'vxlan' || t === 'gre' || n.external) return t === 'gre' ? 'gre' : 'vxlan';
  err(
    `/networks/${index}/networkType`,
    `network type "${t}" is not supported for tenant networks by Juno DVR (only "vxlan" and "gre" tunnel networks are); use "vxlan"`,
  );
  return 'vxlan';
}

/** Why an address cannot be a port address in a subnet, or null when it can. */
function addressProblem(ip: Ipv4, cidr: Cidr): string | null {
  if (!cidrContains(cidr, ip)) return `is outside subnet ${formatCidr(cidr)}`;
  if (cidr.prefixLen < 31 && (ip === cidr.network || ip === lastOf(cidr)))
    return `is the ${ip === cidr.network ? 'network' : 'broadcast'} address of subnet ${formatCidr(cidr)}, not a host address`;
  return null;
}

function names(items: { name: string }[]): string {
  return items.length ? items.map((i) => `"${i.name}"`).join(', ') : '(none)';
}
