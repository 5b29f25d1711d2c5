import buildingBlocks from './building-blocks.json' with { type: 'json' };
import dvrVsLegacy from './dvr-vs-legacy.json' with { type: 'json' };
import eastWest from './east-west.json' with { type: 'json' };
import floatingIp from './floating-ip.json' with { type: 'json' };
import legacyRouter from './legacy-router.json' with { type: 'json' };
import noGateway from './no-gateway.json' with { type: 'json' };
import snatSeed from './snat-seed.json' with { type: 'json' };
import troubleshooting from './troubleshooting.json' with { type: 'json' };
import type { TraceRequest } from '../trace/trace-types.js';

/** A labelled address in a scenario that a chapter's quick form lets the reader change. */
export interface FormField {
  label: string;
  /** JSON pointer into the scenario. */
  pointer: string;
  kind: 'ipv4' | 'cidr';
}

/** A walk the course teaches on an example: its name and the packet to trace. */
export interface Walk {
  id: string;
  title: string;
  request: TraceRequest;
  /** How often this packet happens relative to the example's other walks (default 1): a comparison's starting mix. */
  weight?: number;
}

/** A course scenario with its default packet, its other walks and its quick-form fields: shared by chapters, tests and the CLI. */
export interface Example {
  id: string;
  title: string;
  scenario: unknown;
  request: TraceRequest;
  walks: Walk[];
  formFields: FormField[];
}

