import { lastOf, maskOf, parseCidr, parseIpv4, type Ipv4 } from '../addr/ipv4.js';
import { deriveMac } from '../ids/derive-id.js';
import type { Host, Network, Port, Router } from '../scenario/resolved-types.js';
import type { Placement } from './placement.js';
import { names } from './names.js';
import {
  CANARY_TABLE,
  DVR_NOT_LEARN,
  DVR_PROCESS,
  DVR_TO_SRC_MAC,
  EXTERNAL_NIC,
  FIP_LL_SUBNET,
  FIP_PR_START,
  FIP_RT_TBL,
  FLOOD_TO_TUN,
  GRE_TUN_TO_LV,
  L3_FILTER_CHAINS,
  L3_NAT_CHAINS,
  L3_RAW_CHAINS,
  METADATA_IP,
  METADATA_PORT,
  NAT_BUILTIN_CHAINS,
  LEARN_FROM_TUN,
  LOCAL_SWITCHING,
  PATCH_LV_TO_TUN,
  UCAST_TO_TUN,
  VXLAN_TUN_TO_LV,
} from './neutron-constants.js';
import type {
  Bridge,
  Device,
  Flow,
  HostState,
  IpRule,
  IptablesRule,
  IptablesTableState,
  Namespace,
  NatRule,
  Neighbour,
  OvsPort,
  Route,
  Vif,
} from './state-types.js';
import { buildPortFilter } from './build-port-filter.js';

const LL_BASE = parseCidr(FIP_LL_SUBNET)!.network;
const LOOPBACK: Device = {
  name: 'lo',
  kind: 'lo',
  mac: '00:00:00:00:00:00',
  addrs: [{ ip: 0x7f000001, prefixLen: 8 }],
  port: null,
  bridge: null,
  peer: null,
};
/** The nat rules every L3 agent IptablesManager starts with (iptables_manager.py): the built-in chains' jumps and the snat chain's place at the bottom of POSTROUTING. */
const NAT_SKELETON: NatRule[] = [
  { chain: 'PREROUTING', match: {}, target: { kind: 'jump', chain: 'neutron-l3-agent-PREROUTING' } },
  { chain: 'OUTPUT', match: {}, target: { kind: 'jump', chain: 'neutron-l3-agent-OUTPUT' } },
  { chain: 'POSTROUTING', match: {}, target: { kind: 'jump', chain: 'neutron-l3-agent-POSTROUTING' } },
  { chain: 'POSTROUTING', match: {}, target: { kind: 'jump', chain: 'neutron-postrouting-bottom' } },
  { chain: 'neutron-postrouting-bottom', match: {}, target: { kind: 'jump', chain: 'neutron-l3-agent-snat' } },
];
const jump = (chain: string, to: string): IptablesRule => ({ chain, match: {}, target: { kind: 'jump', chain: to } });
/**
 * The filter table every L3 agent IptablesManager lays out (iptables_manager.py __init__): the built-in
 * chains' jumps to their wrapped chains, neutron-filter-top at the top of FORWARD and OUTPUT, and the
 * wrapped local chain under it.
 */
const FILTER_SKELETON: IptablesRule[] = [
  jump('INPUT', 'neutron-l3-agent-INPUT'),
  jump('FORWARD', 'neutron-filter-top'),
  jump('FORWARD', 'neutron-l3-agent-FORWARD'),
  jump('OUTPUT', 'neutron-filter-top'),
  jump('OUTPUT', 'neutron-l3-agent-OUTPUT'),
  jump('neutron-filter-top', 'neutron-l3-agent-local'),
];
/** l3_agent.py metadata_filter_rules: the metadata proxy's port is open to the namespace itself (the agent writes `-s 0.0.0.0/0`, which iptables -S leaves out). */
const METADATA_INPUT: IptablesRule = {
  chain: 'neutron-l3-agent-INPUT',
  match: { dst: { ip: 0x7f000001, prefixLen: 32 }, tcpDport: METADATA_PORT },
  target: { kind: 'accept' },
};
/** The raw table's wrapped chains (iptables_manager.py __init__). */
const RAW_SKELETON: IptablesRule[] = [
  jump('PREROUTING', 'neutron-l3-agent-PREROUTING'),
  jump('OUTPUT', 'neutron-l3-agent-OUTPUT'),
];
/** _create_agent_gateway_port (l3_agent.py): "no connection tracking needed in fip namespace". */
const FIP_NOTRACK: IptablesRule = { chain: 'neutron-l3-agent-PREROUTING', match: {}, target: { kind: 'notrack' } };
/** A namespace without an IptablesManager: the kernel's empty tables. */
const NO_TABLE: IptablesTableState = { chains: [], rules: [] };

