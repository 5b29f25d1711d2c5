import { describe, expect, it } from 'vitest';
import { formatIpv4, loadScenario, resolveScenario } from '../../src/index.js';
import { exampleScenario } from '../helpers.js';

const ip = (n: number) => formatIpv4(n);

describe('resolveScenario', () => {
  it('allocates the seed example in canonical order: DHCP .2, sg- .3, VM3 .6, qg- .162', () => {
    const { scenario, errors } = resolveScenario(exampleScenario('snat-seed'));
    expect(errors).toEqual([]);
    const r = scenario!.routers[0]!;
    expect(ip(scenario!.dhcpPorts.get('App')!.ip)).toBe('192.168.200.2');
    expect(ip(r.interfaces[0]!.qr.ip)).toBe('192.168.200.1');
    expect(ip(r.interfaces[0]!.sg!.ip)).toBe('192.168.200.3');
    expect(ip(r.gateway!.qg.ip)).toBe('10.100.100.162');
    expect(ip(scenario!.vms[0]!.port.ip)).toBe('192.168.200.6');
    expect(r.centralHost!.name).toBe('network');
  });

  it('gives automatic addresses the lowest free address, explicit ones being reserved first', () => {
    const s = exampleScenario('snat-seed');
    delete s.routers[0].externalGateway.ip;
    s.vms[0].ip = '192.168.200.3';
    s.vms.push(
      { name: 'VM4', host: 'compute1', network: 'App' },
      { name: 'VM5', host: 'compute1', network: 'App', floatingIp: true },
    );
    const { scenario, errors } = resolveScenario(s);
    expect(errors).toEqual([]);
    const r = scenario!.routers[0]!;
    expect(ip(r.gateway!.qg.ip)).toBe('10.100.100.162');
    expect(ip(r.interfaces[0]!.sg!.ip)).toBe('192.168.200.4');
    expect(scenario!.vms.map((v) => ip(v.port.ip))).toEqual(['192.168.200.3', '192.168.200.5', '192.168.200.6']);
    // The floating IP (floatingip-create) before compute1's fg- port (made when the agent first serves it).
    expect(ip(scenario!.vms[2]!.floatingIp!)).toBe('10.100.100.163');
    expect(ip(scenario!.fgPorts.get('compute1')!.get('public')!.ip)).toBe('10.100.100.164');
  });

  it('interleaves floating IPs and fg- ports in VM order: each host gets its fg- right after its first floating IP', () => {
    const s = exampleScenario('dvr-vs-legacy');
    const { scenario } = resolveScenario(s);
    const fg = (h: string) => ip(scenario!.fgPorts.get(h)!.get('public')!.ip);
    const fip = (vm: string) => ip(scenario!.vms.find((v) => v.name === vm)!.floatingIp!);
    expect([fip('web1'), fg('compute1'), fip('web2'), fg('compute2')]).toEqual([
      '10.100.100.163',
      '10.100.100.164',
      '10.100.100.165',
      '10.100.100.166',
    ]);
  });

  it('gives a legacy router no fg- port: its floating IPs fill a /29 that an fg- would have overflowed', () => {
    const s = exampleScenario('legacy-router');
    s.networks[0].subnet = { cidr: '10.100.100.160/29', gateway: '10.100.100.161' };
    delete s.routers[0].externalGateway.ip;
    s.vms.push({ name: 'VM3', host: 'network', network: 'Web' });
    s.vms = s.vms.map((v: { floatingIp?: unknown }) => ({ ...v, floatingIp: true }));
    for (const v of s.vms) delete v.ip;
    const { scenario, errors } = resolveScenario(s);
    expect(errors).toEqual([]);
    expect(scenario!.fgPorts.size).toBe(0);
    expect(scenario!.ports.some((p) => p.owner === 'network:floatingip_agent_gateway')).toBe(false);
  });

  it('refuses a second external network at its "external" field (TooManyExternalNetworks)', () => {
    const s = exampleScenario('snat-seed');
    s.networks.push({ name: 'public2', external: true, subnet: { cidr: '10.200.0.0/24' } });
    const { scenario, errors } = resolveScenario(s);
    expect(scenario).toBeNull();
    expect(errors).toEqual([
      { path: '/networks/2/external', message: expect.stringContaining('TooManyExternalNetworks') as unknown },
    ]);
  });

  it('derives tunnel addresses, segmentation ids and DVR MACs deterministically', () => {
    const a = resolveScenario(exampleScenario('east-west')).scenario!;
    const b = resolveScenario(exampleScenario('east-west')).scenario!;
    expect(a.hosts.map((h) => ip(h.tunnelIp))).toEqual(['172.16.0.11', '172.16.0.12', '172.16.0.13']);
    expect(a.networks.filter((n) => !n.external).map((n) => n.segmentationId)).toEqual([1001, 1002]);
    expect(a.hosts.map((h) => h.dvrMac)).toEqual(b.hosts.map((h) => h.dvrMac));
    for (const h of a.hosts) expect(h.dvrMac).toMatch(/^fa:16:3f:/);
  });

  it('a legacy-mode host gets no DVR MAC, and a legacy router lives on the first legacy host', () => {
    const s = resolveScenario(exampleScenario('legacy-router')).scenario!;
    expect(s.hosts.every((h) => h.dvrMac === null)).toBe(true);
    expect(s.routers[0]!.centralHost!.name).toBe('network');
    expect(s.routers[0]!.interfaces.every((i) => i.sg === null)).toBe(true);
  });

  it('loadScenario reports syntax errors with line and column instead of throwing', () => {
    const { scenario, errors } = loadScenario('{\n  "version": 1,\n}');
    expect(scenario).toBeNull();
    expect(errors[0]).toMatchObject({ path: '', line: 3, column: 1 });
  });
});

describe('loadScenario at the edges', () => {
  it('ignores a leading byte order mark, as RFC 8259 allows', () => {
    const text = '\ufeff' + JSON.stringify(exampleScenario('snat-seed'));
    expect(loadScenario(text).errors).toEqual([]);
  });

  it('keeps "__proto__" and "constructor" as ordinary (unknown) keys', () => {
    const s = exampleScenario('snat-seed');
    const text = JSON.stringify(s).replace('"version":1', '"version":1,"__proto__":{"x":1},"constructor":2');
    expect(loadScenario(text).errors.map((e) => e.path)).toEqual(['/__proto__', '/constructor']);
  });
});
