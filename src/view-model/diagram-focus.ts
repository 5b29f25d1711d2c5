import type { Model, Topology, Trace } from './core-types';
import { ROWS } from './diagram-layout';
import { hopBoxId } from './trace-rows';

/**
 * When a drawing of every box stops being readable (and cheap): past `hosts` hosts only the hosts the packet visits
 * are drawn, and a host whose middle row (VMs and namespaces) holds more than `rowBoxes` boxes shows the ones the
 * packet visits plus one "+n more" box per kind. The course's examples stay far below both, so they are drawn whole.
 */
export const FOCUS_LIMITS = { hosts: 8, rowBoxes: 8 } as const;

/**
 * A box of the drawing: the core's box with a short name (`qrouter (router1)`) and the addresses that live there
 * (`qg 10.100.100.162`); summary boxes carry their own tooltip, naming what they stand for.
 */
export type DiagramBox = Topology['hosts'][number]['boxes'][number] & { title?: string; note?: string };

/** What the diagram lays out: the core's topology, possibly focused on the packet's path, and what it left out. */
export interface DiagramTopology extends Topology {
  hosts: (Omit<Topology['hosts'][number], 'boxes'> & { boxes: DiagramBox[] })[];
  /** The scenario's hosts the drawing leaves out (not on the packet's path), in scenario order; empty when all are drawn. */
  omittedHosts: string[];
}

/** The part of the core this needs: its topology function (with the host filter), passed in so build and browser share this code. */
export type TopologyOf = (model: Model, options?: { hosts?: readonly string[] }) => Topology;

/** The topology the diagram draws for a result: whole for a small scenario, the packet's hosts and boxes for a large one. */
export function diagramTopology(topologyOf: TopologyOf, model: Model, trace: Trace): DiagramTopology {
  const hops = [...trace.hops, ...(trace.reply?.hops ?? [])];
  const onPath = new Set(hops.map(hopBoxId));
  const names = model.scenario.hosts.map((h) => h.name);
  if (names.length <= FOCUS_LIMITS.hosts)
    return annotateBoxes(summariseBoxes({ ...topologyOf(model), omittedHosts: [] }, onPath), model);
  const visited = new Set(hops.flatMap((hop) => (hop.host === null ? [] : [hop.host])));
  const drawn = names.filter((name) => visited.has(name));
  return annotateBoxes(
    summariseBoxes(
      { ...topologyOf(model, { hosts: drawn }), omittedHosts: names.filter((name) => !visited.has(name)) },
      onPath,
    ),
    model,
  );
}

/**
 * An IPv4 address (the core's number form) in dotted quads. The core's own formatter goes through ip-num, and
 * importing it here would put the whole simulator into the page's first load (the 45 KB budget): the chapter draws
 * from the build's data until the reader edits.
 */
function formatIpv4(ip: number): string {
  return [24, 16, 8, 0].map((shift) => (ip >>> shift) & 255).join('.');
}

/** A namespace's short name for the drawing: its kind and the router's or network's name instead of a uuid. */
export function namespaceLabel(model: Model, where: string): string | null {
  const m = /^(qrouter|snat|fip|qdhcp)-(.+)$/.exec(where);
  if (!m) return null;
  const [, kind, id] = m;
  const owner =
    kind === 'qrouter' || kind === 'snat'
      ? model.scenario.routers.find((r) => r.id === id)?.name
      : model.scenario.networks.find((n) => n.id === id)?.name;
  return owner ? `${kind} (${owner})` : null;
}

