import { describe, expect, it } from 'vitest';
import { formatIpv4, formatViews, renderViews, tracePacket } from '../../src/index.js';
import { faultScenarios } from '../faults/fault-scenarios.js';
import { exampleModel, exampleScenario, modelOf } from '../helpers.js';

const fault = (id: string) => faultScenarios.find((f) => f.id === id)!;
const faultModel = (id: string) => modelOf(fault(id).scenario);
const trace = (id: string) => tracePacket(faultModel(id), fault(id).walk).trace!;
const bridge = (model: ReturnType<typeof modelOf>, host: string, name: string) =>
  model.host(host)!.bridges.find((b) => b.name === name);
const tunnelPorts = (model: ReturnType<typeof modelOf>, host: string) =>
  bridge(model, host, 'br-tun')!
    .ports.filter((p) => p.kind === 'tunnel')
    .map((p) => p.name);

describe('every lab fault breaks its walk, and the healthy example delivers it', () => {
  it.each(faultScenarios.map((f) => [f.id]))('%s', (id) => {
    const f = fault(id);
    expect(trace(id).verdict).toBe('dropped');
    const healthy = exampleModel(
      {
        'no-distributed-routing': 'east-west',
        'no-l2population-driver': 'east-west',
        'no-br-ex': 'floating-ip',
        'snat-not-scheduled': 'snat-seed',
        'legacy-compute': 'dvr-vs-legacy',
        'wrong-local-ip': 'troubleshooting',
      }[id]!,
    );
    expect(tracePacket(healthy, f.walk).trace!.verdict).toBe('delivered');
  });
});

describe('enable_distributed_routing = False on one OVS agent', () => {
  const model = faultModel('no-distributed-routing');
  it('gives the host no DVR MAC and no DVR tables, and its peers no flow for its MAC', () => {
    expect(model.scenario.hosts[1]!.dvrMac).toBeNull();
    const flows = formatViews(renderViews(model, 'compute1'));
    expect(flows).not.toContain('table=1,');
    expect(formatViews(renderViews(model, 'compute2'))).not.toContain('fa:16:3f:00:a0:7a');
  });
  it("stops the routed frame at the receiver's br-int, which sees its own qr- MAC arrive from the tunnels", () => {
    const t = trace('no-distributed-routing');
    const last = t.hops.at(-1)!;
    expect([last.host, last.where, last.device]).toEqual(['compute2', 'br-int', 'patch-tun']);
    expect(t.reason).toContain('enable_distributed_routing = False');
  });
  it('still delivers the other direction, which leaves a DVR host with its DVR MAC', () => {
    expect(tracePacket(model, { from: 'VM2', to: 'VM1' }).trace!.verdict).toBe('delivered');
  });
});

describe('l2_population', () => {
  it('without the l2population mechanism driver, an l2_population agent has no tunnel port and drops at FLOOD_TO_TUN', () => {
    const model = faultModel('no-l2population-driver');
    expect(tunnelPorts(model, 'compute1')).toEqual([]);
    const last = trace('no-l2population-driver').hops.at(-1)!;
    expect([last.host, last.where, last.stage.table]).toEqual(['compute1', 'br-tun', '22']);
    expect(trace('no-l2population-driver').reason).toContain('mechanism_drivers do not include l2population');
  });
  it('an agent with l2_population = False tunnels to every other agent from tunnel_sync and floods unicast', () => {
    const s = exampleScenario('east-west');
    s.hosts[1].ovs = { l2Population: false };
    const model = modelOf(s);
    expect(tunnelPorts(model, 'compute1')).toEqual(['vxlan-ac10000b', 'vxlan-ac10000d']);
    const tun = bridge(model, 'compute1', 'br-tun')!;
    expect(tun.flows.filter((f) => f.table === 20 && f.priority === 2)).toEqual([]);
    // Mixed settings work in Juno: the l2population driver still announces this agent's ports to the others.
    const t = tracePacket(model, { from: 'VM1', to: 'VM2' }).trace!;
    expect(t.verdict).toBe('delivered');
    expect(t.reply!.verdict).toBe('delivered');
    expect(t.hops.some((h) => h.stage.table === '22' && h.host === 'compute1')).toBe(true);
  });
  it('every agent with l2_population = False works without the driver, by tunnel_sync and flooding', () => {
    const s = exampleScenario('east-west');
    s.ml2 = { l2population: false };
    for (const h of s.hosts) h.ovs = { l2Population: false };
    expect(tracePacket(modelOf(s), { from: 'VM1', to: 'VM2' }).trace!.reply!.verdict).toBe('delivered');
  });
});

