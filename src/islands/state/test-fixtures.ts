import type { TraceRequest } from './core-types';

/** The seed-like scenario text used by form and controller tests. */
export const FAKE_SCENARIO_TEXT = `{
  "version": 1,
  "hosts": [
    { "name": "network", "agentMode": "dvr_snat" },
    { "name": "compute1", "agentMode": "dvr" }
  ],
  "networks": [
    { "name": "public", "external": true, "subnet": { "cidr": "10.100.100.160/28", "gateway": "10.100.100.161" } },
    { "name": "App", "subnet": { "cidr": "192.168.200.0/24" } }
  ],
  "routers": [
    { "name": "router1", "distributed": true, "externalGateway": { "network": "public", "ip": "10.100.100.162" }, "interfaces": ["App"] }
  ],
  "vms": [{ "name": "VM3", "host": "compute1", "network": "App", "ip": "192.168.200.6" }]
}
`;

/** The seed request. */
export const FAKE_REQUEST: TraceRequest = { from: 'VM3', to: '8.8.8.8', proto: 'icmp' as const };