/** An L3 namespace's filter table, with the metadata rule in a qrouter. */
function l3Filter(qrouter: boolean): IptablesTableState {
  return {
    chains: [...L3_FILTER_CHAINS],
    rules: qrouter ? [...FILTER_SKELETON, METADATA_INPUT] : [...FILTER_SKELETON],
  };
}

/** An L3 namespace's raw table, with notrack in the fip namespace. */
function l3Raw(fip: boolean): IptablesTableState {
  return { chains: [...L3_RAW_CHAINS], rules: fip ? [...RAW_SKELETON, FIP_NOTRACK] : [...RAW_SKELETON] };
}

/** The jump every IptablesManager starts with; the agent removes it only in a DVR router's snat namespace. */
const FLOAT_SNAT_JUMP: NatRule = {
  chain: 'neutron-l3-agent-snat',
  match: {},
  target: { kind: 'jump', chain: 'neutron-l3-agent-float-snat' },
};
const METADATA_ADDRESS = parseIpv4(METADATA_IP)!;
/** What ip_lib sets in every namespace it adds (ip_lib.py IpNetnsCommand.add). */
const NETNS_ADD_SYSCTLS = ['net.ipv4.conf.all.promote_secondaries = 1'];
/** What the L3 agent sets in every namespace it creates: qrouter, snat, fip (l3_agent.py _create_namespace). */
const L3_NAMESPACE_SYSCTLS = [...NETNS_ADD_SYSCTLS, 'net.ipv4.ip_forward = 1'];

/** A namespace's nat rules in `iptables -S` order: built-in chains first, then the agent's chains in their listed order. */
function natTable(rules: NatRule[]): NatRule[] {
  const all = [...NAT_SKELETON, ...rules];
  const order = [...NAT_BUILTIN_CHAINS, ...L3_NAT_CHAINS] as string[];
  return order.flatMap((chain) => all.filter((r) => r.chain === chain));
}

/** The link-local /31 of a router's rfp-/fpr- pair on a host: the rfp- end is the even address. */
export function linkLocalPair(index: number): { rfp: Ipv4; fpr: Ipv4 } {
  return { rfp: LL_BASE + 2 * index, fpr: LL_BASE + 2 * index + 1 };
}

