import { formatIpv4 } from '../addr/ipv4.js';
import { deriveMac, deriveUuid } from '../ids/derive-id.js';
import type { Model } from '../model/model.js';
import { addressBroadcast } from '../model/build-host-state.js';
import type { Bridge, HostState, IptablesTableState, Namespace, OvsPort, Vif } from '../model/state-types.js';
import { FILTER_BUILTIN_CHAINS, NAT_BUILTIN_CHAINS, RAW_BUILTIN_CHAINS } from '../model/neutron-constants.js';
import { formatFlow, formatIpRule, formatIptablesRule, formatNeighbour, formatRoute } from './format-lines.js';

/** The commands `show` runs in every namespace. */
export const NAMESPACE_COMMANDS = [
  'ip addr',
  'ip rule',
  'ip route show table all',
  'ip neigh',
  'iptables -t nat -S',
  'iptables -S',
  'iptables -t raw -S',
] as const;

/** The views of one place (a namespace or a bridge): command -> output, in the order `show` prints them. */
export type PlaceViews = Map<string, string>;
/** The views of one host: namespace or bridge name -> its views. */
export type HostViews = Map<string, PlaceViews>;
/**
 * Views of a model: host -> namespace or bridge -> command -> output. Maps, not objects, because the
 * keys are names from the scenario (a host may be called `__proto__`); `viewsToJson` gives the
 * `show --json` shape.
 */
export type Views = Map<string, HostViews>;

/** `ip addr` in a namespace. */
export function renderIpAddr(
  ns: Namespace,
  peerIndex: (peer: { namespace: string; device: string }) => number | null = () => null,
): string {
  return ns.devices
    .map((dev, i) => {
      const lo = dev.kind === 'lo';
      // A veth names its peer by the peer's interface index in the other namespace.
      const peer = dev.peer ? peerIndex(dev.peer) : null;
      const head = `${i + 1}: ${dev.name}${dev.peer ? `@if${peer ?? '?'}` : ''}: <${lo ? 'LOOPBACK' : 'BROADCAST,MULTICAST'},UP,LOWER_UP> mtu ${lo ? 65536 : 1500} qdisc noqueue state ${lo ? 'UNKNOWN' : 'UP'} group default qlen 1000`;
      const link = lo
        ? '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00'
        : `    link/ether ${dev.mac} brd ff:ff:ff:ff:ff:ff${dev.peer ? ` link-netns ${dev.peer.namespace}` : ''}`;
      const inets = dev.addrs.map((a) => {
        const b = lo ? null : addressBroadcast(a.ip, a.prefixLen);
        const brd = b === null ? '' : ` brd ${formatIpv4(b)}`;
        return `    inet ${formatIpv4(a.ip)}/${a.prefixLen}${brd} scope ${lo ? 'host' : 'global'} ${dev.name}\n       valid_lft forever preferred_lft forever`;
      });
      return [head, link, ...inets].join('\n');
    })
    .join('\n');
}

/** `ip rule` in a namespace. */
export function renderIpRule(ns: Namespace): string {
  return ns.rules.map(formatIpRule).join('\n');
}

/**
 * `ip route show table all` in the kernel's dump order (checked against Linux 6.x by test/kernel):
 * tables by hash bucket (id mod 256, so main 254 and local 255 come late), within a bucket the most
 * recently created first (main and local exist before any other), and within a table the routes in
 * fib trie order: by destination address, the longer prefix first for the same address.
 */
export function renderIpRoute(ns: Namespace): string {
  const created: (number | string)[] = ['local', 'main'];
  for (const r of ns.routes) if (!created.includes(r.table)) created.push(r.table);
  const tableId = (t: number | string) => (t === 'main' ? 254 : t === 'local' ? 255 : (t as number));
  const sorted = ns.routes
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      const ta = a.r.table;
      const tb = b.r.table;
      if (ta !== tb) return (tableId(ta) & 0xff) - (tableId(tb) & 0xff) || created.indexOf(tb) - created.indexOf(ta);
      return a.r.dst.network - b.r.dst.network || b.r.dst.prefixLen - a.r.dst.prefixLen || a.i - b.i;
    });
  return sorted.map(({ r }) => formatRoute(r)).join('\n');
}

