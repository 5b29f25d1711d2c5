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
    // fg- port of compute1 before the floating IP given as true.
    expect(ip(scenario!.fgPorts.get('compute1')!.get('public')!.ip)).toBe('10.100.100.163');
    expect(ip(scenario!.vms[2]!.floatingIp!)).toBe('10.100.100.164');
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
