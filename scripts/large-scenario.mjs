// A generated 200-host / 2,000-VM cloud for `npm run bench:site`: the SNAT chapter's scenario (same JSON pointers, so
// the chapter's quick form still edits it) scaled up to 1 dvr_snat network node, 199 dvr compute nodes and 2,000 VMs.

/** Builds the scenario text and the packet the SNAT chapter traces (VM3 -> 8.8.8.8). */
export function largeScenario({ computes = 199, vms = 2000, nets = 10 } = {}) {
  const hosts = [{ name: 'network', agentMode: 'dvr_snat' }];
  for (let i = 1; i <= computes; i++) hosts.push({ name: `compute${i}`, agentMode: 'dvr' });
  // networks[0], networks[1] and vms[0] are where the chapter's form fields point (public, App, VM3).
  const networks = [
    { name: 'public', external: true, subnet: { cidr: '10.100.100.0/24', gateway: '10.100.100.1' } },
    { name: 'App', subnet: { cidr: '192.168.200.0/24' } },
  ];
  for (let n = 0; n < nets; n++) networks.push({ name: `net${n}`, subnet: { cidr: `10.${n}.0.0/20` } });
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
    list.push({ name: `vm${i}`, host: `compute${(i % computes) + 1}`, network: `net${i % nets}` });
  const scenario = {
    version: 1,
    title: `${computes + 1} hosts, ${vms} VMs (bench)`,
    hosts,
    networks,
    routers,
    vms: list,
  };
  return { text: JSON.stringify(scenario, null, 1), request: { from: 'VM3', to: '8.8.8.8', proto: 'icmp' } };
}
