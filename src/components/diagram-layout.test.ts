import { describe, expect, it } from 'vitest';
import { fakeTopology, fakeTrace } from '../islands/state/test-fixtures';
import { hopPath, layoutDiagram, shorten, SIZES } from './diagram-layout';
import { hopBoxId } from './trace-rows';

describe('diagram layout', () => {
  const layout = layoutDiagram(fakeTopology());
  const box = (id: string) => layout.boxes.find((b) => b.id === id)!;

  it('layoutDiagram places every box of the topology plus the internet and tunnel bars', () => {
    expect(layout.boxes.map((b) => b.id).sort()).toEqual(
      [...fakeTopology().hosts.flatMap((h) => h.boxes.map((b) => b.id)), 'internet', 'tunnel'].sort(),
    );
    expect(layout.hosts.map((h) => h.name)).toEqual(['network', 'compute1']);
    expect(layout.links).toHaveLength(fakeTopology().links.length);
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
    expect(box('network/br-ex').y).toBeLessThan(box('network/snat-r1').y);
    expect(box('network/snat-r1').y).toBeLessThan(box('network/br-int').y);
    expect(box('network/br-int').y).toBeLessThan(box('network/br-tun').y);
    expect(box('internet').y).toBeLessThan(box('network/br-ex').y);
    expect(box('tunnel').y).toBeGreaterThan(box('network/br-tun').y);
    // rows are shared across hosts, so the same kind lines up
    expect(box('compute1/qrouter-r1').y).toBe(box('network/qrouter-r1').y);
  });

  it('is deterministic: the same topology gives the same layout', () => {
    expect(layoutDiagram(fakeTopology())).toEqual(layout);
  });

  it('shortens long labels and keeps the full name in the title', () => {
    expect(shorten('qrouter-0123456789abcdef', SIZES.labelChars)).toHaveLength(SIZES.labelChars);
    expect(box('network/snat-r1').title).toContain('ports: sg-1, qg-1');
    expect(box('network/snat-r1').ports.map((p) => p.id)).toEqual(['network/snat-r1#sg-1', 'network/snat-r1#qg-1']);
  });

  it('hopPath gives one point per hop, meeting bars under the neighbouring box', () => {
    const ids = fakeTrace().hops.map(hopBoxId);
    const path = hopPath(layout, ids);
    expect(path.points).toHaveLength(ids.length);
    const tunnelPoint = path.points[3];
    const qrouter = box('compute1/qrouter-r1');
    expect(tunnelPoint.x).toBe(qrouter.x + qrouter.w / 2);
    expect(tunnelPoint.y).toBe(box('tunnel').y + SIZES.barH / 2);
    expect(path.d.startsWith('M')).toBe(true);
  });

  it('handles an empty topology', () => {
    const empty = layoutDiagram({ hosts: [], external: { cidr: '', gateway: '' }, links: [] });
    expect(empty.boxes.map((b) => b.id)).toEqual(['internet', 'tunnel']);
    expect(hopPath(empty, ['nowhere']).points).toEqual([{ x: 0, y: 0 }]);
  });
});
