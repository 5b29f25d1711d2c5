import { describe, expect, it } from 'vitest';
import { builtExample } from './example-data';
import { hopPath, layoutDiagram, shorten, SIZES } from './diagram-layout';
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

  it('hopPath gives one point per hop, meeting bars under the neighbouring box', () => {
    const ids = trace.hops.map(hopBoxId);
    const path = hopPath(layout, ids);
    expect(path.points).toHaveLength(ids.length);
    const t = ids.indexOf('tunnel');
    const before = box(ids[t - 1]);
    expect(path.points[t].x).toBe(before.x + before.w / 2);
    expect(path.points[t].y).toBe(box('tunnel').y + SIZES.barH / 2);
    expect(path.d.startsWith('M')).toBe(true);
  });

  it('handles an empty topology', () => {
    const empty = layoutDiagram({ hosts: [], external: { cidr: '', gateway: '' }, links: [] });
    expect(empty.boxes.map((b) => b.id)).toEqual(['internet', 'tunnel']);
    expect(hopPath(empty, ['nowhere']).points).toEqual([{ x: 0, y: 0 }]);
  });
});
