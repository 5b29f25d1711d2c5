import { describe, expect, it } from 'vitest';
import { topology } from '../../src/index.js';
import { exampleModel, modelOf } from '../helpers.js';

describe('topology', () => {
  it('topology(model) draws every host of the example, in scenario order', () => {
    const t = topology(exampleModel('snat-seed'));
    expect(t.hosts.map((h) => h.name)).toEqual(['network', 'compute1']);
  });

  it('topology(model, { hosts }) keeps only the named hosts, their boxes and their links, in scenario order', () => {
    const model = exampleModel('snat-seed');
    const full = topology(model);
    const one = topology(model, { hosts: ['compute1'] });
    expect(one.hosts).toEqual([full.hosts[1]]);
    expect(one.links).toEqual(full.links.filter((l) => l.from.startsWith('compute1/')));
    expect(one.external).toEqual(full.external);
  });

  it('topology(model, { hosts }) of a 100-host cloud builds only the state of the hosts it draws', () => {
    const hosts = [
      { name: 'network', agentMode: 'dvr_snat' },
      ...Array.from({ length: 99 }, (_, i) => ({ name: `compute${i + 1}`, agentMode: 'dvr' })),
    ];
    const model = modelOf({
      version: 1,
      hosts,
      networks: [{ name: 'App', subnet: { cidr: '10.0.0.0/20' } }],
      routers: [],
      vms: hosts.slice(1).map((h, i) => ({ name: `vm${i}`, host: h.name, network: 'App' })),
    });
    const built: string[] = [];
    const host = model.host.bind(model);
    model.host = (name: string) => (built.push(name), host(name));
    const t = topology(model, { hosts: ['compute7', 'network'] });
    expect(t.hosts.map((h) => h.name)).toEqual(['network', 'compute7']);
    expect(new Set(built)).toEqual(new Set(['network', 'compute7']));
  });
});