/** Every example of the course, in chapter order. */
export const examples: Example[] = [
  {
    id: 'legacy-router',
    title: legacyRouter.title,
    scenario: legacyRouter,
    request: { from: 'VM1', to: 'VM2', proto: 'icmp' },
    walks: [
      { id: 'east-west', title: 'East-west through the network node', request: { from: 'VM1', to: 'VM2' } },
      { id: 'snat', title: 'SNAT on the network node', request: { from: 'VM2', to: '8.8.8.8' } },
      { id: 'fip-in', title: 'Floating IP inbound', request: { from: '8.8.8.8', to: '10.100.100.170' } },
    ],
    formFields: [
      { label: 'Public network', pointer: '/networks/0/subnet/cidr', kind: 'cidr' },
      { label: 'Router gateway address', pointer: '/routers/0/externalGateway/ip', kind: 'ipv4' },
      { label: 'VM1 floating IP', pointer: '/vms/0/floatingIp', kind: 'ipv4' },
    ],
  },
  {
    id: 'building-blocks',
    title: buildingBlocks.title,
    scenario: buildingBlocks,
    request: { from: 'VM2', to: '8.8.8.8', proto: 'icmp' },
    walks: [
      { id: 'snat', title: 'VM2 out through the snat namespace', request: { from: 'VM2', to: '8.8.8.8' } },
      { id: 'fip-out', title: 'VM1 out through its fip namespace', request: { from: 'VM1', to: '8.8.8.8' } },
    ],
    formFields: [
      { label: 'Public network', pointer: '/networks/0/subnet/cidr', kind: 'cidr' },
      { label: 'External gateway', pointer: '/networks/0/subnet/gateway', kind: 'ipv4' },
      { label: 'Blue network', pointer: '/networks/1/subnet/cidr', kind: 'cidr' },
    ],
  },
  {
    id: 'east-west',
    title: eastWest.title,
    scenario: eastWest,
    request: { from: 'VM1', to: 'VM2', proto: 'icmp' },
    walks: [
      { id: 'cross-host', title: 'Across hosts', request: { from: 'VM1', to: 'VM2' } },
      { id: 'same-host', title: 'Same host, different subnets', request: { from: 'VM1', to: 'VM4' } },
      { id: 'same-network', title: 'Same network, different hosts (plain L2)', request: { from: 'VM4', to: 'VM2' } },
    ],
    formFields: [
      { label: 'Web network', pointer: '/networks/1/subnet/cidr', kind: 'cidr' },
      { label: 'DB network', pointer: '/networks/2/subnet/cidr', kind: 'cidr' },
      { label: 'VM1 address', pointer: '/vms/0/ip', kind: 'ipv4' },
      { label: 'VM2 address', pointer: '/vms/1/ip', kind: 'ipv4' },
    ],
  },
  {
    id: 'floating-ip',
    title: floatingIp.title,
    scenario: floatingIp,
    request: { from: 'VM1', to: '8.8.8.8', proto: 'icmp' },
    walks: [
      { id: 'fip-out', title: 'Floating IP outbound', request: { from: 'VM1', to: '8.8.8.8' } },
      { id: 'fip-in', title: 'Floating IP inbound', request: { from: '8.8.8.8', to: '203.0.113.10' } },
      {
        id: 'snat-neighbour',
        title: 'The VM without a floating IP still uses SNAT',
        request: { from: 'VM2', to: '8.8.8.8' },
      },
    ],
    formFields: [
      { label: 'Public network', pointer: '/networks/0/subnet/cidr', kind: 'cidr' },
      { label: 'External gateway', pointer: '/networks/0/subnet/gateway', kind: 'ipv4' },
      { label: 'VM1 floating IP', pointer: '/vms/0/floatingIp', kind: 'ipv4' },
    ],
  },
  {
    id: 'snat-seed',
    title: snatSeed.title,
    scenario: snatSeed,
    request: { from: 'VM3', to: '8.8.8.8', proto: 'icmp' },
    walks: [{ id: 'snat', title: 'SNAT out and the asymmetric reply', request: { from: 'VM3', to: '8.8.8.8' } }],
    formFields: [
      { label: 'Public network', pointer: '/networks/0/subnet/cidr', kind: 'cidr' },
      { label: 'External gateway', pointer: '/networks/0/subnet/gateway', kind: 'ipv4' },
      { label: 'Shared SNAT address', pointer: '/routers/0/externalGateway/ip', kind: 'ipv4' },
      { label: 'App network', pointer: '/networks/1/subnet/cidr', kind: 'cidr' },
      { label: 'VM3 address', pointer: '/vms/0/ip', kind: 'ipv4' },
    ],
  },
  {
    id: 'dvr-vs-legacy',
    title: dvrVsLegacy.title,
    scenario: dvrVsLegacy,
    request: { from: 'web1', to: 'app2', proto: 'tcp', dport: 8080 },
    walks: [
      {
        id: 'east-west',
        title: 'Web to App across hosts',
        request: { from: 'web1', to: 'app2', proto: 'tcp', dport: 8080 },
        weight: 10,
      },
      {
        id: 'same-host',
        title: 'Web to App on one host',
        request: { from: 'web2', to: 'app1', proto: 'tcp', dport: 8080 },
        weight: 10,
      },
      {
        id: 'fip-in',
        title: 'A client reaches web2 by its floating IP',
        request: { from: '203.0.113.50', to: '10.100.100.165', proto: 'tcp', dport: 443 },
        weight: 5,
      },
      {
        id: 'snat',
        title: 'app2 fetches updates through SNAT',
        request: { from: 'app2', to: '8.8.8.8', proto: 'tcp', dport: 443 },
      },
    ],
    formFields: [
      { label: 'Public network', pointer: '/networks/0/subnet/cidr', kind: 'cidr' },
      { label: 'Web network', pointer: '/networks/1/subnet/cidr', kind: 'cidr' },
      { label: 'App network', pointer: '/networks/2/subnet/cidr', kind: 'cidr' },
    ],
  },
  {
    id: 'troubleshooting',
    title: troubleshooting.title,
    scenario: troubleshooting,
    request: { from: 'VM3', to: '8.8.8.8', proto: 'icmp' },
    walks: [
      { id: 'snat', title: 'VM3 out through SNAT', request: { from: 'VM3', to: '8.8.8.8' } },
      { id: 'fip-in', title: "Inbound to VM4's floating IP", request: { from: '8.8.8.8', to: '10.100.100.170' } },
    ],
    formFields: [
      { label: 'Public network', pointer: '/networks/0/subnet/cidr', kind: 'cidr' },
      { label: 'Shared SNAT address', pointer: '/routers/0/externalGateway/ip', kind: 'ipv4' },
      { label: 'VM4 floating IP', pointer: '/vms/1/floatingIp', kind: 'ipv4' },
      { label: 'compute1 tunnel address', pointer: '/hosts/1/tunnelIp', kind: 'ipv4' },
    ],
  },
  {
    id: 'no-gateway',
    title: noGateway.title,
    scenario: noGateway,
    request: { from: 'VM3', to: '8.8.8.8', proto: 'icmp' },
    walks: [
      { id: 'no-route', title: 'No external gateway: no route', request: { from: 'VM3', to: '8.8.8.8' } },
      { id: 'no-router', title: 'No router on the network', request: { from: 'VM9', to: 'VM3' } },
      { id: 'no-such-vm', title: 'An address nobody holds', request: { from: 'VM3', to: '192.168.200.99' } },
    ],
    formFields: [{ label: 'App network', pointer: '/networks/0/subnet/cidr', kind: 'cidr' }],
  },
];

/** An example by id. */
export function exampleById(id: string): Example | undefined {
  return examples.find((e) => e.id === id);
}