/** Builds everything the L3 and OVS agents program on one host. */
export function buildHostState(model: Placement, host: Host): HostState {
  const networks = model.networksOn(host.name);
  const localVlans = new Map(networks.map((n, i) => [n.name, i + 1]));
  const routers = model.routersOn(host.name);
  const fipVms = model.fipVmsOnHost.get(host.name) ?? [];
  const fipRouters = routers.filter((r) => r.distributed && fipVms.some((vm) => vm.router === r));
  const namespaces: Namespace[] = [];
  const brIntPorts: OvsPort[] = [];
  const brExPorts: OvsPort[] = [];
  const intPort = (
    name: string,
    network: Network,
    mac: string,
    namespace: string | null,
    vm: string | null,
    kind: OvsPort['kind'],
  ) =>
    brIntPorts.push({
      name,
      ofport: brIntPorts.length + 2,
      tag: localVlans.get(network.name) ?? null,
      mac,
      kind,
      namespace,
      vm,
      remoteHost: null,
    });
  const exPort = (name: string, mac: string, namespace: string) =>
    brExPorts.push({
      name,
      ofport: brExPorts.length + 2,
      tag: null,
      mac,
      kind: 'internal',
      namespace,
      vm: null,
      remoteHost: null,
    });

  // veth ends get locally administered MACs, derived like every other identifier so output stays stable.
  const vethMacs = new Set<string>();
  const vethMac = (dev: string) => deriveMac('4a:7e:00', `veth:${host.name}/${dev}`, vethMacs);
  let fipPriority = FIP_PR_START;
  for (const router of routers) {
    const ns = names.qrouter(router);
    const devices: Device[] = [LOOPBACK];
    const rules: IpRule[] = [];
    const routes: Route[] = [];
    const neighbours: Neighbour[] = [];
    const natRules: NatRule[] = [
      {
        chain: 'neutron-l3-agent-PREROUTING',
        match: { dst: { ip: METADATA_ADDRESS, prefixLen: 32 }, tcpDport: 80 },
        target: { kind: 'redirect', port: METADATA_PORT },
      },
    ];
    const sysctls: string[] = [];
    for (const itf of router.interfaces) {
      const dev = names.qr(itf.qr);
      const plen = itf.network.cidr.prefixLen;
      devices.push({
        name: dev,
        kind: 'qr',
        mac: itf.qr.mac,
        addrs: [{ ip: itf.qr.ip, prefixLen: plen }],
        port: itf.qr,
        bridge: 'br-int',
        peer: null,
      });
      intPort(dev, itf.network, itf.qr.mac, ns, null, 'internal');
      if (router.distributed) {
        // _set_subnet_arp_info: every port of the subnet that is not a router interface gets a permanent entry.
        for (const p of model.scenario.ports) {
          if (
            p.network === itf.network &&
            p.owner !== 'network:router_interface_distributed' &&
            p.owner !== 'network:router_interface'
          ) {
            neighbours.push({ ip: p.ip, mac: p.mac, dev });
          }
        }
        if (router.gateway && itf.sg) {
          // _snat_redirect_add: table and priority are the qr- address as an integer.
          const n = itf.qr.ip;
          rules.push({ priority: n, from: { ip: itf.qr.ip, prefixLen: plen }, table: n });
          routes.push({
            table: n,
            type: 'unicast',
            dst: { network: 0, prefixLen: 0 },
            via: itf.sg.ip,
            dev,
            kernelSrc: null,
            scope: null,
          });
          sysctls.push(`net.ipv4.conf.${dev}.send_redirects = 0`);
        }
      }
    }
    if (!router.distributed && router.gateway) {
      const qg = router.gateway.qg;
      const dev = names.qg(qg);
      const fips = model.scenario.vms.filter((vm) => vm.router === router && vm.floatingIp !== null);
      devices.push({
        name: dev,
        kind: 'qg',
        mac: qg.mac,
        addrs: [
          { ip: qg.ip, prefixLen: qg.network.cidr.prefixLen },
          ...fips.map((vm) => ({ ip: vm.floatingIp!, prefixLen: 32 })),
        ],
        port: qg,
        bridge: 'br-ex',
        peer: null,
      });
      exPort(dev, qg.mac, ns);
      routes.push({
        table: 'main',
        type: 'unicast',
        dst: { network: 0, prefixLen: 0 },
        via: router.gateway.network.gateway,
        dev,
        kernelSrc: null,
        scope: null,
      });
      natRules.push(...floatingIpRules(fips));
      natRules.push(...gatewayNatRules(router, dev, true));
    } else {
      natRules.push(FLOAT_SNAT_JUMP);
    }
    if (router.distributed && router.gateway) sysctls.unshift('net.ipv4.conf.all.send_redirects = 0');
    sysctls.unshift(...L3_NAMESPACE_SYSCTLS);
    const pairIndex = fipRouters.indexOf(router);
    if (pairIndex >= 0) {
      const pair = linkLocalPair(pairIndex);
      const rfp = names.rfp(router);
      const ext = router.gateway!.network;
      const vms = fipVms.filter((vm) => vm.router === router);
      devices.push({
        name: rfp,
        kind: 'rfp',
        mac: vethMac(rfp),
        addrs: [{ ip: pair.rfp, prefixLen: 31 }, ...vms.map((vm) => ({ ip: vm.floatingIp!, prefixLen: 32 }))],
        port: null,
        bridge: null,
        peer: { namespace: names.fip(ext), device: names.fpr(router) },
      });
      routes.push({
        table: FIP_RT_TBL,
        type: 'unicast',
        dst: { network: 0, prefixLen: 0 },
        via: pair.fpr,
        dev: rfp,
        kernelSrc: null,
        scope: null,
      });
      for (const vm of vms)
        rules.push({ priority: fipPriority++, from: { ip: vm.port.ip, prefixLen: 32 }, table: FIP_RT_TBL });
      natRules.push(...floatingIpRules(vms));
      natRules.push({
        chain: 'neutron-l3-agent-POSTROUTING',
        match: { notInOutDev: rfp, notCtstateDnat: true },
        target: { kind: 'accept' },
      });
    }
    namespaces.push(
      finish({
        name: ns,
        kind: 'qrouter',
        router,
        network: null,
        devices,
        rules,
        routes,
        neighbours,
        natChains: [...L3_NAT_CHAINS],
        natRules: natTable(natRules),
        filter: l3Filter(true),
        raw: l3Raw(false),
        sysctls,
      }),
    );
  }

  for (const router of model.scenario.routers) {
    if (!router.distributed || !router.gateway || router.centralHost !== host || !host.brEx) continue;
    const ns = names.snat(router);
    const devices: Device[] = [LOOPBACK];
    for (const itf of router.interfaces) {
      if (!itf.sg) continue;
      const dev = names.sg(itf.sg);
      devices.push({
        name: dev,
        kind: 'sg',
        mac: itf.sg.mac,
        addrs: [{ ip: itf.sg.ip, prefixLen: itf.network.cidr.prefixLen }],
        port: itf.sg,
        bridge: 'br-int',
        peer: null,
      });
      intPort(dev, itf.network, itf.sg.mac, ns, null, 'internal');
    }
    const qg = router.gateway.qg;
    const qgDev = names.qg(qg);
    devices.push({
      name: qgDev,
      kind: 'qg',
      mac: qg.mac,
      addrs: [{ ip: qg.ip, prefixLen: qg.network.cidr.prefixLen }],
      port: qg,
      bridge: 'br-ex',
      peer: null,
    });
    exPort(qgDev, qg.mac, ns);
    const routes: Route[] = [
      {
        table: 'main',
        type: 'unicast',
        dst: { network: 0, prefixLen: 0 },
        via: router.gateway.network.gateway,
        dev: qgDev,
        kernelSrc: null,
        scope: null,
      },
    ];
    namespaces.push(
      finish({
        name: ns,
        kind: 'snat',
        router,
        network: null,
        devices,
        rules: [],
        routes,
        neighbours: [],
        natChains: [...L3_NAT_CHAINS],
        natRules: natTable(gatewayNatRules(router, qgDev, false)),
        filter: l3Filter(false),
        raw: l3Raw(false),
        sysctls: [...L3_NAMESPACE_SYSCTLS],
      }),
    );
  }

  const fipExts = [...new Set(fipRouters.map((r) => r.gateway!.network))].sort((a, b) => a.index - b.index);
  for (const ext of fipExts) {
    const ns = names.fip(ext);
    const fg = model.scenario.fgPorts.get(host.name)!.get(ext.name)!;
    const fgDev = names.fg(fg);
    const devices: Device[] = [
      LOOPBACK,
      {
        name: fgDev,
        kind: 'fg',
        mac: fg.mac,
        addrs: [{ ip: fg.ip, prefixLen: ext.cidr.prefixLen }],
        port: fg,
        bridge: 'br-ex',
        peer: null,
      },
    ];
    exPort(fgDev, fg.mac, ns);
    const routes: Route[] = [
      {
        table: 'main',
        type: 'unicast',
        dst: { network: 0, prefixLen: 0 },
        via: ext.gateway,
        dev: fgDev,
        kernelSrc: null,
        scope: null,
      },
    ];
    fipRouters.forEach((router, i) => {
      if (router.gateway!.network !== ext) return;
      const pair = linkLocalPair(i);
      const fpr = names.fpr(router);
      devices.push({
        name: fpr,
        kind: 'fpr',
        mac: vethMac(fpr),
        addrs: [{ ip: pair.fpr, prefixLen: 31 }],
        port: null,
        bridge: null,
        peer: { namespace: names.qrouter(router), device: names.rfp(router) },
      });
      for (const vm of fipVms)
        if (vm.router === router)
          routes.push({
            table: 'main',
            type: 'unicast',
            dst: { network: vm.floatingIp!, prefixLen: 32 },
            via: pair.rfp,
            dev: fpr,
            kernelSrc: null,
            scope: null,
          });
    });
    namespaces.push(
      finish({
        name: ns,
        kind: 'fip',
        router: null,
        network: ext,
        devices,
        rules: [],
        routes,
        neighbours: [],
        natChains: [...L3_NAT_CHAINS],
        natRules: natTable([FLOAT_SNAT_JUMP]),
        filter: l3Filter(false),
        raw: l3Raw(true),
        sysctls: [...L3_NAMESPACE_SYSCTLS, `net.ipv4.conf.${fgDev}.proxy_arp = 1`],
      }),
    );
  }

  for (const network of model.scenario.networks) {
    const dhcp = model.scenario.dhcpPorts.get(network.name);
    if (!dhcp || dhcp.host !== host) continue;
    const ns = names.qdhcp(network);
    const dev = names.tap(dhcp);
    intPort(dev, network, dhcp.mac, ns, null, 'internal');
    namespaces.push(
      finish({
        name: ns,
        kind: 'qdhcp',
        router: null,
        network,
        devices: [
          LOOPBACK,
          {
            name: dev,
            kind: 'tap',
            mac: dhcp.mac,
            addrs: [{ ip: dhcp.ip, prefixLen: network.cidr.prefixLen }],
            port: dhcp,
            bridge: 'br-int',
            peer: null,
          },
        ],
        rules: [],
        // DeviceManager._set_default_route (dhcp.py): the subnet's gateway, DHCP being enabled on every subnet here.
        routes: [
          {
            table: 'main',
            type: 'unicast',
            dst: { network: 0, prefixLen: 0 },
            via: network.gateway,
            dev,
            kernelSrc: null,
            scope: null,
          },
        ],
        neighbours: [],
        natChains: [],
        natRules: [],
        filter: NO_TABLE,
        raw: NO_TABLE,
        sysctls: [...NETNS_ADD_SYSCTLS],
      }),
    );
  }
  // Hybrid plugging (nova vif.py plug_ovs_hybrid; ML2's OVS driver reports ovs_hybrid_plug: True):
  // the VM's br-int port is qvo<id>, the far end of the veth pair whose qvb<id> sits in qbr<id>.
  const vifs: Vif[] = [];
  for (const vm of model.scenario.vms) {
    if (vm.host !== host) continue;
    const p = vm.port;
    const [qvb, qvo] = [names.qvb(p), names.qvo(p)];
    vifs.push({
      vm,
      tap: names.tap(p),
      qbr: names.qbr(p),
      qvb,
      qvo,
      // Locally administered, and unique as the port MAC they borrow their last three bytes from.
      qvbMac: `4a:7e:0b${p.mac.slice(8)}`,
      qvoMac: `4a:7e:0f${p.mac.slice(8)}`,
      tapMac: `fe${p.mac.slice(2)}`,
    });
    intPort(names.qvo(p), vm.network, p.mac, null, vm.name, 'vm');
  }
  // The security group table is built when first read: a trace reads it only on the hosts of its VMs.
  let firewall: ReturnType<typeof buildPortFilter> | null = null;
  const firewallOf = () =>
    (firewall ??= buildPortFilter(
      vifs.map((v) => v.vm),
      (vm) => model.scenario.dhcpPorts.get(vm.network.name) ?? null,
    ));

  const bridges = buildBridges(model, host, localVlans, brIntPorts, brExPorts);
  return {
    host,
    vifs,
    get filter() {
      return firewallOf().filter;
    },
    get ipsets() {
      return firewallOf().ipsets;
    },
    namespaces,
    bridges,
    localVlans,
  };
}

