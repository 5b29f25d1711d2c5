import type { Model, Topology, Trace } from './core-types';
import { ROWS } from './diagram-layout';
import { hopBoxId } from './trace-rows';

/**
 * When a drawing of every box stops being readable (and cheap): past `hosts` hosts only the hosts the packet visits
 * are drawn, and a host whose middle row (VMs and namespaces) holds more than `rowBoxes` boxes shows the ones the
 * packet visits plus one "+n more" box per kind. The course's examples stay far below both, so they are drawn whole.
 */
export const FOCUS_LIMITS = { hosts: 8, rowBoxes: 8 } as const;

/** A box of the drawing; summary boxes carry their own tooltip, naming what they stand for. */
export type DiagramBox = Topology['hosts'][number]['boxes'][number] & { title?: string };

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
  if (names.length <= FOCUS_LIMITS.hosts) return summariseBoxes({ ...topologyOf(model), omittedHosts: [] }, onPath);
  const visited = new Set(hops.flatMap((hop) => (hop.host === null ? [] : [hop.host])));
  const drawn = names.filter((name) => visited.has(name));
  return summariseBoxes(
    { ...topologyOf(model, { hosts: drawn }), omittedHosts: names.filter((name) => !visited.has(name)) },
    onPath,
  );
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
