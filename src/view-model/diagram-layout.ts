import type { BoxKind, Topology } from './core-types';
import type { DiagramBox, DiagramTopology } from './diagram-focus';

/** Every kind of node the diagram draws: the core's boxes plus the two shared bars (the overlay tunnel and the external network). */
export type NodeKind = BoxKind | 'tunnel' | 'internet';

/** A box (namespace, VM, bridge) or a bar, placed. Labels are plain text: the renderers set them with textContent, never as HTML. */
export interface LaidBox {
  id: string;
  kind: NodeKind;
  label: string;
  /** Full name and ports, for the tooltip. */
  title: string;
  host: string | null;
  x: number;
  y: number;
  w: number;
  h: number;
  ports: LaidPort[];
  /** Where the label starts and how it is anchored: centred in boxes, from the left in the wide bars. */
  labelX: number;
  labelAnchor: 'middle' | 'start';
}

/** A port drawn as a dot on the top edge of its box. */
export interface LaidPort {
  id: string;
  name: string;
  cx: number;
  cy: number;
}

/** A host's frame with its heading (or, named OTHER_HOSTS, the frame that stands for the hosts left out). */
export interface LaidHost {
  name: string;
  label: string;
  sub: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A link between two boxes, as an SVG path. */
export interface LaidLink {
  id: string;
  from: string;
  to: string;
  kind: Topology['links'][number]['kind'];
  d: string;
}

/** The whole drawing, in SVG user units; computed the same way at build time and in the browser. */
export interface DiagramLayout {
  width: number;
  height: number;
  hosts: LaidHost[];
  boxes: LaidBox[];
  links: LaidLink[];
}

/** Sizes of the drawing, exported so tests and styles agree with the layout. */
export const SIZES = {
  boxW: 118,
  boxH: 34,
  gapX: 12,
  rowGap: 26,
  hostPad: 12,
  hostHeader: 40,
  hostGap: 24,
  barH: 30,
  barGap: 34,
  margin: 8,
  labelChars: 17,
} as const;

/**
 * Rows inside a host column, top to bottom: the external side first, the overlay last, so the packet's path reads
 * as a walk up or down. Everything plugged into br-int shares the row right above it, so no link crosses a box.
 */
export const ROWS: readonly (readonly BoxKind[])[] = [
  ['br-ex'],
  ['fip'],
  ['vm', 'qrouter', 'snat', 'qdhcp'],
  ['br-int'],
  ['br-tun'],
];

/** The name of the frame that stands for the hosts a focused drawing leaves out. */
export const OTHER_HOSTS = '+other-hosts';

/**
 * Lays out a topology: hosts side by side, each a column of rows; the external network on top, the tunnel mesh underneath.
 * A focused topology (see diagram-focus.ts) gets one more frame after its hosts, counting the hosts it leaves out.
 */
export function layoutDiagram(topology: Topology | DiagramTopology): DiagramLayout {
  const S = SIZES;
  const hostBoxes = topology.hosts.map((host) =>
    ROWS.map((kinds) => host.boxes.filter((box) => kinds.includes(box.kind))),
  );
  const usedRows = ROWS.map((_, r) => hostBoxes.some((rows) => (rows[r]?.length ?? 0) > 0));
  const rowY: number[] = [];
  const topBarY = S.margin;
  let y = topBarY + S.barH + S.barGap + S.hostHeader;
  for (let r = 0; r < ROWS.length; r++) {
    rowY[r] = y;
    if (usedRows[r]) y += S.boxH + S.rowGap;
  }
  const hostBottom = y - S.rowGap + S.hostPad;
  const bottomBarY = hostBottom + S.barGap;

  const hosts: LaidHost[] = [];
  const boxes: LaidBox[] = [];
  let x = S.margin;
  topology.hosts.forEach((host, h) => {
    const rows = hostBoxes[h] ?? [];
    const widest = Math.max(1, ...rows.map((row) => row.length));
    const innerW = widest * S.boxW + (widest - 1) * S.gapX;
    const w = innerW + 2 * S.hostPad;
    hosts.push({
      name: host.name,
      label: host.name,
      sub: [host.agentMode, host.tunnelIp].filter(Boolean).join(' · '),
      x,
      y: topBarY + S.barH + S.barGap,
      w,
      h: hostBottom - (topBarY + S.barH + S.barGap),
    });
    rows.forEach((row, r) => {
      const rowW = row.length * S.boxW + Math.max(0, row.length - 1) * S.gapX;
      let bx = x + S.hostPad + (innerW - rowW) / 2;
      for (const box of row) {
        boxes.push(
          placeBox(
            box.id,
            box.kind,
            box.label,
            host.name,
            box.ports,
            bx,
            rowY[r] ?? 0,
            S.boxW,
            S.boxH,
            false,
            (box as DiagramBox).title,
          ),
        );
        bx += S.boxW + S.gapX;
      }
    });
    x += w + S.hostGap;
  });
  const omitted = (topology as Partial<DiagramTopology>).omittedHosts?.length ?? 0;
  if (omitted > 0) {
    const w = 2 * S.boxW + S.gapX + 2 * S.hostPad;
    const top = topBarY + S.barH + S.barGap;
    hosts.push({
      name: OTHER_HOSTS,
      label: `+${omitted} other ${omitted === 1 ? 'host' : 'hosts'}`,
      sub: 'not on this packet’s path',
      x,
      y: top,
      w,
      h: hostBottom - top,
    });
    x += w + S.hostGap;
  }
  const width = Math.max(x - S.hostGap + S.margin, 480);
  const barW = width - 2 * S.margin;
  const ext = topology.external;
  const internetLabel = ext ? `external network ${ext.cidr} · gateway ${ext.gateway} → internet` : 'internet';
  boxes.push(placeBox('internet', 'internet', internetLabel, null, [], S.margin, topBarY, barW, S.barH, true));
  boxes.push(
    placeBox(
      'tunnel',
      'tunnel',
      'tunnels between the hosts’ tunnel addresses (VXLAN/GRE)',
      null,
      [],
      S.margin,
      bottomBarY,
      barW,
      S.barH,
      true,
    ),
  );

  const byId = new Map(boxes.map((box) => [box.id, box]));
  const links: LaidLink[] = [];
  for (const link of topology.links) {
    const a = byId.get(link.from);
    const b = byId.get(link.to);
    if (!a || !b) continue;
    links.push({ id: `${link.from}->${link.to}`, from: link.from, to: link.to, kind: link.kind, d: linkPath(a, b) });
  }
  return { width, height: bottomBarY + S.barH + S.margin, hosts, boxes, links };
}

function placeBox(
  id: string,
  kind: NodeKind,
  label: string,
  host: string | null,
  ports: readonly string[],
  x: number,
  y: number,
  w: number,
  h: number,
  bar = false,
  title?: string,
): LaidBox {
  const step = ports.length ? w / (ports.length + 1) : 0;
  return {
    id,
    kind,
    label: bar ? label : shorten(label, SIZES.labelChars),
    title:
      title ??
      [host ? id.slice(host.length + 1) : label, ports.length ? `ports: ${ports.join(', ')}` : '']
        .filter(Boolean)
        .join('\n'),
    host,
    x,
    y,
    w,
    h,
    ports: ports.map((name, i) => ({ id: `${id}#${name}`, name, cx: round(x + step * (i + 1)), cy: y })),
    labelX: bar ? x + 10 : round(x + w / 2),
    labelAnchor: bar ? 'start' : 'middle',
  };
}

/** Shortens a label to n characters with an ellipsis (uuids make namespace names long; the tooltip keeps the full name). */
export function shorten(label: string, n: number): string {
  return label.length <= n ? label : `${label.slice(0, n - 1)}…`;
}

/** Where a link or the packet's path meets a box: bars are met straight above or below the other end. */
function anchor(box: LaidBox, towardX: number): { x: number; y: number } {
  if (box.kind === 'internet' || box.kind === 'tunnel')
    return { x: Math.min(Math.max(towardX, box.x + 4), box.x + box.w - 4), y: box.y + box.h / 2 };
  return { x: box.x + box.w / 2, y: box.y + box.h / 2 };
}

function linkPath(a: LaidBox, b: LaidBox): string {
  const isBar = (box: LaidBox) => box.kind === 'internet' || box.kind === 'tunnel';
  const pa = anchor(a, isBar(a) ? b.x + b.w / 2 : 0);
  const pb = anchor(b, isBar(b) ? a.x + a.w / 2 : 0);
  return curve(pa, pb);
}

function curve(p: { x: number; y: number }, q: { x: number; y: number }): string {
  if (Math.abs(p.y - q.y) < 1) return `M${round(p.x)},${round(p.y)}L${round(q.x)},${round(q.y)}`;
  const my = round((p.y + q.y) / 2);
  return `M${round(p.x)},${round(p.y)}C${round(p.x)},${my} ${round(q.x)},${my} ${round(q.x)},${round(q.y)}`;
}

/** The packet's path over the layout: one point per hop (bars met under the neighbouring hop) and the SVG path through them. */
export function hopPath(
  layout: DiagramLayout,
  boxIds: readonly string[],
): { points: { x: number; y: number }[]; d: string } {
  const byId = new Map(layout.boxes.map((box) => [box.id, box]));
  const centreX = (id: string | undefined) => {
    const box = id === undefined ? undefined : byId.get(id);
    return box && box.kind !== 'internet' && box.kind !== 'tunnel' ? box.x + box.w / 2 : undefined;
  };
  const points = boxIds.map((id, i) => {
    const box = byId.get(id);
    if (!box) return { x: 0, y: 0 };
    const towardX = centreX(boxIds[i - 1]) ?? centreX(boxIds[i + 1]) ?? box.x + box.w / 2;
    const p = anchor(box, towardX);
    return { x: round(p.x), y: round(p.y) };
  });
  const valid = points.filter((_, i) => byId.has(boxIds[i] ?? ''));
  let d = '';
  valid.forEach((p, i) => {
    const prev = valid[i - 1];
    if (!prev) d += `M${p.x},${p.y}`;
    else if (prev.x !== p.x || prev.y !== p.y) d += curve(prev, p).replace(/^M[^CL]+/, '');
  });
  return { points, d };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