/** floating_forward_rules (l3_agent.py): DNAT in PREROUTING and OUTPUT, SNAT in float-snat, as iptables -S prints them. */
function floatingIpRules(vms: { floatingIp: Ipv4 | null; port: Port }[]): NatRule[] {
  const out: NatRule[] = [];
  for (const vm of vms) {
    out.push({
      chain: 'neutron-l3-agent-PREROUTING',
      match: { dst: { ip: vm.floatingIp!, prefixLen: 32 } },
      target: { kind: 'dnat', to: vm.port.ip },
    });
    out.push({
      chain: 'neutron-l3-agent-OUTPUT',
      match: { dst: { ip: vm.floatingIp!, prefixLen: 32 } },
      target: { kind: 'dnat', to: vm.port.ip },
    });
    out.push({
      chain: 'neutron-l3-agent-float-snat',
      match: { src: { ip: vm.port.ip, prefixLen: 32 } },
      target: { kind: 'snat', to: vm.floatingIp! },
    });
  }
  return out;
}

/** external_gateway_nat_rules (l3_agent.py): the ACCEPT rule for un-NATed traffic and one SNAT rule per internal subnet. */
function gatewayNatRules(router: Router, qgDev: string, legacy: boolean): NatRule[] {
  const qg = router.gateway!.qg;
  const out: NatRule[] = [
    {
      chain: 'neutron-l3-agent-POSTROUTING',
      match: { notInOutDev: qgDev, notCtstateDnat: true },
      target: { kind: 'accept' },
    },
  ];
  // Only a legacy router gets its float-snat jump back after the agent empties the snat chain.
  if (legacy) out.push(FLOAT_SNAT_JUMP);
  for (const itf of router.interfaces) {
    // The agent writes -s <qr ip>/<prefixlen>; iptables -S prints the network address.
    const src = { ip: itf.network.cidr.network, prefixLen: itf.network.cidr.prefixLen };
    out.push({
      chain: 'neutron-l3-agent-snat',
      match: { src },
      target: { kind: 'snat', to: qg.ip },
    });
  }
  return out;
}