/** `ip neigh`: the permanent entries the L3 agent wrote. */
export function renderIpNeigh(ns: Namespace): string {
  return ns.neighbours.map(formatNeighbour).join('\n');
}

/** `iptables -t nat -S`: policies, the agent's chains, then the rules as the namespace holds them (built-in chains first). */
export function renderIptablesNat(ns: Namespace): string {
  const lines = NAT_BUILTIN_CHAINS.map((c) => `-P ${c} ACCEPT`);
  lines.push(...ns.natChains.map((c) => `-N ${c}`));
  lines.push(...ns.natRules.map(formatIptablesRule));
  return lines.join('\n');
}

/** `iptables -S` (filter) or `iptables -t raw -S`: policies, user chains, then the rules, built-in chains first. */
export function renderIptablesTable(table: IptablesTableState, builtin: readonly string[]): string {
  return [
    ...builtin.map((c) => `-P ${c} ACCEPT`),
    ...table.chains.map((c) => `-N ${c}`),
    ...table.rules.map(formatIptablesRule),
  ].join('\n');
}

/**
 * `ovs-ofctl show <bridge>` as the Open vSwitch of Juno's time printed it: the OpenFlow port numbers
 * behind the port names that dump-flows shows (a modelling choice: real dump-flows printed numbers).
 * Port and bridge MACs not otherwise modelled derive from names, so output stays stable.
 */
export function renderOfctlShow(bridge: Bridge, hostName: string, vifs: readonly Vif[] = []): string {
  const mac = (key: string) => deriveMac('4a:7e:01', `ovs:${hostName}/${bridge.name}/${key}`, new Set());
  const bridgeMac = mac('LOCAL');
  const port = (label: string, addr: string, up: boolean) => [
    ` ${label}: addr:${addr}`,
    `     config:     ${up ? '0' : 'PORT_DOWN'}`,
    `     state:      ${up ? '0' : 'LINK_DOWN'}`,
    '     speed: 0 Mbps now, 0 Mbps max',
  ];
  return [
    `OFPT_FEATURES_REPLY (xid=0x2): dpid:0000${bridgeMac.replace(/:/g, '')}`,
    'n_tables:254, n_buffers:256',
    'capabilities: FLOW_STATS TABLE_STATS PORT_STATS QUEUE_STATS ARP_MATCH_IP',
    'actions: OUTPUT SET_VLAN_VID SET_VLAN_PCP STRIP_VLAN SET_DL_SRC SET_DL_DST SET_NW_SRC SET_NW_DST SET_NW_TOS SET_TP_SRC SET_TP_DST ENQUEUE',
    ...[...bridge.ports]
      .sort((a, b) => a.ofport - b.ofport)
      .flatMap((p) => port(`${p.ofport}(${p.name})`, portMac(p, vifs) ?? mac(p.name), true)),
    ...port(`LOCAL(${bridge.name})`, bridgeMac, false),
    'OFPT_GET_CONFIG_REPLY (xid=0x4): frags=normal miss_send_len=0',
  ].join('\n');
}

/** The MAC OVS sees on a port: an internal port's own; a VM's qvo is a veth end with a MAC of its own. */
function portMac(p: OvsPort, vifs: readonly Vif[]): string | null {
  if (p.kind === 'vm') return vifs.find((v) => v.qvo === p.name)?.qvoMac ?? null;
  return p.mac;
}

/** The place name under which a host's root-namespace views (`ovs-vsctl show`, `brctl show`, `iptables -S`, `ipset list`) appear. */
export const ROOT_PLACE = 'root';

/** The commands `show` runs in a host's root namespace, in the order it prints them. */
export const ROOT_COMMANDS = ['ovs-vsctl show', 'brctl show', 'iptables -S', 'ipset list'] as const;

/** `iptables -S` in a host's root namespace: the OVS agent's security group chains (OVSHybridIptablesFirewallDriver). */
export function renderHostIptables(state: HostState): string {
  return renderIptablesTable(state.filter, FILTER_BUILTIN_CHAINS);
}