/** Gives each drawn box its short name and the addresses that live in it (VM, qg-, fg-, floating IPs). */
function annotateBoxes(topology: DiagramTopology, model: Model): DiagramTopology {
  const hosts = topology.hosts.map((host) => {
    const state = model.host(host.name);
    const boxes = host.boxes.map((box): DiagramBox => {
      const where = box.id.slice(host.name.length + 1);
      if (box.kind === 'vm') {
        const vm = model.scenario.vms.find((v) => v.name === where);
        if (!vm) return box;
        const fip = vm.floatingIp === null ? '' : ` · fip ${formatIpv4(vm.floatingIp)}`;
        return { ...box, label: vm.name, note: `${formatIpv4(vm.port.ip)}${fip}`, title: box.title ?? box.label };
      }
      const ns = state?.namespaces.find((n) => n.name === where);
      if (!ns) return box;
      const label = namespaceLabel(model, ns.name) ?? box.label;
      const outside = ns.devices
        .filter((d) => d.kind === 'qg' || d.kind === 'fg')
        .flatMap((d) => d.addrs.map((a) => `${d.kind} ${formatIpv4(a.ip)}`));
      // A floating IP lives in the qrouter of its VM's host (the rfp- device), so it is drawn there.
      const floating =
        ns.kind === 'qrouter'
          ? model.scenario.vms.filter(
              (v) => v.floatingIp !== null && v.host.name === host.name && v.router !== null && v.router === ns.router,
            )
          : [];
      const notes = [...outside, ...floating.map((v) => `fip ${formatIpv4(v.floatingIp!)}`)];
      return {
        ...box,
        label,
        note:
          notes.length > 2 ? `${notes.slice(0, 1).join(' · ')} +${notes.length - 1}` : notes.join(' · ') || undefined,
        title: [ns.name, notes.length ? notes.join(', ') : ''].filter(Boolean).join('\n'),
      };
    });
    return { ...host, boxes };
  });
  return { ...topology, hosts };
}
/** The kinds that share a host's middle row, the one that grows with the scenario (one box per VM, router, network). */
const MIDDLE_ROW: readonly string[] = ROWS[2] ?? [];

/** Replaces, in crowded hosts, the middle-row boxes off the packet's path by one "+n more" box per kind. */
function summariseBoxes(topology: DiagramTopology, onPath: ReadonlySet<string>): DiagramTopology {
  const removed = new Set<string>();
  const added: Topology['links'] = [];
  const hosts = topology.hosts.map((host) => {
    const middle = host.boxes.filter((box) => MIDDLE_ROW.includes(box.kind));
    if (middle.length <= FOCUS_LIMITS.rowBoxes) return host;
    const boxes: DiagramBox[] = host.boxes.filter((box) => !MIDDLE_ROW.includes(box.kind) || onPath.has(box.id));
    const rest: DiagramBox[] = [];
    for (const kind of MIDDLE_ROW) {
      const off = middle.filter((box) => box.kind === kind && !onPath.has(box.id));
      if (off.length === 0) continue;
      if (off.length === 1) {
        rest.push(off[0]);
        continue;
      }
      for (const box of off) removed.add(box.id);
      const id = `${host.name}/+${kind}`;
      const noun = kind === 'vm' ? 'VMs' : `${kind} namespaces`;
      rest.push({
        id,
        kind: kind as DiagramBox['kind'],
        label: `+${off.length} more ${kind === 'vm' ? 'VMs' : kind}`,
        ports: [],
        title: `${off.length} more ${noun} on ${host.name}, not on this packet’s path: ${off.map((box) => box.label).join(', ')}`,
      });
      added.push({ from: id, to: `${host.name}/br-int`, kind: 'port' });
    }
    return { ...host, boxes: [...boxes, ...rest] };
  });
  if (removed.size === 0) return topology;
  const links = topology.links.filter((link) => !removed.has(link.from) && !removed.has(link.to));
  return { ...topology, hosts, links: [...links, ...added] };
}

/** The drawing's accessible name, the same at build time and after an edit. */
export function diagramTitle(from: string, to: string, omitted: number): string {
  const what =
    omitted > 0
      ? 'The hosts this packet visits, their namespaces and bridges'
      : 'Hosts, namespaces and bridges of the scenario';
  const rest =
    omitted > 0 ? `; ${omitted} other ${omitted === 1 ? 'host is' : 'hosts are'} listed under the drawing` : '';
  return `${what}, with the path of the packet from ${from} to ${to}${rest}; the trace table describes each hop.`;
}

/** The text that lists the hosts the drawing leaves out, so none is only in a tooltip; null when every host is drawn. */
export function omittedHostsText(omitted: readonly string[]): { summary: string; list: string } | null {
  if (omitted.length === 0) return null;
  return {
    summary: `${omitted.length} ${omitted.length === 1 ? 'host' : 'hosts'} not drawn (not on this packet’s path)`,
    list: omitted.join(', '),
  };
}
