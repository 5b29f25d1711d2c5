import { formatIpv4 } from '../addr/ipv4.js';
import { addressBroadcast } from '../model/build-host-state.js';
import type { Model } from '../model/model.js';
import type { HostState, Namespace, Route } from '../model/state-types.js';
import { printableText } from '../scenario/name-rules.js';
import { formatIptablesSpec, ruleFrom } from '../views/format-lines.js';

/**
 * One shell word, quoted unless it is plainly safe: the scenario checks refuse names a shell or a terminal
 * would act on, and this is the defence behind them, since instructors run the script as root.
 */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_.:/=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A shell command line from its words, each quoted by `shellWord`. */
function command(...words: (string | number)[]): string {
  return words.map((w) => shellWord(String(w))).join(' ');
}

/** Text for a `#` comment: one line whatever it holds (newlines and other control characters escaped). */
function comment(text: string): string {
  return `# ${printableText(text)}`;
}

/** The namespaces a replay recreates: the L3 agent's routing namespaces (qdhcp does not route). */
const REPLAYED_KINDS: ReadonlySet<Namespace['kind']> = new Set(['qrouter', 'snat', 'fip']);
/** The rules every namespace starts with; the kernel creates them itself. */
const DEFAULT_RULE_PRIORITIES = new Set([0, 32766, 32767]);

/** Options of a replay: `prefix` keeps the namespaces of concurrent replays apart. */
export interface ReplayOptions {
  prefix?: string;
}

/**
 * Short kernel namespace names for one host's replay, by simulator namespace name, plus the scratch
 * namespace that holds the far ends of the devices OVS would provide. Namespace names are short so a
 * prefix with a pid still fits comfortably; device names are kept exactly as the simulator prints them.
 */
export function replayNamespaces(
  model: Model,
  hostName: string,
  { prefix = 'dvr-' }: ReplayOptions = {},
): { names: Map<string, string>; scratch: string; root: string | null } | null {
  const state = model.host(hostName);
  if (!state) return null;
  const names = new Map<string, string>();
  const counts = new Map<string, number>();
  for (const ns of state.namespaces) {
    if (!REPLAYED_KINDS.has(ns.kind)) continue;
    const n = (counts.get(ns.kind) ?? 0) + 1;
    counts.set(ns.kind, n);
    names.set(ns.name, `${prefix}${ns.kind[0]}${n}`);
  }
  // The host's root namespace, where Nova's hybrid plugging and the security group chains live: only with VM ports.
  return { names, scratch: `${prefix}x`, root: state.vifs.length ? `${prefix}h` : null };
}

/**
 * The shell commands that recreate, in fresh network namespaces of a Linux machine, the routing state
 * the simulator models for one host's qrouter, snat and fip namespaces: so the kernel can referee the
 * simulator's `ip rule` / `ip route` views and its routing decisions (`ip route get`). No OVS: every
 * device OVS would provide is a veth whose peer waits in a scratch namespace; rfp-/fpr- is one veth
 * pair between the qrouter and fip namespaces, as the agent makes it. Returns null for an unknown host.
 */
export function replayScript(model: Model, hostName: string, options: ReplayOptions = {}): string[] | null {
  const state = model.host(hostName);
  const plan = replayNamespaces(model, hostName, options);
  if (!state || !plan) return null;
  const { names, scratch, root } = plan;
  const spaces = state.namespaces.filter((ns) => names.has(ns.name));
  const out: string[] = [
    comment(`dvr-sim replay of host ${hostName}: ${spaces.length} namespace${spaces.length === 1 ? '' : 's'}`),
  ];
  for (const ns of spaces) out.push(comment(`${names.get(ns.name)} = ${ns.name}`));
  if (root) out.push(comment(`${root} = the host's root namespace (qbr bridges, security group chains)`));
  out.push(comment(`${scratch} holds the far ends of the devices OVS would provide`));
  for (const ns of spaces) out.push(command('ip', 'netns', 'add', names.get(ns.name)!));
  if (root) out.push(command('ip', 'netns', 'add', root));
  out.push(command('ip', 'netns', 'add', scratch));

  // The devices OVS would provide: veth pairs made from the scratch side, whose far end is up first,
  // so each device has carrier as soon as it comes up and no route is ever added as linkdown.
  let peers = 0;
  for (const ns of spaces) {
    for (const dev of ns.devices) {
      if (dev.kind === 'lo' || dev.kind === 'rfp' || dev.kind === 'fpr') continue;
      const peer = `v${++peers}`;
      out.push(
        command(
          'ip',
          '-n',
          scratch,
          'link',
          'add',
          'name',
          peer,
          'type',
          'veth',
          'peer',
          'name',
          dev.name,
          'netns',
          names.get(ns.name)!,
        ),
      );
      out.push(command('ip', '-n', scratch, 'link', 'set', 'dev', peer, 'up'));
    }
  }
  for (const ns of spaces) {
    const k = names.get(ns.name)!;
    const ip = (...words: (string | number)[]) => out.push(command('ip', '-n', k, ...words));
    ip('link', 'set', 'dev', 'lo', 'up');
    for (const dev of ns.devices) {
      // rfp-/fpr-: one veth pair, made from the qrouter namespace (its fpr- end comes up with the fip namespace).
      if (dev.kind === 'rfp' && dev.peer)
        ip(
          'link',
          'add',
          'name',
          dev.name,
          'type',
          'veth',
          'peer',
          'name',
          dev.peer.device,
          'netns',
          names.get(dev.peer.namespace)!,
        );
    }
    // Once the devices exist. The agents' own settings (promote_secondaries from ip_lib, ip_forward from
    // the L3 agent's _create_namespace, send_redirects, proxy_arp) come from the model; the one addition of
    // ours is rp_filter=0, as the simulator models no reverse-path filter, so none may drop what it routes.
    const sysctl = (setting: string) => out.push(command('ip', 'netns', 'exec', k, 'sysctl', '-w', setting));
    const agent = ns.sysctls.map((s) => s.replace(/\s*=\s*/, '='));
    sysctl('net.ipv4.conf.all.rp_filter=0');
    sysctl('net.ipv4.conf.default.rp_filter=0');
    for (const dev of ns.devices) if (dev.kind !== 'lo') sysctl(`net.ipv4.conf.${dev.name}.rp_filter=0`);
    for (const s of agent) sysctl(s);
    for (const dev of ns.devices) {
      if (dev.kind === 'lo') continue;
      ip('link', 'set', 'dev', dev.name, 'address', dev.mac);
      ip('link', 'set', 'dev', dev.name, 'up');
    }
    for (const dev of ns.devices) {
      if (dev.kind === 'lo') continue; // the kernel gives lo 127.0.0.1/8 when it comes up
      for (const a of dev.addrs) {
        const brd = addressBroadcast(a.ip, a.prefixLen);
        ip(
          'addr',
          'add',
          `${formatIpv4(a.ip)}/${a.prefixLen}`,
          ...(brd === null ? [] : ['brd', formatIpv4(brd)]),
          'scope',
          'global',
          'dev',
          dev.name,
        );
      }
    }
    // Routes the agent adds (the kernel adds the proto kernel ones itself), in the model's order:
    // a table is created by its first route, and the kernel lists tables in creation order.
    for (const r of ns.routes) if (r.kernelSrc === null) ip('route', 'replace', ...routeSpec(r));
    for (const rule of ns.rules) {
      if (rule.from === null && DEFAULT_RULE_PRIORITIES.has(rule.priority)) continue;
      ip('rule', 'add', 'from', ruleFrom(rule), 'lookup', rule.table, 'priority', rule.priority);
    }
    for (const n of ns.neighbours)
      ip('neigh', 'replace', formatIpv4(n.ip), 'lladdr', n.mac, 'nud', 'permanent', 'dev', n.dev);
  }
  if (root) out.push(...hybridPlugging(state, root, scratch, peers));
  return out;
}