/**
 * `brctl show`: one qbr per VM port (nova vif.py plug_ovs_hybrid: `brctl addbr`, `setfd 0`, `stp off`),
 * holding the qvb end of the veth pair and the VM's tap, which libvirt adds with MAC fe:16:3e:...
 */
export function renderBrctlShow(state: HostState): string {
  const lines = ['bridge name\tbridge id\t\tSTP enabled\tinterfaces'];
  // brctl lists bridges by name.
  for (const vif of [...state.vifs].sort((a, b) => (a.qbr < b.qbr ? -1 : a.qbr > b.qbr ? 1 : 0))) {
    // A Linux bridge without an address of its own takes the lowest MAC of its ports.
    const lowest = [vif.qvbMac, vif.tapMac].sort()[0]!;
    const ifaces = [vif.qvb, vif.tap].sort();
    lines.push(`${vif.qbr}\t\t8000.${lowest.replace(/:/g, '')}\tno\t\t${ifaces[0]}`);
    for (const more of ifaces.slice(1)) lines.push(`\t\t\t\t\t\t\t${more}`);
  }
  return lines.join('\n');
}

/** An OVSDB string as ovs-vsctl prints it: quoted unless it is letters, `_`, `-` and `.` only (ovsdb-data.c string_needs_quotes). */
function ovsdbString(s: string): string {
  return /^[A-Za-z_][A-Za-z_.-]*$/.test(s) && s !== 'true' && s !== 'false' ? s : `"${s}"`;
}

/**
 * `ovs-vsctl show`: the host's bridges with their ports, tags and interface types. A VM's port on br-int
 * is its qvo (hybrid plugging); br-int runs in secure fail mode (ovs_neutron_agent.py setup_integration_br);
 * tunnel options as ovs_lib.py add_tunnel_port writes them. Ports in OpenFlow port order, the bridge's own
 * internal port last; the database uuid derives from the host name, and the version line is left out.
 */
export function renderOvsVsctlShow(state: HostState): string {
  const lines = [deriveUuid('ovsdb', state.host.name)];
  for (const br of state.bridges) {
    lines.push(`    Bridge ${ovsdbString(br.name)}`);
    if (br.name === 'br-int') lines.push('        fail_mode: secure');
    const ports = [...br.ports].sort((a, b) => a.ofport - b.ofport);
    for (const p of ports) {
      lines.push(`        Port ${ovsdbString(p.name)}`);
      if (p.tag !== null) lines.push(`            tag: ${p.tag}`);
      lines.push(`            Interface ${ovsdbString(p.name)}`);
      if (p.kind === 'internal') lines.push('                type: internal');
      if (p.kind === 'patch') {
        lines.push('                type: patch');
        lines.push(`                options: {peer=${p.name === 'patch-tun' ? 'patch-int' : 'patch-tun'}}`);
      }
      if (p.kind === 'tunnel') {
        lines.push(`                type: ${p.tunnelType}`);
        lines.push(
          `                options: {df_default="true", in_key=flow, local_ip="${formatIpv4(state.host.ovs.localIp)}", out_key=flow, remote_ip="${formatIpv4(remoteTunnelIp(p.name))}"}`,
        );
      }
    }
    lines.push(
      `        Port ${ovsdbString(br.name)}`,
      `            Interface ${ovsdbString(br.name)}`,
      '                type: internal',
    );
  }
  return lines.join('\n');
}

/** The remote endpoint a tunnel port is named after ('vxlan-ac10000b' is 172.16.0.11). */
function remoteTunnelIp(port: string): number {
  return parseInt(port.slice(port.indexOf('-') + 1), 16) >>> 0;
}

/**
 * `ipset list`: the security groups' member sets the filter table matches with `-m set` (ipset_manager.py:
 * `hash:ip`, family inet). Members in VM order; the kernel's hash order, revision and memory size left out.
 */
export function renderIpsetList(state: HostState): string {
  return state.ipsets
    .map((set) => {
      const refs = state.filter.rules.filter((r) => r.match.set?.name === set.name).length;
      return [
        `Name: ${set.name}`,
        'Type: hash:ip',
        'Header: family inet hashsize 1024 maxelem 65536',
        `References: ${refs}`,
        'Members:',
        ...set.group.memberIps.map(formatIpv4),
      ].join('\n');
    })
    .join('\n\n');
}

