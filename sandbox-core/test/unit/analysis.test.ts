import { describe, expect, it } from 'vitest';
import { addressBudget, compareModes, examples } from '../../src/index.js';

const text = (id: string) => JSON.stringify(examples.find((e) => e.id === id)!.scenario);

describe('addressBudget', () => {
  it("counts the gateway, qg-, fg- and floating IPs of the floating-ip example's /28", () => {
    expect(addressBudget(text('floating-ip'))).toEqual([
      {
        network: 'public',
        cidr: '203.0.113.0/28',
        usable: 14,
        gateway: 1,
        routerGateways: 1,
        fipAgentGateways: 1,
        floatingIps: 1,
        used: 4,
        free: 10,
      },
    ]);
  });

  it('still counts when the subnet has run out (the scenario no longer validates)', () => {
    const s = JSON.parse(text('floating-ip'));
    s.networks[0].subnet.cidr = '203.0.113.0/29';
    for (let i = 0; i < 5; i++)
      s.vms.push({ name: `X${i}`, host: i % 2 ? 'compute1' : 'compute2', network: 'App', floatingIp: true });
    const [b] = addressBudget(JSON.stringify(s));
    expect(b).toMatchObject({ usable: 6, fipAgentGateways: 2, floatingIps: 6, free: -4 });
  });
});

describe('compareModes', () => {
  it('DVR east-west skips the network node that the legacy router hairpins through', () => {
    const { rows, errors } = compareModes(text('east-west'), [{ request: { from: 'VM1', to: 'VM2' } }]);
    expect(errors).toEqual([]);
    expect(rows[0]!.dvr).toMatchObject({ verdict: 'delivered', networkNodeSteps: 0, tunnels: 2 });
    expect(rows[0]!.legacy!.networkNodeSteps).toBeGreaterThan(0);
    expect(rows[0]!.legacy!.tunnels).toBe(4);
  });

  it('counts routers crossed as L3 hops: east-west one router each way in both modes, SNAT two routers out under DVR', () => {
    const ew = compareModes(text('east-west'), [{ request: { from: 'VM1', to: 'VM2' } }]).rows[0]!;
    expect(ew.dvr!.routers).toBe(2);
    expect(ew.legacy!.routers).toBe(2);
    // DVR's SNAT: compute's qrouter, then the network node's snat namespace; the reply comes back through snat alone.
    const snat = compareModes(text('snat-seed'), [{ request: { from: 'VM3', to: '8.8.8.8' } }]).rows[0]!;
    expect(snat.dvr!.routers).toBe(3);
    expect(snat.legacy!.routers).toBe(2);
    // Steps are the simulator's, many per router.
    expect(snat.dvr!.steps).toBeGreaterThan(snat.dvr!.routers * 5);
  });
});

describe('compareModes on a sandbox’s model', () => {
  it('prices every example’s walks exactly as from the text alone, and uses the given model for the DVR side', async () => {
    const { buildModel, loadScenario } = await import('../../src/index.js');
    for (const example of examples) {
      const written = text(example.id);
      const model = buildModel(loadScenario(written).scenario!);
      const mix = [{ request: example.request }, ...(example.walks ?? []).map((w) => ({ request: w.request }))];
      expect(compareModes(written, mix, model), example.id).toEqual(compareModes(written, mix));
    }
    // The DVR side is the given model itself: another scenario's model, where VM3 does not exist, leaves it untraced.
    const other = buildModel(loadScenario(text('east-west')).scenario!);
    const row = compareModes(text('snat-seed'), [{ request: { from: 'VM3', to: '8.8.8.8' } }], other).rows[0]!;
    expect(row.dvr).toBeNull();
    expect(row.legacy).toMatchObject({ verdict: 'delivered' });
  });
});

