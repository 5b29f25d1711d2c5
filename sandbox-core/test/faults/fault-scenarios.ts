import { examples } from '../../src/index.js';
import type { TraceRequest } from '../../src/index.js';

/** One deployment fault applied to a course example: the broken scenario and the walk that shows the symptom. */
export interface FaultScenario {
  id: string;
  /** The host whose views show the fault. */
  host: string;
  scenario: Record<string, unknown>;
  walk: TraceRequest;
}

type Json = Record<string, any>;

function broken(exampleId: string, change: (s: Json) => void): Json {
  const s = structuredClone(examples.find((e) => e.id === exampleId)!.scenario) as Json;
  change(s);
  return s;
}

/** The faults of the labs, each on its chapter's example (the same breaks the chapters' <FaultLab>s apply). */
export const faultScenarios: FaultScenario[] = [
  {
    id: 'no-distributed-routing',
    host: 'compute1',
    scenario: broken('east-west', (s) => (s.hosts[1].ovs = { enableDistributedRouting: false })),
    walk: { from: 'VM1', to: 'VM2' },
  },
  {
    id: 'no-l2population-driver',
    host: 'compute1',
    scenario: broken('east-west', (s) => (s.ml2 = { l2population: false })),
    walk: { from: 'VM1', to: 'VM2' },
  },
  {
    id: 'no-br-ex',
    host: 'compute1',
    scenario: broken('floating-ip', (s) => (s.hosts[1].bridges = { brEx: false })),
    walk: { from: '8.8.8.8', to: '203.0.113.10' },
  },
  {
    id: 'snat-not-scheduled',
    host: 'network',
    scenario: broken('snat-seed', (s) => (s.routers[0].snatScheduled = false)),
    walk: { from: 'VM3', to: '8.8.8.8' },
  },
  {
    id: 'legacy-compute',
    host: 'compute1',
    scenario: broken('dvr-vs-legacy', (s) => (s.hosts[1].agentMode = 'legacy')),
    // HTTPS, which the example's https group lets in (a ping would stop at web1's qbr in the healthy cloud too).
    walk: { from: '8.8.8.8', to: '10.100.100.163', proto: 'tcp', dport: 443 },
  },
  {
    id: 'wrong-local-ip',
    host: 'compute1',
    scenario: broken('troubleshooting', (s) => (s.hosts[1].ovs = { localIp: '172.16.0.12' })),
    walk: { from: 'VM3', to: '8.8.8.8' },
  },
];