/** `ovs-ofctl dump-flows <bridge>`. */
export function renderDumpFlows(bridge: Bridge): string {
  return bridge.flows.map(formatFlow).join('\n');
}

/** Every view of one host's state, keyed by namespace or bridge, then by command. */
export function renderHostViews(state: HostState): HostViews {
  const out: HostViews = new Map();
  for (const ns of state.namespaces) {
    out.set(
      ns.name,
      new Map([
        [
          'ip addr',
          renderIpAddr(ns, (peer) => {
            const other = state.namespaces.find((n) => n.name === peer.namespace);
            const at = other ? other.devices.findIndex((d) => d.name === peer.device) : -1;
            return at < 0 ? null : at + 1;
          }),
        ],
        ['ip rule', renderIpRule(ns)],
        ['ip route show table all', renderIpRoute(ns)],
        ['ip neigh', renderIpNeigh(ns)],
        ['iptables -t nat -S', renderIptablesNat(ns)],
        ['iptables -S', renderIptablesTable(ns.filter, FILTER_BUILTIN_CHAINS)],
        ['iptables -t raw -S', renderIptablesTable(ns.raw, RAW_BUILTIN_CHAINS)],
      ]),
    );
  }
  for (const br of state.bridges)
    out.set(
      br.name,
      new Map([
        [`ovs-ofctl dump-flows ${br.name}`, renderDumpFlows(br)],
        [`ovs-ofctl show ${br.name}`, renderOfctlShow(br, state.host.name, state.vifs)],
      ]),
    );
  out.set(
    ROOT_PLACE,
    new Map<string, string>([
      ['ovs-vsctl show', renderOvsVsctlShow(state)],
      ['brctl show', renderBrctlShow(state)],
      ['iptables -S', renderHostIptables(state)],
      ['ipset list', renderIpsetList(state)],
    ]),
  );
  return out;
}

/** Every view of every host (or of one), host by host in scenario order. */
export function renderViews(model: Model, hostName?: string): Views {
  const out: Views = new Map();
  for (const name of model.hostNames()) {
    if (hostName !== undefined && name !== hostName) continue;
    out.set(name, renderHostViews(model.host(name)!));
  }
  return out;
}

/** The `show --json` shape of views: `{ host: { namespaceOrBridge: { command: text } } }`, every name an own property. */
export function viewsToJson(views: Views): Record<string, Record<string, Record<string, string>>> {
  // Object.fromEntries defines own properties, so a name like `__proto__` stays a key, never a prototype.
  return Object.fromEntries(
    [...views].map(([host, places]) => [
      host,
      Object.fromEntries([...places].map(([place, commands]) => [place, Object.fromEntries(commands)])),
    ]),
  );
}

/** The text form of views: `# host`, `## namespace or bridge`, `$ command`, output (the `show` format). */
export function formatViews(views: Views): string {
  const lines: string[] = [];
  for (const [host, places] of views) {
    lines.push(`# ${host}`);
    for (const [place, commands] of places) {
      lines.push('', `## ${place}`);
      for (const [command, output] of commands) {
        lines.push(`$ ${command}`);
        if (output) lines.push(output);
      }
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** One view for a page: `where` is a namespace or bridge name, or a short alias ('qrouter', 'snat', 'fip', 'qdhcp') for the first of that kind. */
export function renderView(model: Model, host: string, where: string, command: string): string | null {
  const state = model.host(host);
  if (!state) return null;
  const views = renderHostViews(state);
  const place = views.has(where) ? where : (state.namespaces.find((ns) => ns.kind === where)?.name ?? null);
  if (place === null) {
    const bridge = state.bridges.find((b) => b.name === where);
    if (!bridge) return null;
    const commands = views.get(bridge.name)!;
    return commands.get(command) ?? commands.get(`ovs-ofctl dump-flows ${bridge.name}`) ?? null;
  }
  const commands = views.get(place)!;
  return commands.get(command) ?? commands.get(`ovs-ofctl dump-flows ${where}`) ?? null;
}