describe('configFiles and troubleshootingSteps', () => {
  it("generates each node's agent_mode, local_ip and DVR options from the scenario", async () => {
    const { configFiles, buildModel, loadScenario } = await import('../../src/index.js');
    const model = buildModel(loadScenario(text('snat-seed')).scenario!);
    const l3 = configFiles(model, 'compute1').find((f) => f.path.endsWith('l3_agent.ini'))!;
    expect(l3.text).toContain('agent_mode = dvr\n');
    const net = configFiles(model, 'network');
    expect(net.find((f) => f.path.endsWith('l3_agent.ini'))!.text).toContain('agent_mode = dvr_snat');
    const ml2 = net.find((f) => f.path.endsWith('ml2_conf.ini'))!.text;
    expect(ml2).toContain('local_ip = 172.16.0.11');
    expect(ml2).toContain('mechanism_drivers = openvswitch,l2population');
    expect(ml2).toContain('enable_distributed_routing = True');
    expect(ml2).toContain(
      "[securitygroup]\n# Security groups as iptables chains on each VM's qbr bridge (hybrid plugging), members in ipsets\nfirewall_driver = neutron.agent.linux.iptables_firewall.OVSHybridIptablesFirewallDriver",
    );
    expect(ml2).toContain('enable_ipset = True');
    expect(configFiles(model, 'nowhere')).toEqual([]);
  });

  it('gives every node a metadata agent, compute nodes included, because each qrouter- runs a metadata proxy', async () => {
    const { configFiles, buildModel, loadScenario } = await import('../../src/index.js');
    const model = buildModel(loadScenario(text('snat-seed')).scenario!);
    for (const host of model.scenario.hosts) {
      const files = configFiles(model, host.name);
      expect(files.map((f) => f.path)).toContain('/etc/neutron/metadata_agent.ini');
      expect(files.find((f) => f.path.endsWith('l3_agent.ini'))!.text).toContain('enable_metadata_proxy = True');
    }
  });

  it('puts local_ip in [ovs] and the DVR switches of the OVS agent in [agent]', async () => {
    const { configFiles, buildModel, loadScenario } = await import('../../src/index.js');
    const model = buildModel(loadScenario(text('snat-seed')).scenario!);
    const ml2 = configFiles(model, 'compute1').find((f) => f.path.endsWith('ml2_conf.ini'))!.text;
    const section = (name: string) => ml2.split(`[${name}]\n`)[1]!.split('\n\n')[0]!;
    expect(section('ovs')).toContain('local_ip = ');
    expect(section('agent')).toContain('enable_distributed_routing = True');
    expect(section('agent')).toContain('l2_population = True');
    expect(section('agent')).not.toContain('local_ip');
  });

  it('lists the commands that follow the SNAT walk, each expecting the rule the trace matched', async () => {
    const { troubleshootingSteps, buildModel, loadScenario, tracePacket } = await import('../../src/index.js');
    const model = buildModel(loadScenario(text('snat-seed')).scenario!);
    const trace = tracePacket(model, { from: 'VM3', to: '8.8.8.8' }).trace!;
    const steps = troubleshootingSteps(model, trace);
    const rule = steps.find((s) => s.host === 'compute1' && s.command.endsWith(' ip rule'))!;
    expect(rule.command).toMatch(/^ip netns exec qrouter-\S+ ip rule$/);
    expect(rule.output).toContain(rule.expect);
    const sg = steps.find((s) => s.host === 'compute1' && s.command === 'iptables -S')!;
    expect(sg.expect).toMatch(/^-A neutron-openvswi-o\S+ -j RETURN$/);
    expect(sg.output).toContain(sg.expect);
    const flows = steps.filter((s) => s.command.startsWith('ovs-ofctl dump-flows'));
    for (const f of flows) expect(f.output).toContain(f.expect);
    expect(
      steps.some(
        (s) =>
          s.host === 'network' &&
          s.command.endsWith('iptables -t nat -S') &&
          s.expect.includes('SNAT --to-source 10.100.100.162'),
      ),
    ).toBe(true);
  });
});
