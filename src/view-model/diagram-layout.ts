import type { BoxKind, Topology } from './core-types';
import type { DiagramBox, DiagramTopology } from './diagram-focus';

/** Every kind of node the diagram draws: the core's boxes plus the two shared bars (the overlay tunnel and the external network). */
export type NodeKind = BoxKind | 'tunnel' | 'internet';

/** A box (namespace, VM, bridge) or a bar, placed. Labels are plain text: the renderers set them with textContent, never as HTML. */
export interface LaidBox {
  id: string;
  kind: NodeKind;
  /** The short name (`qrouter (router1)`), cut to fit the box. */
  label: string;
  /** The addresses that live in the box (`qg 10.100.100.162`), cut to fit; empty when none. */
  note: string;
  /** Full name, addresses and ports, for the tooltip. */
  title: string;
  host: string | null;
  x: number;
  y: number;
  w: number;
  h: number;
  ports: LaidPort[];
  /** Where the label is drawn and how it is anchored: centred in boxes, from the start in the bars. */
  labelX: number;
  labelY: number;
  noteY: number;
  labelAnchor: 'middle' | 'start';
  /** Vertical bars (the stacked drawing's spines) turn their label by -90°. */
  vertical: boolean;
  /** Where the packet marker sits while the packet is in this box: on its corner or edge, never over its text. */
  marker: { x: number; y: number };
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

/** A link between two boxes: the points it runs through and the SVG path drawn through them. */
export interface LaidLink {
  id: string;
  from: string;
  to: string;
  kind: Topology['links'][number]['kind'];
  route: { x: number; y: number }[];
  d: string;
}

/** How the hosts are arranged: side by side under the external network (wide), or one under another between two spines (stacked, for a phone). */
export type DiagramArrangement = 'wide' | 'stacked';

/** The whole drawing, in SVG user units; computed the same way at build time and in the browser. */
export interface DiagramLayout {
  arrangement: DiagramArrangement;
  width: number;
  height: number;
  hosts: LaidHost[];
  boxes: LaidBox[];
  links: LaidLink[];
}

/** Sizes of the drawing, exported so tests and styles agree with the layout. */
export const SIZES = {
  boxW: 128,
  boxH: 40,
  gapX: 12,
  rowGap: 24,
  hostPad: 12,
  hostHeader: 42,
  hostGap: 24,
  barH: 30,
  barGap: 30,
  /** The gap between a stacked drawing's spines and its hosts. */
  spineGap: 14,
  margin: 8,
  /** Characters of a box's name (12 px monospace) and of its address line (10.5 px) that fit in boxW. */
  labelChars: 17,
  noteChars: 19,
  /** Boxes per line of a host's middle row in the stacked drawing, so a host fits a phone's width. */
  stackedPerLine: 2,
  /** Radius of the packet marker. */
  markerR: 6,
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

/** Below this scale a wide drawing is hard to read: switch to the stacked arrangement instead of shrinking it further. */
export const MIN_WIDE_SCALE = 0.72;

/**
 * The drawing's box beside the hop inspector in a 1,440 px window (the lab bench's common desktop width).
 * The build draws the arrangement that reads best there, so a desktop reader's page needs no redraw, and no
 * drawing code, before the first interaction.
 */
export const DESKTOP_DRAWING_BOX = 725;

/** The arrangement that reads best in a box `available` units wide, for a drawing whose wide form is `wideWidth` units. */
export function arrangementFor(wideWidth: number, available: number): DiagramArrangement {
  return available > 0 && available < wideWidth * MIN_WIDE_SCALE ? 'stacked' : 'wide';
}

/**
 * Lays out a topology. Wide: hosts side by side, each a column of rows, the external network above them and the
 * tunnel mesh under them. Stacked: hosts one under another, the tunnel mesh a spine on the left and the external
 * network a spine on the right, the middle row wrapped two boxes a line, so a phone's width holds it.
 * A focused topology (see diagram-focus.ts) gets one more frame after its hosts, counting the hosts it leaves out.
 * Links and the packet's path are drawn under the boxes, and bridges that reach a bar sit at the end of their row
 * nearest to it, so no line crosses a label.
 */
export function layoutDiagram(
  topology: Topology | DiagramTopology,
  arrangement: DiagramArrangement = 'wide',
): DiagramLayout {
  const S = SIZES;
  const stacked = arrangement === 'stacked';
  const perLine = stacked ? S.stackedPerLine : Infinity;
  const hostRows = topology.hosts.map((host) =>
    ROWS.flatMap((kinds, r) => {
      const boxes = host.boxes.filter((box) => kinds.includes(box.kind)) as DiagramBox[];
      const lines: { row: number; boxes: DiagramBox[] }[] = [];
      for (let i = 0; i < boxes.length; i += perLine === Infinity ? boxes.length : perLine)
        lines.push({ row: r, boxes: boxes.slice(i, i + (perLine === Infinity ? boxes.length : perLine)) });
      return lines;
    }),
  );
  // Wide hosts share row heights, so the same kind lines up across hosts; stacked hosts each take their own height.
  const usedRows = ROWS.map((_, r) => hostRows.some((lines) => lines.some((l) => l.row === r)));
  const rowW = (n: number) => n * S.boxW + Math.max(0, n - 1) * S.gapX;
  const minInner = rowW(2);
  const innerOf = (lines: { boxes: DiagramBox[] }[]) => Math.max(minInner, ...lines.map((l) => rowW(l.boxes.length)));
  const spine = S.barH + (stacked ? S.spineGap : S.barGap);
  const omitted = (topology as Partial<DiagramTopology>).omittedHosts?.length ?? 0;

  const hosts: LaidHost[] = [];
  const boxes: LaidBox[] = [];
  const hostW = stacked ? Math.max(...hostRows.map((lines) => innerOf(lines)), minInner) + 2 * S.hostPad : 0;
  let x = S.margin + (stacked ? spine : 0);
  let y = S.margin + (stacked ? 0 : spine);
  const hostTop = y;
  // In the wide drawing every host has the same height (rows line up); in the stacked one each its own.
  const wideRowY: number[] = [];
  {
    let ry = hostTop + S.hostHeader;
    for (let r = 0; r < ROWS.length; r++) {
      wideRowY[r] = ry;
      if (usedRows[r]) ry += S.boxH + S.rowGap;
    }
  }
  const wideHostH =
    (wideRowY[ROWS.length - 1] ?? 0) +
    (usedRows[ROWS.length - 1] ? S.boxH + S.rowGap : 0) -
    S.rowGap +
    S.hostPad -
    hostTop;

  topology.hosts.forEach((host, h) => {
    const lines = hostRows[h] ?? [];
    const inner = stacked ? hostW - 2 * S.hostPad : innerOf(lines);
    const w = inner + 2 * S.hostPad;
    const top = stacked ? y : hostTop;
    let ly = top + S.hostHeader;
    for (const line of lines) {
      const lineY = stacked ? ly : (wideRowY[line.row] ?? 0);
      const kind = line.boxes[0]?.kind;
      // br-ex sits at the end nearest the external network's spine or at the right, clear of the host's heading;
      // br-tun, in the stacked drawing, at the end nearest the tunnel spine.
      const width = rowW(line.boxes.length);
      const left = x + S.hostPad;
      let bx =
        kind === 'br-ex' ? left + inner - width : kind === 'br-tun' && stacked ? left : left + (inner - width) / 2;
      for (const box of line.boxes) {
        boxes.push(placeBox(box, host.name, bx, lineY));
        bx += S.boxW + S.gapX;
      }
      if (stacked) ly += S.boxH + S.rowGap;
    }
    const hgt = stacked ? ly - S.rowGap + S.hostPad - top : wideHostH;
    hosts.push({
      name: host.name,
      label: host.name,
      sub: [host.agentMode, host.tunnelIp].filter(Boolean).join(' · '),
      x,
      y: top,
      w,
      h: hgt,
    });
    if (stacked) y = top + hgt + S.hostGap;
    else x += w + S.hostGap;
  });
  if (omitted > 0) {
    const w = stacked ? hostW : rowW(2) + 2 * S.hostPad;
    const h = stacked ? S.hostHeader + S.hostPad : wideHostH;
    hosts.push({
      name: OTHER_HOSTS,
      label: `+${omitted} other ${omitted === 1 ? 'host' : 'hosts'}`,
      sub: 'not on this packet’s path',
      x,
      y: stacked ? y : hostTop,
      w,
      h,
    });
    if (stacked) y += h + S.hostGap;
    else x += w + S.hostGap;
  }

  const ext = topology.external;
  const internetLabel = ext ? `external network ${ext.cidr} · gateway ${ext.gateway} → internet` : 'internet';
  const tunnelLabel = 'tunnels between the hosts (VXLAN/GRE)';
  let width: number;
  let height: number;
  if (stacked) {
    const bottom = Math.max(y - S.hostGap, hostTop + S.hostHeader);
    width = S.margin + spine + (hostW || rowW(2) + 2 * S.hostPad) + S.spineGap + S.barH + S.margin;
    height = bottom + S.margin;
    const barLen = bottom - hostTop;
    boxes.push(bar('tunnel', 'tunnels (VXLAN/GRE)', S.margin, hostTop, S.barH, barLen, true));
    boxes.push(
      bar(
        'internet',
        ext ? `external ${ext.cidr} · gw ${ext.gateway}` : 'internet',
        width - S.margin - S.barH,
        hostTop,
        S.barH,
        barLen,
        true,
      ),
    );
  } else {
    width = Math.max(x - S.hostGap + S.margin, 480);
    const barW = width - 2 * S.margin;
    const bottomBarY = hostTop + wideHostH + S.barGap;
    height = bottomBarY + S.barH + S.margin;
    boxes.push(bar('internet', internetLabel, S.margin, S.margin, barW, S.barH, false));
    boxes.push(bar('tunnel', tunnelLabel, S.margin, bottomBarY, barW, S.barH, false));
  }

  const byId = new Map(boxes.map((box) => [box.id, box]));
  const links: LaidLink[] = [];
  for (const link of topology.links) {
    const a = byId.get(link.from);
    const b = byId.get(link.to);
    if (!a || !b) continue;
    const points = route(a, b, hosts, boxes);
    links.push({
      id: `${link.from}->${link.to}`,
      from: link.from,
      to: link.to,
      kind: link.kind,
      route: points,
      d: pathOf(points),
    });
  }
  return { arrangement, width: round(width), height: round(height), hosts, boxes, links };
}

function placeBox(box: DiagramBox, host: string, x: number, y: number): LaidBox {
  const S = SIZES;
  const ports = box.ports;
  const step = ports.length ? S.boxW / (ports.length + 1) : 0;
  const id = box.id;
  const fullName = box.kind === 'vm' ? box.label : id.slice(host.length + 1);
  const note = box.note ?? '';
  const title =
    box.title ?? [fullName, note, ports.length ? `ports: ${ports.join(', ')}` : ''].filter(Boolean).join('\n');
  const titled = ports.length && !title.includes('ports:') ? `${title}\nports: ${ports.join(', ')}` : title;
  const middle = y + S.boxH / 2;
  return {
    id,
    kind: box.kind,
    label: shorten(box.label, S.labelChars),
    note: shorten(note, S.noteChars),
    title: titled,
    host,
    x: round(x),
    y: round(y),
    w: S.boxW,
    h: S.boxH,
    ports: ports.map((name, i) => ({ id: `${id}#${name}`, name, cx: round(x + step * (i + 1)), cy: round(y) })),
    labelX: round(x + S.boxW / 2),
    labelY: round(note ? y + 17 : middle + 4),
    noteY: round(y + 32),
    labelAnchor: 'middle',
    vertical: false,
    // The top-left corner: above the name's cap height and clear of the port dots, which start a port-step in.
    marker: { x: round(x), y: round(y) },
  };
}

function bar(
  id: 'internet' | 'tunnel',
  label: string,
  x: number,
  y: number,
  w: number,
  h: number,
  vertical: boolean,
): LaidBox {
  return {
    id,
    kind: id,
    label,
    note: '',
    title: label,
    host: null,
    x: round(x),
    y: round(y),
    w: round(w),
    h: round(h),
    ports: [],
    labelX: round(vertical ? x + w / 2 + 4 : x + 10),
    labelY: round(vertical ? y + h / 2 : y + h / 2 + 4),
    noteY: 0,
    labelAnchor: vertical ? 'middle' : 'start',
    vertical,
    marker: { x: round(x), y: round(y) },
  };
}

/** Shortens a label to n characters with an ellipsis (the tooltip and the inspector keep the full name). */
export function shorten(label: string, n: number): string {
  return label.length <= n ? label : `${label.slice(0, n - 1)}…`;
}

const isBar = (box: LaidBox) => box.kind === 'internet' || box.kind === 'tunnel';

type Point = { x: number; y: number };

const centre = (box: LaidBox): Point => ({ x: box.x + box.w / 2, y: box.y + box.h / 2 });

/**
 * Where a line leaves a box towards a point: the middle of the edge that faces it (top or bottom when the point is
 * more above or below than beside, else left or right). Bars are met level with the point, on their facing edge.
 * Lines end on edges, never inside a box, so no line runs under a label.
 */
function edge(box: LaidBox, toward: Point): Point {
  if (isBar(box)) {
    if (box.h > box.w) {
      const y = Math.min(Math.max(toward.y, box.y + 4), box.y + box.h - 4);
      return { x: toward.x < box.x ? box.x : box.x + box.w, y };
    }
    const x = Math.min(Math.max(toward.x, box.x + 4), box.x + box.w - 4);
    return { x, y: toward.y < box.y ? box.y : box.y + box.h };
  }
  const c = centre(box);
  const dx = toward.x - c.x;
  const dy = toward.y - c.y;
  if (Math.abs(dy) >= box.h / 2 + 2) return { x: c.x, y: dy < 0 ? box.y : box.y + box.h };
  return { x: dx < 0 ? box.x : box.x + box.w, y: c.y };
}

/** A line between two boxes: straight when level or plumb, else an S-curve whose level run is in the gap between them. */
function route(a: LaidBox, b: LaidBox, hosts: readonly LaidHost[], boxes: readonly LaidBox[]): Point[] {
  const p = edge(a, centre(b));
  const q = edge(b, centre(a));
  // A box between the two ends on the plumb line (a wrapped middle row): go round it through the host's side gutter.
  const blocked = boxes.some(
    (c) =>
      c !== a &&
      c !== b &&
      !isBar(c) &&
      c.x < Math.max(p.x, q.x) + 1 &&
      c.x + c.w > Math.min(p.x, q.x) - 1 &&
      c.y < Math.max(p.y, q.y) &&
      c.y + c.h > Math.min(p.y, q.y),
  );
  const host = hosts.find((h) => h.name === a.host);
  if (blocked && host && a.host === b.host) {
    const left = a.x - host.x < host.x + host.w - (a.x + a.w);
    const gx = left ? host.x + SIZES.hostPad / 2 : host.x + host.w - SIZES.hostPad / 2;
    const from = { x: left ? a.x : a.x + a.w, y: a.y + a.h / 2 };
    const to = { x: left ? b.x : b.x + b.w, y: b.y + b.h / 2 };
    return [from, { x: gx, y: from.y }, { x: gx, y: to.y }, to];
  }
  return [p, q];
}

function pathOf(points: readonly Point[]): string {
  const [first, ...rest] = points;
  if (!first) return '';
  if (rest.length === 1) return curve(first, rest[0]);
  return `M${round(first.x)},${round(first.y)}${rest.map((pt) => `L${round(pt.x)},${round(pt.y)}`).join('')}`;
}

function curve(p: Point, q: Point): string {
  if (Math.abs(p.y - q.y) < 1 || Math.abs(p.x - q.x) < 1)
    return `M${round(p.x)},${round(p.y)}L${round(q.x)},${round(q.y)}`;
  // Vertical ends (top/bottom edges) bend at the middle height; side ends at the middle width.
  const vertical = Math.abs(q.y - p.y) > Math.abs(q.x - p.x) / 3;
  if (vertical) {
    const my = round((p.y + q.y) / 2);
    return `M${round(p.x)},${round(p.y)}C${round(p.x)},${my} ${round(q.x)},${my} ${round(q.x)},${round(q.y)}`;
  }
  const mx = round((p.x + q.x) / 2);
  return `M${round(p.x)},${round(p.y)}C${mx},${round(p.y)} ${mx},${round(q.y)} ${round(q.x)},${round(q.y)}`;
}

/**
 * The packet's path over the layout for a list of hop boxes: from box to box along the drawn link between them when
 * there is one (so it runs where the wiring runs), edge to edge otherwise; and where the packet marker sits at each
 * hop (a box's corner, a bar's edge facing the neighbouring hop), off any text.
 */
export function hopPath(layout: DiagramLayout, boxIds: readonly string[]): { points: Point[]; d: string } {
  const byId = new Map(layout.boxes.map((box) => [box.id, box]));
  const linkRoute = new Map(layout.links.map((l) => [`${l.from}->${l.to}`, l.route]));
  /** The nearest hop before (step -1) or after (step 1) hop i that is in a box, not on a bar. */
  const nearBox = (i: number, step: -1 | 1): Point | undefined => {
    for (let j = i + step; j >= 0 && j < boxIds.length; j += step) {
      const box = byId.get(boxIds[j] ?? '');
      if (box && !isBar(box)) return centre(box);
    }
    return undefined;
  };
  // A bar is entered level with the box the packet comes from and left level with the box it goes to; it travels
  // along the bar's edge in between (never through its label).
  const enter = boxIds.map((id, i) => {
    const box = byId.get(id);
    if (!box) return { x: 0, y: 0 };
    if (!isBar(box)) return box.marker;
    const p = edge(box, nearBox(i, -1) ?? nearBox(i, 1) ?? centre(box));
    return { x: round(p.x), y: round(p.y) };
  });
  const leave = boxIds.map((id, i) => {
    const box = byId.get(id);
    if (!box || !isBar(box)) return enter[i];
    const p = edge(box, nearBox(i, 1) ?? nearBox(i, -1) ?? centre(box));
    return { x: round(p.x), y: round(p.y) };
  });
  let d = '';
  let prev: LaidBox | undefined;
  let prevIndex = -1;
  boxIds.forEach((id, i) => {
    const box = byId.get(id);
    if (!box) return;
    if (prev && prev !== box) {
      const direct = linkRoute.get(`${prev.id}->${box.id}`);
      const back = linkRoute.get(`${box.id}->${prev.id}`);
      const from = isBar(prev) ? leave[prevIndex] : undefined;
      const to = isBar(box) ? enter[i] : undefined;
      let seg: Point[];
      if (direct) seg = [...direct];
      else if (back) seg = [...back].reverse();
      else seg = [from ?? edge(prev, to ?? centre(box)), to ?? edge(box, from ?? centre(prev))];
      if (from) seg[0] = from;
      if (to) seg[seg.length - 1] = to;
      d += pathOf(seg);
    }
    if (isBar(box) && (enter[i].x !== leave[i].x || enter[i].y !== leave[i].y) && prev !== box)
      d += `${d ? '' : `M${enter[i].x},${enter[i].y}`}L${leave[i].x},${leave[i].y}`;
    prev = box;
    prevIndex = i;
  });
  return { points: enter, d };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
