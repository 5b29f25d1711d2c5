import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../../src/index.js';
import { externalArp, permanentNeighbour, portWithIp, proxyArpOn, upstreamMac } from '../../src/dataplane/arp.js';
import { names } from '../../src/model/names.js';
import type { Namespace } from '../../src/model/state-types.js';
import { exampleModel, modelOf } from '../helpers.js';

const ip = (text: string) => parseIpv4(text)!;

describe('ARP', () => {
  const model = exampleModel('floating-ip');
  const ext = model.scenario.networks.find((n) => n.external)!;
  const fg = model.scenario.fgPorts.get('compute1')!.get('public')!;

  it.each([
    ['the upstream gateway answers for itself, from outside the cloud', '203.0.113.1', 'gateway', null],
    ["compute1's fg- answers by proxy ARP for VM1's floating IP", '203.0.113.10', 'proxy ARP', 'compute1'],
    ['the fg- port answers for its own address', '203.0.113.3', 'fg- port', 'compute1'],
    ['an unused address of the external subnet gets no answer', '203.0.113.14', null, null],
  ])('externalArp: %s', (_, addr, why, host) => {
    const answer = externalArp(model, ext, ip(addr));
    if (why === null) return expect(answer).toBeNull();
    expect(answer!.why).toContain(why);
    expect(answer!.host?.name ?? null).toBe(host);
  });

  it('externalArp: proxy ARP comes from the proxy_arp sysctl the fip namespace records; without it nobody answers', () => {
    const m = exampleModel('floating-ip');
    const fip = m.host('compute1')!.namespaces.find((n) => n.kind === 'fip')!;
    expect(proxyArpOn(fip, names.fg(fg))).toBe(true);
    (fip as { sysctls: string[] }).sysctls = fip.sysctls.filter((s) => !s.includes('proxy_arp'));
    expect(externalArp(m, ext, ip('203.0.113.10'))).toBeNull();
  });

  it.each([
    ['the port of that address on the same network', 'A', '10.0.0.5', 'VM1'],
    ['nobody on network A holds 10.0.0.6, even though VM2 holds it on network B (same CIDR)', 'A', '10.0.0.6', null],
    ['VM2 answers on its own network', 'B', '10.0.0.6', 'VM2'],
  ])('portWithIp: %s', (_, netName, addr, vm) => {
    const m = modelOf({
      version: 1,
      hosts: [{ name: 'compute1', agentMode: 'dvr' }],
      networks: [
        { name: 'A', subnet: { cidr: '10.0.0.0/24' } },
        { name: 'B', subnet: { cidr: '10.0.0.0/24' } },
      ],
      routers: [],
      vms: [
        { name: 'VM1', host: 'compute1', network: 'A', ip: '10.0.0.5' },
        { name: 'VM2', host: 'compute1', network: 'B', ip: '10.0.0.6' },
      ],
    });
    const net = m.scenario.networks.find((n) => n.name === netName)!;
    expect(portWithIp(m.scenario.ports, net, ip(addr))?.vm?.name ?? null).toBe(vm);
  });

  it('permanentNeighbour: the entry the agent wrote for a VM on the qr- device, and none on another device', () => {
    const ns: Namespace = model.host('compute1')!.namespaces.find((n) => n.kind === 'qrouter')!;
    const qr = ns.devices.find((d) => d.kind === 'qr')!.name;
    expect(permanentNeighbour(ns, ip('192.168.200.7'), qr)?.mac).toMatch(/^fa:16:3e:/);
    expect(permanentNeighbour(ns, ip('192.168.200.7'), 'rfp-x')).toBeNull();
  });

  it('upstreamMac is stable per gateway and never a Neutron MAC', () => {
    expect(upstreamMac(ip('203.0.113.1'))).toBe(upstreamMac(ip('203.0.113.1')));
    expect(upstreamMac(ip('203.0.113.1'))).toMatch(/^52:54:00:/);
  });
});