/**
 * The host's root namespace: Nova's hybrid plugging of every VM port (nova/virt/libvirt/vif.py
 * plug_ovs_hybrid: `brctl addbr`, `setfd 0`, `stp off`, multicast snooping off; a veth pair qvb/qvo,
 * qvb added to the qbr; libvirt adds the tap), then the security group ipsets and filter table
 * (OVSHybridIptablesFirewallDriver). No VM and no OVS: the tap is a veth whose peer waits in the scratch
 * namespace, and qvo stays unplugged.
 */
function hybridPlugging(state: HostState, root: string, scratch: string, peersBefore: number): string[] {
  const out: string[] = [];
  const ip = (...words: (string | number)[]) => out.push(command('ip', '-n', root, ...words));
  let peers = peersBefore;
  for (const vif of state.vifs) {
    const peer = `v${++peers}`;
    out.push(
      command('ip', '-n', scratch, 'link', 'add', 'name', peer, 'type', 'veth', 'peer', 'name', vif.tap, 'netns', root),
    );
    out.push(command('ip', '-n', scratch, 'link', 'set', 'dev', peer, 'up'));
  }
  for (const vif of state.vifs) {
    ip('link', 'add', 'name', vif.qbr, 'type', 'bridge', 'forward_delay', 0, 'stp_state', 0, 'mcast_snooping', 0);
    ip('link', 'add', 'name', vif.qvb, 'type', 'veth', 'peer', 'name', vif.qvo);
    ip('link', 'set', 'dev', vif.qvb, 'address', vif.qvbMac);
    ip('link', 'set', 'dev', vif.qvo, 'address', vif.qvoMac);
    ip('link', 'set', 'dev', vif.tap, 'address', vif.tapMac);
    ip('link', 'set', 'dev', vif.qvb, 'master', vif.qbr);
    ip('link', 'set', 'dev', vif.tap, 'master', vif.qbr);
    for (const dev of [vif.qbr, vif.qvb, vif.qvo, vif.tap]) ip('link', 'set', 'dev', dev, 'up');
  }
  const exec = (...words: (string | number)[]) => out.push(command('ip', 'netns', 'exec', root, ...words));
  for (const set of state.ipsets) {
    exec('ipset', 'create', '-exist', set.name, 'hash:ip', 'family', 'inet');
    for (const member of set.group.memberIps) exec('ipset', 'add', '-exist', set.name, formatIpv4(member));
  }
  for (const chain of state.filter.chains) exec('iptables', '-N', chain);
  for (const rule of state.filter.rules) exec('iptables', '-A', rule.chain, ...formatIptablesSpec(rule).split(' '));
  return out;
}

/** The words of `ip route replace` after the verb: type, destination, next hop, device, table. */
function routeSpec(r: Route): string[] {
  const dst = r.dst.prefixLen === 0 ? 'default' : `${formatIpv4(r.dst.network)}/${r.dst.prefixLen}`;
  return [
    ...(r.type === 'unicast' ? [] : [r.type]),
    dst,
    ...(r.via === null ? [] : ['via', formatIpv4(r.via)]),
    'dev',
    r.dev,
    ...(r.table === 'main' ? [] : ['table', String(r.table)]),
  ];
}
