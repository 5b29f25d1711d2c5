import { examples } from '@dvr-lab/sandbox-core';
import type { TraceRequest } from './core-types';
import { scenarioText } from './example-data';

/** A scenario the free lab can start from: a course example or the empty cloud, with the packet to trace first. */
export interface LabStart {
  id: string;
  title: string;
  text: string;
  request: TraceRequest;
}

/**
 * The smallest cloud worth tracing: a network node holding SNAT, two compute nodes, one tenant network behind a
 * distributed router, one VM. Instructors build their own cases from it in the editor.
 */
export const EMPTY_CLOUD: LabStart = {
  id: 'empty-cloud',
  title: 'An empty cloud: a network node, two compute nodes, one network and one VM',
  text: scenarioText({
    version: 1,
    title: 'An empty cloud',
    hosts: [
      { name: 'network', agentMode: 'dvr_snat' },
      { name: 'compute1', agentMode: 'dvr' },
      { name: 'compute2', agentMode: 'dvr' },
    ],
    networks: [
      { name: 'public', external: true, subnet: { cidr: '203.0.113.0/24', gateway: '203.0.113.1' } },
      { name: 'net1', subnet: { cidr: '10.0.0.0/24' } },
    ],
    routers: [{ name: 'router1', distributed: true, externalGateway: { network: 'public' }, interfaces: ['net1'] }],
    vms: [{ name: 'vm1', host: 'compute1', network: 'net1' }],
  }),
  request: { from: 'vm1', to: '8.8.8.8' },
};

/** Every start the free lab offers: each course example as its chapter shows it, then the empty cloud. */
export function labStarts(): LabStart[] {
  return [
    ...examples.map((e) => ({ id: e.id, title: e.title, text: scenarioText(e.scenario), request: e.request })),
    EMPTY_CLOUD,
  ];
}
