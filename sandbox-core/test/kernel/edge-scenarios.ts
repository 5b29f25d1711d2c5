/**
 * Hand-made scenarios for what random ones rarely reach: SNAT tables that share the kernel's
 * table hash bucket with main (a gateway ending in .254), with table 16 (a gateway ending in .16),
 * with each other (.1 gateways), several floating IPs on one host, and a legacy router with a
 * floating IP next to distributed ones.
 */
export const edgeScenarios: { id: string; why: string; scenario: object }[] = [
  {
    id: 'table-buckets',
    why: 'SNAT tables in the hash buckets of main (254) and of table 16 are listed where the kernel lists them',
    scenario: {
      version: 1,
      title: 'table buckets',
      hosts: [
        { name: 'network', agentMode: 'dvr_snat' },
        { name: 'compute1', agentMode: 'dvr' },
        { name: 'compute2', agentMode: 'dvr' },
      ],
      networks: [
        { name: 'public', external: true, subnet: { cidr: '198.51.100.0/24', gateway: '198.51.100.1' } },
        { name: 'a', subnet: { cidr: '10.1.1.0/24', gateway: '10.1.1.254' } },
        { name: 'b', subnet: { cidr: '10.2.2.0/24', gateway: '10.2.2.16' } },
        { name: 'c', subnet: { cidr: '10.3.3.0/24' } },
        { name: 'd', subnet: { cidr: '172.16.8.0/22', gateway: '172.16.11.254' } },
      ],
      routers: [
        { name: 'r1', externalGateway: { network: 'public' }, interfaces: ['a', 'b', 'c'] },
        { name: 'r2', externalGateway: { network: 'public' }, interfaces: ['d'] },
      ],
      vms: [
        { name: 'a1', host: 'compute1', network: 'a', floatingIp: true },
        { name: 'b1', host: 'compute1', network: 'b', floatingIp: true },
        { name: 'c1', host: 'compute1', network: 'c' },
        { name: 'd1', host: 'compute1', network: 'd', floatingIp: true },
        { name: 'a2', host: 'compute2', network: 'a' },
        { name: 'c2', host: 'compute2', network: 'c', floatingIp: true },
        { name: 'd2', host: 'compute2', network: 'd' },
      ],
    },
  },
  {
    id: 'legacy-beside-dvr',
    why: 'a legacy router holding floating IPs on its qg- port sits beside a distributed router on the same external network',
    scenario: {
      version: 1,
      title: 'legacy beside dvr',
      hosts: [
        { name: 'network', agentMode: 'dvr_snat' },
        { name: 'compute1', agentMode: 'dvr' },
        { name: 'old', agentMode: 'legacy' },
      ],
      networks: [
        { name: 'public', external: true, subnet: { cidr: '203.0.113.0/25', gateway: '203.0.113.1' } },
        { name: 'x', subnet: { cidr: '192.168.10.0/24' } },
        { name: 'y', subnet: { cidr: '192.168.20.0/24' } },
        { name: 'z', subnet: { cidr: '192.168.30.0/24' } },
      ],
      routers: [
        { name: 'dvr', externalGateway: { network: 'public' }, interfaces: ['x'] },
        { name: 'central', distributed: false, externalGateway: { network: 'public' }, interfaces: ['y', 'z'] },
      ],
      vms: [
        { name: 'x1', host: 'compute1', network: 'x', floatingIp: true },
        { name: 'y1', host: 'compute1', network: 'y', floatingIp: true },
        { name: 'y2', host: 'old', network: 'y' },
        { name: 'z1', host: 'compute1', network: 'z', floatingIp: true },
      ],
    },
  },
];
