import { examples, simulate, topology } from '@dvr-lab/sandbox-core';
import { describe, expect, it } from 'vitest';
import { diagramTitle, diagramTopology, FOCUS_LIMITS, omittedHostsText } from './diagram-focus';
import { layoutDiagram, OTHER_HOSTS } from './diagram-layout';
import { scenarioText } from './example-data';

/** A cloud like the site bench's: one dvr_snat node, `computes` dvr nodes, `vms` VMs over ten networks, VM3 on compute1. */
function cloud(computes: number, vms: number) {
  const hosts = [
    { name: 'network', agentMode: 'dvr_snat' },
    ...Array.from({ length: computes }, (_, i) => ({ name: `compute${i + 1}`, agentMode: 'dvr' })),
  ];
  const nets = Array.from({ length: 10 }, (_, n) => ({ name: `net${n}`, subnet: { cidr: `10.${n}.0.0/20` } }));
  const networks = [
    { name: 'public', external: true, subnet: { cidr: '10.100.100.0/24', gateway: '10.100.100.1' } },
    { name: 'App', subnet: { cidr: '192.168.200.0/24' } },
    ...nets,
  ];
  const routers = [
    {
      name: 'router1',
      distributed: true,
      externalGateway: { network: 'public', ip: '10.100.100.162' },
      interfaces: networks.slice(1).map((n) => n.name),
    },
  ];
  const list = [{ name: 'VM3', host: 'compute1', network: 'App', ip: '192.168.200.6' }];
  for (let i = 1; i < vms; i++)
    list.push({
      name: `vm${i}`,
      host: `compute${(i % computes) + 1}`,
      network: `net${i % 10}`,
    } as (typeof list)[number]);
  const sim = simulate(JSON.stringify({ version: 1, hosts, networks, routers, vms: list }), {
    from: 'VM3',
    to: '8.8.8.8',
  });
  if (!sim.model || !sim.trace) throw new Error(JSON.stringify(sim.errors));
  return { model: sim.model, trace: sim.trace };
}