describe('a missing br-ex', () => {
  const model = faultModel('no-br-ex');
  it('leaves the host without br-ex and without any L3 namespace, and allocates it no fg- port', () => {
    expect(bridge(model, 'compute1', 'br-ex')).toBeUndefined();
    expect(model.host('compute1')!.namespaces.map((n) => n.kind)).toEqual([]);
    expect(model.scenario.fgPorts.get('compute1')).toBeUndefined();
  });
  it('leaves the floating IP unanswered on the external network, naming the missing bridge', () => {
    const t = trace('no-br-ex');
    expect(t.hops.at(-1)!.stage.name).toBe('arp');
    expect(t.reason).toContain("The external network bridge 'br-ex' does not exist");
  });
  it('on the SNAT node, leaves no snat namespace and the sg- port unplugged', () => {
    const s = exampleScenario('snat-seed');
    s.hosts[0].bridges = { brEx: false };
    const t = tracePacket(modelOf(s), { from: 'VM3', to: '8.8.8.8' }).trace!;
    expect(t.verdict).toBe('dropped');
    expect(t.reason).toContain('network has no br-ex');
  });
});

describe('a router whose SNAT is not scheduled', () => {
  const model = faultModel('snat-not-scheduled');
  it('keeps the sg- and qg- ports (created with the gateway) but binds them to no host, and builds no snat namespace', () => {
    const router = model.scenario.routers[0]!;
    expect(router.centralHost).toBeNull();
    expect(router.interfaces[0]!.sg!.host).toBeNull();
    expect(formatIpv4(router.gateway!.qg.ip)).toBe('10.100.100.162');
    expect(model.host('network')!.namespaces.some((n) => n.kind === 'snat')).toBe(false);
  });
  it('stops VM3 where no port owns the sg- MAC, naming the missing binding', () => {
    const t = trace('snat-not-scheduled');
    expect(t.hops.at(-1)!.host).toBe('network');
    expect(t.reason).toContain('l3-agent-list-hosting-router router1');
  });
  it('leaves floating IPs working: they never touch the SNAT node', () => {
    const s = exampleScenario('floating-ip');
    s.routers[0].snatScheduled = false;
    expect(tracePacket(modelOf(s), { from: '8.8.8.8', to: '203.0.113.10' }).trace!.reply!.verdict).toBe('delivered');
  });
});

describe('a compute node whose L3 agent runs in legacy mode', () => {
  const model = faultModel('legacy-compute');
  it('gets no copy of the distributed router, no fip namespace and no fg- port', () => {
    expect(model.host('compute1')!.namespaces).toEqual([]);
    expect(model.scenario.fgPorts.get('compute1')).toBeUndefined();
  });
  it("leaves its VM's floating IP unanswered, naming agent_mode", () => {
    expect(trace('legacy-compute').reason).toContain('agent_mode = legacy');
  });
});

describe('a wrong local_ip', () => {
  const model = faultModel('wrong-local-ip');
  it("names the peers' tunnel ports after the address the agent reports", () => {
    expect(tunnelPorts(model, 'network')).toContain('vxlan-ac10000c');
    expect(tunnelPorts(model, 'network')).not.toContain('vxlan-ac100015');
  });
  it('loses the tunnel packet from the misconfigured host at the tunnel hop', () => {
    const t = trace('wrong-local-ip');
    expect(t.hops.at(-1)!.where).toBe('tunnel');
    expect(t.reason).toContain('local_ip = 172.16.0.12');
  });
  it('loses the tunnel packet to the misconfigured host too: no host has the address its peers aim at', () => {
    const t = tracePacket(model, { from: '8.8.8.8', to: '10.100.100.170' }).trace!;
    expect(t.verdict).toBe('delivered');
    const toCompute1 = tracePacket(model, { from: 'VM4', to: 'VM3' }).trace!;
    expect(toCompute1.verdict).toBe('dropped');
    expect(toCompute1.reason).toContain('no host on the tunnel network has that address');
  });
  it("aimed at another host's address, names that host", () => {
    const s = exampleScenario('troubleshooting');
    s.hosts[1].ovs = { localIp: '172.16.0.22' };
    const t = tracePacket(modelOf(s), { from: 'VM4', to: 'VM3' }).trace!;
    expect(t.reason).toContain("that is compute2's address");
  });
});
