import { describe, expect, it } from 'vitest';
import { builtExample } from './example-data';
import { examples } from '@dvr-lab/sandbox-core';
import { arrangementFor, hopPath, layoutDiagram, shorten, SIZES, type LaidBox } from './diagram-layout';
import { hopBoxId } from './trace-rows';

describe('diagram layout (on the simulated SNAT example)', () => {
  const { topology, trace } = builtExample('snat-seed');
  const layout = layoutDiagram(topology);
  const box = (id: string) => layout.boxes.find((b) => b.id === id)!;
  const snatId = topology.hosts[0].boxes.find((b) => b.kind === 'snat')!.id;
  const qrouterId = (host: string) =>
    topology.hosts.find((h) => h.name === host)!.boxes.find((b) => b.kind === 'qrouter')!.id;

  it('layoutDiagram places every box of the topology plus the internet and tunnel bars', () => {
    expect(layout.boxes.map((b) => b.id).sort()).toEqual(
      [...topology.hosts.flatMap((h) => h.boxes.map((b) => b.id)), 'internet', 'tunnel'].sort(),
    );
    expect(layout.hosts.map((h) => h.name)).toEqual(['network', 'compute1']);
    expect(layout.links).toHaveLength(topology.links.length);
  });

  it('puts hosts side by side without overlap and boxes inside their host frame', () => {
    const [a, b] = layout.hosts;
    expect(a.x + a.w).toBeLessThanOrEqual(b.x);
    for (const laid of layout.boxes.filter((x) => x.host)) {
      const host = layout.hosts.find((h) => h.name === laid.host)!;
      expect(laid.x).toBeGreaterThanOrEqual(host.x);
      expect(laid.x + laid.w).toBeLessThanOrEqual(host.x + host.w);
      expect(laid.y).toBeGreaterThanOrEqual(host.y);
      expect(laid.y + laid.h).toBeLessThanOrEqual(host.y + host.h);
    }
    expect(layout.width).toBeGreaterThanOrEqual(b.x + b.w);
  });

  it('stacks rows from the external side down to the overlay', () => {
    expect(box('network/br-ex').y).toBeLessThan(box(snatId).y);
    expect(box(snatId).y).toBeLessThan(box('network/br-int').y);
    expect(box('network/br-int').y).toBeLessThan(box('network/br-tun').y);
    expect(box('internet').y).toBeLessThan(box('network/br-ex').y);
    expect(box('tunnel').y).toBeGreaterThan(box('network/br-tun').y);
    // rows are shared across hosts, so the same kind lines up
    expect(box(qrouterId('compute1')).y).toBe(box(qrouterId('network')).y);
  });

  it('is deterministic: the same topology gives the same layout', () => {
    expect(layoutDiagram(topology)).toEqual(layout);
  });

  it('shortens long labels and keeps the full name and ports in the title', () => {
    expect(shorten('qrouter-0123456789abcdef', SIZES.labelChars)).toHaveLength(SIZES.labelChars);
    const snat = box(snatId);
    expect(snat.title).toContain(snatId.split('/')[1]);
    expect(snat.title).toMatch(/ports: sg-\S+, qg-/);
    expect(snat.ports.map((p) => p.id)).toEqual(
      topology.hosts[0].boxes.find((b) => b.kind === 'snat')!.ports.map((p) => `${snatId}#${p}`),
    );
  });

  it('hopPath gives one marker per hop: box corners, and bars met on the edge facing the neighbouring hop', () => {
    const ids = trace.hops.map(hopBoxId);
    const path = hopPath(layout, ids);
    expect(path.points).toHaveLength(ids.length);
    expect(path.points[0]).toEqual({ x: box('compute1/VM3').x, y: box('compute1/VM3').y });
    const t = ids.indexOf('tunnel');
    const before = box(ids[t - 1]);
    expect(path.points[t].x).toBe(before.x + before.w / 2);
    expect(path.points[t].y).toBe(box('tunnel').y);
    expect(path.d.startsWith('M')).toBe(true);
  });

  it('the stacked arrangement puts hosts one under another between the tunnel and external spines, narrow enough for a phone', () => {
    const stacked = layoutDiagram(topology, 'stacked');
    const [a, b] = stacked.hosts;
    expect(a.y + a.h).toBeLessThanOrEqual(b.y);
    expect(a.x).toBe(b.x);
    const tunnel = stacked.boxes.find((x) => x.id === 'tunnel')!;
    const internet = stacked.boxes.find((x) => x.id === 'internet')!;
    expect(tunnel.vertical && internet.vertical).toBe(true);
    expect(tunnel.x + tunnel.w).toBeLessThan(a.x);
    expect(internet.x).toBeGreaterThan(a.x + a.w);
    // Two boxes a line at most, so the widest host (three middle-row boxes on the network node) fits.
    expect(stacked.width).toBeLessThan(layout.width);
    expect(stacked.width).toBeLessThanOrEqual(420);
    expect(arrangementFor(layout.width, 340)).toBe('stacked');
    expect(arrangementFor(layout.width, 900)).toBe('wide');
  });

  it('no two boxes overlap and no link runs through a box it does not connect, in either arrangement, for every course example', () => {
    for (const example of examples) {
      const built = builtExample(example.id);
      for (const arrangement of ['wide', 'stacked'] as const) {
        const laid = layoutDiagram(built.topology, arrangement);
        const solid = laid.boxes;
        for (const [i, p] of solid.entries())
          for (const q of solid.slice(i + 1))
            expect(overlap(p, q), `${example.id} ${arrangement}: ${p.id} overlaps ${q.id}`).toBe(false);
        for (const link of laid.links)
          for (const other of solid.filter((x) => x.id !== link.from && x.id !== link.to))
            for (const [p, q] of link.route.slice(1).map((pt, k) => [link.route[k], pt] as const))
              expect(segmentCrosses(p, q, other), `${example.id} ${arrangement}: ${link.id} crosses ${other.id}`).toBe(
                false,
              );
      }
    }
  });
  it('handles an empty topology', () => {
    const empty = layoutDiagram({ hosts: [], external: { cidr: '', gateway: '' }, links: [] });
    expect(empty.boxes.map((b) => b.id)).toEqual(['internet', 'tunnel']);
    expect(hopPath(empty, ['nowhere']).points).toEqual([{ x: 0, y: 0 }]);
  });
});

function overlap(a: LaidBox, b: LaidBox): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Whether a straight segment passes through a box's inside (touching its edge does not count). */
function segmentCrosses(p: { x: number; y: number }, q: { x: number; y: number }, box: LaidBox): boolean {
  for (let k = 0; k <= 40; k++) {
    const x = p.x + ((q.x - p.x) * k) / 40;
    const y = p.y + ((q.y - p.y) * k) / 40;
    if (x > box.x + 1 && x < box.x + box.w - 1 && y > box.y + 1 && y < box.y + box.h - 1) return true;
  }
  return false;
}