describe('diagramTopology', () => {
  it('draws every course example whole: the core’s boxes and links, every one named', () => {
    for (const example of examples) {
      const sim = simulate(scenarioText(example.scenario), example.request);
      expect(sim.errors, example.id).toEqual([]);
      const core = topology(sim.model!);
      const drawn = diagramTopology(topology, sim.model!, sim.trace!);
      expect(drawn.omittedHosts, example.id).toEqual([]);
      expect(drawn.links, example.id).toEqual(core.links);
      expect(
        drawn.hosts.map((h) => h.boxes.map((b) => b.id)),
        example.id,
      ).toEqual(core.hosts.map((h) => h.boxes.map((b) => b.id)));
    }
  });

  it('names namespaces by their router or network, and puts the addresses where they live', () => {
    const sim = simulate(scenarioText(examples.find((e) => e.id === 'snat-seed')!.scenario), {
      from: 'VM3',
      to: '8.8.8.8',
    });
    const drawn = diagramTopology(topology, sim.model!, sim.trace!);
    const boxes = drawn.hosts.flatMap((h) => h.boxes);
    const snat = boxes.find((b) => b.kind === 'snat')!;
    expect(snat).toMatchObject({ label: 'snat (router1)', note: 'qg 10.100.100.162' });
    expect(snat.title).toContain(snat.id.split('/')[1]);
    expect(boxes.find((b) => b.id === 'compute1/VM3')).toMatchObject({ label: 'VM3', note: '192.168.200.6' });
    expect(boxes.filter((b) => b.kind === 'qrouter').map((b) => b.label)).toEqual([
      'qrouter (router1)',
      'qrouter (router1)',
    ]);
    expect(boxes.find((b) => b.kind === 'qdhcp')?.label).toBe('qdhcp (App)');
    // An edit of the shared address shows in the drawing.
    const moved = simulate(
      scenarioText(examples.find((e) => e.id === 'snat-seed')!.scenario).replace(
        '"10.100.100.162"',
        '"10.100.100.170"',
      ),
      { from: 'VM3', to: '8.8.8.8' },
    );
    const movedSnat = diagramTopology(topology, moved.model!, moved.trace!)
      .hosts.flatMap((h) => h.boxes)
      .find((b) => b.kind === 'snat');
    expect(movedSnat?.note).toBe('qg 10.100.100.170');
  });

  it('draws a floating IP in its VM and in the qrouter that holds it, and the fg- address in the fip namespace', () => {
    const example = examples.find((e) => e.id === 'floating-ip')!;
    const sim = simulate(scenarioText(example.scenario), example.request);
    const compute1 = diagramTopology(topology, sim.model!, sim.trace!).hosts.find((h) => h.name === 'compute1')!;
    const vm = compute1.boxes.find((b) => b.kind === 'vm' && /fip/.test(b.note ?? ''));
    expect(vm?.note).toMatch(/^192\.168\.200\.\d+ · fip \d+\.\d+\.\d+\.\d+$/);
    const fip = vm!.note!.split('fip ')[1];
    expect(compute1.boxes.find((b) => b.kind === 'qrouter')?.note).toContain(`fip ${fip}`);
    expect(compute1.boxes.find((b) => b.kind === 'fip')?.note).toMatch(/^fg \d+\.\d+\.\d+\.\d+$/);
  });

  const large = cloud(199, 2000);
  const focused = diagramTopology(topology, large.model, large.trace);

  it('a 200-host scenario draws only the hosts on the path and says how many it left out', () => {
    expect(focused.hosts.map((h) => h.name)).toEqual(['network', 'compute1']);
    expect(focused.omittedHosts).toHaveLength(198);
    expect(focused.omittedHosts.slice(0, 2)).toEqual(['compute2', 'compute3']);
    const layout = layoutDiagram(focused);
    expect(layout.hosts.map((h) => h.name)).toEqual(['network', 'compute1', OTHER_HOSTS]);
    expect(layout.hosts.at(-1)).toMatchObject({ label: '+198 other hosts', sub: 'not on this packet’s path' });
    expect(layout.hosts[1].x + layout.hosts[1].w).toBeLessThanOrEqual(layout.hosts[2].x);
  });

  it('a crowded host keeps the boxes the packet visits and one "+n more" box per kind naming the others', () => {
    const compute1 = focused.hosts.find((h) => h.name === 'compute1')!;
    const middle = compute1.boxes.filter((b) => ['vm', 'qrouter', 'snat', 'qdhcp'].includes(b.kind));
    expect(middle.length).toBeLessThanOrEqual(FOCUS_LIMITS.rowBoxes);
    expect(middle.map((b) => b.id)).toContain('compute1/VM3');
    const more = middle.find((b) => b.id === 'compute1/+vm')!;
    expect(more.label).toBe('+10 more VMs');
    expect(more.title).toMatch(/^10 more VMs on compute1, not on this packet’s path: vm199 10\.\d+\.\d+\.\d+, /);
    // Every link ends at a box that is drawn, and the summary box is plugged into br-int like the VMs it stands for.
    const ids = new Set([...focused.hosts.flatMap((h) => h.boxes.map((b) => b.id)), 'internet', 'tunnel']);
    for (const link of focused.links)
      expect(ids.has(link.from) && ids.has(link.to), `${link.from} -> ${link.to}`).toBe(true);
    expect(focused.links).toContainEqual({ from: 'compute1/+vm', to: 'compute1/br-int', kind: 'port' });
  });

  it('a focused drawing of 200 hosts stays narrow enough to scroll through on a phone', () => {
    const layout = layoutDiagram(focused);
    expect(layout.width).toBeLessThan(3000);
    expect(layout.boxes.length).toBeLessThan(40);
  });
});

describe('the diagram’s text', () => {
  it('diagramTitle names the packet, and says where the left-out hosts are listed', () => {
    expect(diagramTitle('VM3', '8.8.8.8', 0)).toBe(
      'Hosts, namespaces and bridges of the scenario, with the path of the packet from VM3 to 8.8.8.8; the trace table describes each hop.',
    );
    expect(diagramTitle('VM3', '8.8.8.8', 198)).toContain('198 other hosts are listed under the drawing');
  });

  it('omittedHostsText lists every host the drawing leaves out, and nothing when all are drawn', () => {
    expect(omittedHostsText([])).toBeNull();
    expect(omittedHostsText(['compute2', 'compute3'])).toEqual({
      summary: '2 hosts not drawn (not on this packet’s path)',
      list: 'compute2, compute3',
    });
  });
});