/**
 * The `brd` the agent writes with an address (ip_lib's `addr add ... brd`): the subnet broadcast, the
 * address itself for a /32 (the netaddr of 2014 gives a /32's broadcast as its only address), none for
 * a /31 (no broadcast on a point-to-point pair). The kernel adds a broadcast route for it.
 */
export function addressBroadcast(ip: Ipv4, prefixLen: number): Ipv4 | null {
  if (prefixLen === 31) return null;
  return lastOf({ network: (ip & maskOf(prefixLen)) >>> 0, prefixLen });
}

/** Adds the kernel's connected and local routes for every address, and the three default rules. */
function finish(ns: Namespace): Namespace {
  const routes: Route[] = [];
  const local: Route[] = [];
  for (const dev of ns.devices) {
    for (const a of dev.addrs) {
      const network = (a.ip & maskOf(a.prefixLen)) >>> 0;
      const cidr = { network, prefixLen: a.prefixLen };
      if (dev.kind !== 'lo' && a.prefixLen < 32)
        routes.push({
          table: 'main',
          type: 'unicast',
          dst: cidr,
          via: null,
          dev: dev.name,
          kernelSrc: a.ip,
          scope: 'link',
        });
      if (dev.kind === 'lo')
        local.push({ table: 'local', type: 'local', dst: cidr, via: null, dev: 'lo', kernelSrc: a.ip, scope: 'host' });
      local.push({
        table: 'local',
        type: 'local',
        dst: { network: a.ip, prefixLen: 32 },
        via: null,
        dev: dev.name,
        kernelSrc: a.ip,
        scope: 'host',
      });
      // fib_add_ifaddr: a broadcast route for the address's brd (a /32's brd is the address itself).
      const brd = dev.kind === 'lo' ? null : addressBroadcast(a.ip, a.prefixLen);
      if (brd !== null)
        local.push({
          table: 'local',
          type: 'broadcast',
          dst: { network: brd, prefixLen: 32 },
          via: null,
          dev: dev.name,
          kernelSrc: a.ip,
          scope: 'link',
        });
      if (dev.kind === 'lo')
        local.push({
          table: 'local',
          type: 'broadcast',
          dst: { network: lastOf(cidr), prefixLen: 32 },
          via: null,
          dev: 'lo',
          kernelSrc: a.ip,
          scope: 'link',
        });
    }
  }
  const defaults: IpRule[] = [
    { priority: 0, from: null, table: 'local' },
    { priority: 32766, from: null, table: 'main' },
    { priority: 32767, from: null, table: 'default' },
  ];
  const rules = [...defaults, ...ns.rules].sort((a, b) => a.priority - b.priority);
  return { ...ns, rules, routes: [...ns.routes, ...routes, ...local] };
}

function buildBridges(
  model: Placement,
  host: Host,
  localVlans: Map<string, number>,
  brIntPorts: OvsPort[],
  brExPorts: OvsPort[],
): Bridge[] {
  const dvr = host.dvrMac !== null;
  const snatNamespaces = new Set(
    model.scenario.routers
      .filter((r) => r.distributed && r.gateway && r.centralHost === host && host.brEx)
      .map(names.snat),
  );
  const otherDvrMacs = dvr ? model.scenario.hosts.filter((h) => h !== host && h.dvrMac).map((h) => h.dvrMac!) : [];
  const networks = model.networksOn(host.name);

  // br-tun's tunnel ports. With l2_population, one per remote host that shares a network with this one, per
  // tunnel type, created when the l2population driver announces that host's ports (ovs_neutron_agent.py
  // fdb_add); without the driver none ever comes. Without l2_population, one per other agent's endpoint that
  // tunnel_sync returns, whatever networks it serves (tunnel_sync), and unicast is flooded and learned.
  const l2pop = host.ovs.l2Population;
  const tunPorts: OvsPort[] = [];
  const tunnelTo = new Map<string, string>();
  const remote = new Map<Host, Set<'gre' | 'vxlan'>>();
  if (l2pop && model.scenario.l2populationDriver) {
    for (const n of networks) {
      for (const h of model.hostsOfNetwork.get(n.name) ?? []) {
        if (h === host) continue;
        if (!remote.has(h)) remote.set(h, new Set());
        remote.get(h)!.add(n.networkType);
      }
    }
  } else if (!l2pop) {
    const tenantTypes = new Set(model.scenario.networks.filter((n) => !n.external).map((n) => n.networkType));
    for (const h of model.scenario.hosts) if (h !== host) remote.set(h, tenantTypes);
  }
  for (const h of [...remote.keys()].sort((a, b) => a.index - b.index)) {
    for (const type of [...remote.get(h)!].sort()) {
      // Named after, and aimed at, the local_ip the remote agent reports (its tunneling_ip).
      const name = names.tunnel(type, h.ovs.localIp);
      tunPorts.push({
        name,
        ofport: tunPorts.length + 2,
        tag: null,
        mac: null,
        kind: 'tunnel',
        tunnelType: type,
        namespace: null,
        vm: null,
        remoteHost: h.name,
      });
      tunnelTo.set(`${type}:${h.name}`, name);
    }
  }

  const int: Flow[] = [];
  const tun: Flow[] = [];
  if (dvr) {
    for (const mac of otherDvrMacs)
      int.push({
        table: LOCAL_SWITCHING,
        priority: 2,
        match: { inPort: 'patch-tun', dlSrc: mac },
        actions: [{ kind: 'resubmit', table: DVR_TO_SRC_MAC }],
      });
  }
  int.push({ table: LOCAL_SWITCHING, priority: 1, match: {}, actions: [{ kind: 'normal' }] });
  if (dvr) {
    for (const router of model.routersOn(host.name)) {
      if (!router.distributed) continue;
      for (const itf of router.interfaces) {
        const lvid = localVlans.get(itf.network.name)!;
        // DVR_TO_SRC_MAC: local DVR-serviced ports (VMs, DHCP) and the sg- port get the gateway MAC back.
        const local = brIntPorts.filter((p) => p.tag === lvid && p.mac !== itf.qr.mac);
        for (const p of local)
          int.push({
            table: DVR_TO_SRC_MAC,
            priority: 4,
            match: { dlVlan: lvid, dlDst: p.mac! },
            actions: [
              { kind: 'strip_vlan' },
              { kind: 'mod_dl_src', mac: itf.qr.mac },
              { kind: 'output', ports: [p.name] },
            ],
          });
        // One more flow per subnet sends other IP frames to every local port, the sg- port first (ovs_dvr_neutron_agent.py).
        const ordered = [
          ...local.filter((p) => p.namespace !== null && snatNamespaces.has(p.namespace)),
          ...local.filter((p) => p.namespace === null || !snatNamespaces.has(p.namespace)),
        ];
        if (ordered.length)
          int.push({
            table: DVR_TO_SRC_MAC,
            priority: 2,
            match: { ipDst: itf.network.cidr, dlVlan: lvid },
            actions: [
              { kind: 'strip_vlan' },
              { kind: 'mod_dl_src', mac: itf.qr.mac },
              { kind: 'output', ports: ordered.map((p) => p.name) },
            ],
          });
        tun.push({
          table: DVR_PROCESS,
          priority: 3,
          match: { dlVlan: lvid, arp: true, nwDst: itf.network.gateway },
          actions: [{ kind: 'drop' }],
        });
        tun.push({
          table: DVR_PROCESS,
          priority: 2,
          match: { dlVlan: lvid, dlDst: itf.qr.mac },
          actions: [{ kind: 'drop' }],
        });
        tun.push({
          table: DVR_PROCESS,
          priority: 1,
          match: { dlVlan: lvid, dlSrc: itf.qr.mac },
          actions: [
            { kind: 'mod_dl_src', mac: host.dvrMac },
            { kind: 'resubmit', table: PATCH_LV_TO_TUN },
          ],
        });
      }
    }
    int.push({ table: DVR_TO_SRC_MAC, priority: 1, match: {}, actions: [{ kind: 'drop' }] });
  }
  int.push({ table: CANARY_TABLE, priority: 0, match: {}, actions: [{ kind: 'drop' }] });

  tun.push({
    table: 0,
    priority: 1,
    match: { inPort: 'patch-int' },
    actions: [{ kind: 'resubmit', table: dvr ? DVR_PROCESS : PATCH_LV_TO_TUN }],
  });
  for (const p of tunPorts)
    tun.push({
      table: 0,
      priority: 1,
      match: { inPort: p.name },
      actions: [{ kind: 'resubmit', table: p.tunnelType === 'gre' ? GRE_TUN_TO_LV : VXLAN_TUN_TO_LV }],
    });
  tun.push({ table: 0, priority: 0, match: {}, actions: [{ kind: 'drop' }] });
  if (dvr)
    tun.push({ table: DVR_PROCESS, priority: 0, match: {}, actions: [{ kind: 'resubmit', table: PATCH_LV_TO_TUN }] });
  tun.push({
    table: PATCH_LV_TO_TUN,
    priority: 0,
    match: { dlDstKind: 'unicast' },
    actions: [{ kind: 'resubmit', table: UCAST_TO_TUN }],
  });
  tun.push({
    table: PATCH_LV_TO_TUN,
    priority: 0,
    match: { dlDstKind: 'multicast' },
    actions: [{ kind: 'resubmit', table: FLOOD_TO_TUN }],
  });
  for (const table of [GRE_TUN_TO_LV, VXLAN_TUN_TO_LV]) {
    for (const n of networks) {
      if ((n.networkType === 'gre') !== (table === GRE_TUN_TO_LV)) continue;
      tun.push({
        table,
        priority: 1,
        match: { tunId: n.segmentationId },
        actions: [
          { kind: 'mod_vlan_vid', vlan: localVlans.get(n.name)! },
          { kind: 'resubmit', table: dvr ? DVR_NOT_LEARN : LEARN_FROM_TUN },
        ],
      });
    }
    tun.push({ table, priority: 0, match: {}, actions: [{ kind: 'drop' }] });
  }
  if (dvr) {
    for (const mac of otherDvrMacs)
      tun.push({
        table: DVR_NOT_LEARN,
        priority: 1,
        match: { dlSrc: mac },
        actions: [{ kind: 'output', ports: ['patch-int'] }],
      });
    tun.push({ table: DVR_NOT_LEARN, priority: 0, match: {}, actions: [{ kind: 'resubmit', table: LEARN_FROM_TUN }] });
  }
  tun.push({
    table: LEARN_FROM_TUN,
    priority: 1,
    match: {},
    actions: [{ kind: 'learn' }, { kind: 'output', ports: ['patch-int'] }],
  });
  for (const n of l2pop ? networks : []) {
    const lvid = localVlans.get(n.name)!;
    for (const p of model.boundPortsOfNetwork.get(n.name) ?? []) {
      if (!p.host || p.host === host) continue;
      const port = tunnelTo.get(`${n.networkType}:${p.host.name}`);
      if (port)
        tun.push({
          table: UCAST_TO_TUN,
          priority: 2,
          match: { dlVlan: lvid, dlDst: p.mac },
          actions: [
            { kind: 'strip_vlan' },
            { kind: 'set_tunnel', id: n.segmentationId },
            { kind: 'output', ports: [port] },
          ],
        });
    }
  }
  tun.push({ table: UCAST_TO_TUN, priority: 0, match: {}, actions: [{ kind: 'resubmit', table: FLOOD_TO_TUN }] });
  for (const n of networks) {
    const ports = [...(l2pop ? (model.hostsOfNetwork.get(n.name) ?? []) : remote.keys())]
      .filter((h) => h !== host)
      .sort((a, b) => a.index - b.index)
      .map((h) => tunnelTo.get(`${n.networkType}:${h.name}`))
      .filter((name): name is string => name !== undefined);
    if (ports.length)
      tun.push({
        table: FLOOD_TO_TUN,
        priority: 32768,
        match: { dlVlan: localVlans.get(n.name)! },
        actions: [{ kind: 'strip_vlan' }, { kind: 'set_tunnel', id: n.segmentationId }, { kind: 'output', ports }],
      });
  }
  tun.push({ table: FLOOD_TO_TUN, priority: 0, match: {}, actions: [{ kind: 'drop' }] });

  const byTable = (a: Flow, b: Flow) => a.table - b.table || b.priority - a.priority;
  return [
    {
      name: 'br-int',
      ports: [patchPort('patch-tun'), ...brIntPorts],
      flows: stableSort(int, byTable),
    },
    {
      name: 'br-tun',
      ports: [patchPort('patch-int'), ...tunPorts],
      flows: stableSort(tun, byTable),
    },
    // A DVR node needs the external network (floating IPs leave compute nodes directly); a legacy
    // compute node has no br-ex, only the legacy node that hosts routers does.
    ...(host.brEx && (host.agentMode !== 'legacy' || brExPorts.length)
      ? [
          {
            name: 'br-ex' as const,
            ports: [
              {
                name: EXTERNAL_NIC,
                ofport: 1,
                tag: null,
                mac: null,
                kind: 'phy' as const,
                namespace: null,
                vm: null,
                remoteHost: null,
              },
              ...brExPorts,
            ],
            flows: [{ table: 0, priority: 0, match: {}, actions: [{ kind: 'normal' as const }] }],
          },
        ]
      : []),
  ];
}

/** The patch port (OpenFlow port 1) that joins br-int and br-tun, seen from either bridge. */
function patchPort(name: 'patch-tun' | 'patch-int'): OvsPort {
  return { name, ofport: 1, tag: null, mac: null, kind: 'patch', namespace: null, vm: null, remoteHost: null };
}

function stableSort<T>(items: T[], cmp: (a: T, b: T) => number): T[] {
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => cmp(a.item, b.item) || a.i - b.i)
    .map((x) => x.item);
}
